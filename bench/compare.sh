#!/usr/bin/env bash
# A/B: time `cxsite build` of the generated N-insight project with two
# binaries, interleaved (A B A B …) so that a slow moment of the machine
# hits both alike. Prints each run and the medians.
#
#   bench/compare.sh OLD_BINARY NEW_BINARY            # N = 10000, RUNS = 5
#   RUNS=9 N=1000 bench/compare.sh old/cxsite target/release/cxsite
#   SITES=/dev/shm bench/compare.sh …   # write the sites to RAM: no disk noise
#
# Needs python3 and GNU time at /usr/bin/time. See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { echo "compare.sh: $*" >&2; exit 2; }

[ $# -eq 2 ] || die "usage: bench/compare.sh OLD_BINARY NEW_BINARY"
RUNS="${RUNS:-5}"
N="${N:-10000}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer, got '$N'"
for b in "$1" "$2"; do [ -x "$b" ] || die "not an executable: $b"; done
[ -x /usr/bin/time ] || die "GNU time not found at /usr/bin/time (apt-get install time)"

out="${BENCH_OUT:-$here/out}"
project="$out/project-$N"
sites="${SITES:-$out}"
if [ ! -d "$project" ] || [ "$here/gen.py" -nt "$project" ]; then
    echo "generating $project …"
    python3 "$here/gen.py" "$N" "$project" --force >/dev/null
fi

log="$(mktemp)"
trap 'rm -f "$log" "$log.t"' EXIT
run() { # run TAG BINARY
    /usr/bin/time -f "%e %U %M" -o "$log.t" "$2" build "$project" -o "$sites/site-$N-$1" --quiet >/dev/null \
        || die "$2 build failed"
    echo "$1 $(cat "$log.t")" | tee -a "$log"
}
echo "warm-up (untimed), then $RUNS runs each of A=$1 and B=$2 on N=$N; columns: wall s, user CPU s, peak RSS KiB"
"$1" build "$project" -o "$sites/site-$N-A" --quiet >/dev/null
"$2" build "$project" -o "$sites/site-$N-B" --quiet >/dev/null
for _ in $(seq "$RUNS"); do
    run A "$1"
    run B "$2"
done
python3 - "$log" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {t: [st.median(float(r[i]) for r in rows if r[0] == t) for i in (1, 2, 3)] for t in "AB"}
for t in "AB":
    w, u, m = med[t]
    print(f"{t}: median wall {w:.2f} s, user CPU {u:.2f} s, peak RSS {m / 1024:.0f} MiB")
(wa, ua, ma), (wb, ub, mb) = med["A"], med["B"]
print(f"B vs A: wall {100 * (wb / wa - 1):+.1f} %, user CPU {100 * (ub / ua - 1):+.1f} %, RSS {100 * (mb / ma - 1):+.1f} %")
PY
