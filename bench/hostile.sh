#!/usr/bin/env bash
# Time and peak memory of `cxsite check` and `cxsite build` on hostile projects
# (issue 11, points 6 and 7), against one or more binaries, interleaved.
#
#   bench/hostile.sh                              target/release/cxsite (built first)
#   bench/hostile.sh OLD_BINARY NEW_BINARY        A/B, runs interleaved
#   RUNS=5 TIMEOUT=60 bench/hostile.sh ...
#
# Prints, per project and binary: exit code, median wall time and median peak
# RSS (MiB) over RUNS runs. A run killed by TIMEOUT shows exit 124.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
RUNS="${RUNS:-5}"
TIMEOUT="${TIMEOUT:-60}"
[ -x /usr/bin/time ] || { echo "hostile.sh: GNU time is needed at /usr/bin/time" >&2; exit 2; }

bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
    (cd "$repo" && cargo build --release) || exit 1
    bins=("$repo/target/release/cxsite")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
kinds=(nps steps evidence embeds embeds200 table table100k)
for k in "${kinds[@]}"; do python3 "$here/hostile.py" "$k" "$work/$k"; done

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-10s %-6s %-40s %5s %9s %9s\n' project cmd binary exit 'median s' 'peak MiB'
for k in "${kinds[@]}"; do
    case "$k" in nps|steps|evidence) cmd=check ;; *) cmd=build ;; esac
    for i in "${!bins[@]}"; do : >"$work/times-$i-$k"; done
    for ((r = 0; r < RUNS; r++)); do
        for i in "${!bins[@]}"; do
            b="${bins[$i]}"
            args=("$cmd" "$work/$k" --quiet)
            [ "$cmd" = build ] && args+=(-o "$work/site-$k-$i")
            set +e
            /usr/bin/time -f '%e %M %x' -o "$work/t" timeout "$TIMEOUT" "$b" "${args[@]}" >/dev/null 2>&1
            set -e
            tail -1 "$work/t" >>"$work/times-$i-$k"
        done
    done
    for i in "${!bins[@]}"; do
        f="$work/times-$i-$k"
        code="$(awk '{print $3}' "$f" | sort -u | tr '\n' ' ')"
        t="$(awk '{print $1}' "$f" | median)"
        m="$(awk '{print $2 / 1024}' "$f" | median)"
        printf '%-10s %-6s %-40s %5s %9s %9.0f\n' "$k" "$cmd" "${bins[$i]}" "$code" "$t" "$m"
    done
done
