#!/usr/bin/env bash
# Times `cxsite schema` on the 10k bench project (issue 13: under a second).
# Usage: bench/schema.sh [N]   (N insights, default 10000; RUNS=5, CXSITE=PATH as in run.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
runs="${RUNS:-5}"
out="${BENCH_OUT:-bench/out}"
if [ -z "${CXSITE:-}" ]; then
    cargo build --release --quiet
    CXSITE=target/release/cxsite
fi
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
project="$out/project-$n"
if [ ! -f "$project/cxsite.yaml" ] || [ bench/gen.py -nt "$project/.cxsite-bench-gen" ]; then
    python3 bench/gen.py "$n" "$project" --force
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$CXSITE" schema "$project" -o "$out/schema-$n" --quiet   # warm-up
for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -a -o "$tmp/times" "$CXSITE" schema "$project" -o "$out/schema-$n" --quiet
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
wall="$(cut -d' ' -f1 "$tmp/times" | median)"
mem="$(cut -d' ' -f2 "$tmp/times" | median)"
echo "cxsite schema, $n insights: median $wall s over $runs runs, peak $((mem / 1024)) MiB (target: under 1 s)"
awk -v w="$wall" 'BEGIN { exit !(w < 1.0) }' || { echo "target missed"; [ "${BENCH_ENFORCE:-0}" = 1 ] && exit 3; }
