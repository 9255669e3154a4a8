#!/usr/bin/env bash
# Benchmark `cxsite build` on generated projects.
#
#   bench/run.sh                 sizes 1000 and 10000, 5 timed runs each
#   bench/run.sh 1000 10000 50000
#   RUNS=10 bench/run.sh
#
# Environment:
#   RUNS=N          timed runs per size (default 5), after one untimed warm-up
#   CXSITE=PATH     use this binary instead of building target/release/cxsite
#   BENCH_OUT=DIR   where projects and sites go (default bench/out, gitignored)
#   BENCH_ENFORCE=1 exit 3 when a target for N=10000 is missed
#
# Needs python3 (for bench/gen.py) and GNU time at /usr/bin/time
# (Debian/Ubuntu: apt-get install time). See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
cd "$repo"

die() { echo "run.sh: $*" >&2; exit 2; }

RUNS="${RUNS:-5}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"

sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(1000 10000); fi
for n in "${sizes[@]}"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "sizes must be positive integers, got '$n' (usage: bench/run.sh [N ...])"
done

TIME=/usr/bin/time
[ -x "$TIME" ] || die "GNU time not found at $TIME (apt-get install time)"
"$TIME" -f '%e %M' -o /dev/null true 2>/dev/null \
    || die "$TIME does not accept -f/-o; GNU time is needed"
command -v python3 >/dev/null || die "python3 not found (needed by bench/gen.py)"

# ---- the binary ----------------------------------------------------------
if [ -n "${CXSITE:-}" ]; then
    bin="$CXSITE"
    echo "==> using CXSITE=$bin (no cargo build)"
else
    echo "==> cargo build --release"
    cargo build --release || { echo "run.sh: cargo build --release failed" >&2; exit 1; }
    bin="${CARGO_TARGET_DIR:-$repo/target}/release/cxsite"
fi
[ -x "$bin" ] || die "no executable at $bin"

out="${BENCH_OUT:-$here/out}"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# ---- projects -----------------------------------------------------------
# A project is (re)generated when missing or older than bench/gen.py.
for n in "${sizes[@]}"; do
    proj="$out/project-$n"
    if [ ! -f "$proj/cxsite.yaml" ] || [ "$here/gen.py" -nt "$proj/.cxsite-bench-gen" ]; then
        echo "==> generating $proj"
        python3 "$here/gen.py" "$n" "$proj" --force
    fi
done

# ---- timing -------------------------------------------------------------
# median of the numbers on stdin, one per line
median() {
    sort -g | awk '{ a[NR] = $1 }
        END { if (NR == 0) exit 1
              if (NR % 2) printf "%s\n", a[(NR + 1) / 2]
              else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# build_once N -> appends "wall_seconds peak_kib" to $tmp/times-N
build_once() {
    local n="$1" proj="$out/project-$1" site="$out/site-$1"
    local status=0
    "$TIME" -f '%e %M' -o "$tmp/time" \
        "$bin" build "$proj" -o "$site" --quiet >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
    if [ "$status" -ne 0 ]; then
        {
            echo "run.sh: cxsite build failed for N=$n (exit $status):"
            echo "  $bin build $proj -o $site --quiet"
            echo "---- stderr ----"
            cat "$tmp/stderr"
            if [ -s "$tmp/stdout" ]; then echo "---- stdout ----"; cat "$tmp/stdout"; fi
        } >&2
        exit 1
    fi
    if [ -s "$tmp/stderr" ] && [ ! -e "$tmp/warned-$n" ]; then
        : >"$tmp/warned-$n"
        echo "    note: the N=$n build printed $(wc -l <"$tmp/stderr") line(s) on stderr despite --quiet; first lines:" >&2
        head -n 5 "$tmp/stderr" | sed 's/^/      /' >&2
    fi
    tail -n 1 "$tmp/time" >>"$tmp/times-$n"
}

for n in "${sizes[@]}"; do
    echo "==> N=$n: 1 warm-up + $RUNS timed runs"
    : >"$tmp/times-$n"
    build_once "$n"
    : >"$tmp/times-$n"          # the warm-up does not count
    for ((i = 1; i <= RUNS; i++)); do build_once "$n"; done
done

# ---- report -------------------------------------------------------------
base="${sizes[0]}"
declare -A wall mib
echo
echo "cxsite build, median of $RUNS runs after 1 warm-up ($(nproc) CPUs, $(uname -m))"
printf '%8s  %8s  %8s  %15s  %9s  %14s\n' "N" "files" "wall s" "min-max s" "peak MiB" "time x N=$base"
for n in "${sizes[@]}"; do
    w="$(cut -d' ' -f1 "$tmp/times-$n" | median)"
    m="$(cut -d' ' -f2 "$tmp/times-$n" | median)"
    lo="$(cut -d' ' -f1 "$tmp/times-$n" | sort -g | head -n 1)"
    hi="$(cut -d' ' -f1 "$tmp/times-$n" | sort -g | tail -n 1)"
    w="$(awk -v w="$w" 'BEGIN { printf "%.2f", w }')"
    wall[$n]="$w"
    mib[$n]="$(awk -v k="$m" 'BEGIN { printf "%.1f", k / 1024 }')"
    files="$(find "$out/site-$n" -type f | wc -l)"
    ratio="$(awk -v a="$w" -v b="${wall[$base]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
    printf '%8s  %8s  %8.2f  %15s  %9s  %14s\n' "$n" "$files" "$w" "$lo-$hi" "${mib[$n]}" "$ratio"
done

# Targets (bench/README.md): N=10000 within 3 s and 300 MiB, 10k/1k time ratio <= 11.
missed=0
check() { # label value op limit unit
    if awk -v v="$2" -v l="$4" 'BEGIN { exit !(v <= l) }'; then
        printf '  %-22s %8s %-3s  <= %s %s  ok\n' "$1" "$2" "$5" "$4" "$5"
    else
        printf '  %-22s %8s %-3s  <= %s %s  MISSED\n' "$1" "$2" "$5" "$4" "$5"
        missed=1
    fi
}
if [ -n "${wall[10000]:-}" ]; then
    echo
    echo "targets:"
    check "N=10000 wall time" "${wall[10000]}" "<=" 3 "s"
    check "N=10000 peak memory" "${mib[10000]}" "<=" 300 "MiB"
    if [ -n "${wall[1000]:-}" ]; then
        r="$(awk -v a="${wall[10000]}" -v b="${wall[1000]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }')"
        check "10k/1k time ratio" "$r" "<=" 11 "x"
    fi
fi
if [ "$missed" -ne 0 ] && [ "${BENCH_ENFORCE:-0}" = 1 ]; then
    exit 3
fi
