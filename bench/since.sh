#!/usr/bin/env bash
# Issue 15's budget: building the 10k bench project with `--since` an earlier
# 10k snapshot may cost at most 15 % more than without. Runs compare.sh with
# A = a plain build and B = the same binary with --since (interleaved medians).
#
#   bench/since.sh [BINARY]          # default target/release/cxsite; N, RUNS, SITES as for compare.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(realpath "${1:-$here/../target/release/cxsite}")"
N="${N:-10000}"
out="${BENCH_OUT:-$here/out}"
project="$out/project-$N"
[ -d "$project" ] || python3 "$here/gen.py" "$N" "$project" --force >/dev/null
interim="$out/interim-$N.json"
if [ ! -f "$interim" ] || [ "$here/interim.py" -nt "$interim" ]; then
    tmp="$(mktemp -d)"
    "$bin" build "$project" -o "$tmp/site" --quiet
    python3 "$here/interim.py" "$tmp/site/cxsite-data.json" "$interim"
    rm -rf "$tmp"
fi
wrapper="$out/cxsite-with-since"
printf '#!/bin/sh\nexec "%s" "$@" --since "%s"\n' "$bin" "$interim" > "$wrapper"
chmod +x "$wrapper"
N="$N" "$here/compare.sh" "$bin" "$wrapper"
