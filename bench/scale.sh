#!/usr/bin/env bash
# The scale figures of issue #16, one command each (medians of RUNS runs):
#
#   bench/scale.sh export      peak RSS and wall time of `cxsite export` of the 10k project
#   bench/scale.sh size        bytes of the 10k site, in all and by kind of file
#   bench/scale.sh portfolio   `cxsite portfolio` of 50 studies × 200 insights: cold, and a
#                              rebuild after touching one study, paired with the 10k build
#
# Environment: CXSITE=PATH (default target/release/cxsite, built if missing),
# RUNS=N (default 5), BENCH_OUT=DIR (default bench/out), SITES=DIR (where sites
# and exports go; /dev/shm keeps disk noise out). Needs python3 and GNU time.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
die() { echo "scale.sh: $*" >&2; exit 2; }

what="${1:-}"
case "$what" in export | size | portfolio) ;; *) die "usage: bench/scale.sh export|size|portfolio" ;; esac
RUNS="${RUNS:-5}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
[ -x /usr/bin/time ] || die "GNU time not found at /usr/bin/time (apt-get install time)"
out="${BENCH_OUT:-$here/out}"
sites="${SITES:-$out}"
mkdir -p "$out" "$sites"

bin="${CXSITE:-$repo/target/release/cxsite}"
if [ -z "${CXSITE:-}" ]; then
    (cd "$repo" && cargo build --release --quiet) || die "cargo build --release failed"
fi
[ -x "$bin" ] || die "not an executable: $bin"

project="$out/project-10000"
if [ ! -d "$project" ] || [ "$here/gen.py" -nt "$project" ]; then
    echo "generating $project …"
    python3 "$here/gen.py" 10000 "$project" --force >/dev/null
fi

log="$(mktemp)"
trap 'rm -f "$log" "$log.t"' EXIT
# timed TAG CMD… : appends "TAG wall_s user_s peak_kib" to $log
timed() {
    local tag="$1"
    shift
    /usr/bin/time -f "%e %U %M" -o "$log.t" "$@" >/dev/null 2>"$log.err" || {
        cat "$log.err" >&2
        die "failed: $*"
    }
    echo "$tag $(cat "$log.t")" | tee -a "$log"
}
medians() {
    python3 - "$log" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
tags = list(dict.fromkeys(r[0] for r in rows))
med = {}
for t in tags:
    w, u, m = (st.median(float(r[i]) for r in rows if r[0] == t) for i in (1, 2, 3))
    med[t] = w
    n = sum(1 for r in rows if r[0] == t)
    print(f"{t}: median wall {w:.2f} s, user CPU {u:.2f} s, peak RSS {m / 1024:.0f} MiB ({n} runs)")
if "portfolio-cold" in med and "build-10k" in med:
    print(f"portfolio cold / 10k build: {med['portfolio-cold'] / med['build-10k']:.2f} (target <= 1.2)")
if "portfolio-touch" in med and "portfolio-cold" in med:
    print(f"rebuild after touching one study / cold: {100 * med['portfolio-touch'] / med['portfolio-cold']:.1f} % (target <= 10 %)")
PY
}

case "$what" in
export)
    echo "warm-up, then $RUNS exports of $project; columns: wall s, user CPU s, peak RSS KiB"
    "$bin" export "$project" -o "$sites/export-10000.html" --quiet >/dev/null
    for _ in $(seq "$RUNS"); do timed export "$bin" export "$project" -o "$sites/export-10000.html" --quiet; done
    medians
    echo "target: peak RSS <= 600 MiB; file: $(du -b "$sites/export-10000.html" | cut -f1) bytes"
    ;;
size)
    site="$sites/site-10000-size"
    "$bin" build "$project" -o "$site" --quiet >/dev/null
    total=$(du -sb --apparent-size "$site" | cut -f1)
    echo "10k site: $total bytes ($((total / 1000000)) MB; target <= 100 MB)"
    # By kind: the biggest parts of the site.
    python3 - "$site" <<'PY'
import os, sys, collections
root = sys.argv[1]
kinds = collections.Counter()
for d, _, files in os.walk(root):
    for f in files:
        p = os.path.join(d, f)
        rel = os.path.relpath(p, root)
        top = rel.split(os.sep)[0] if os.sep in rel else rel
        kinds[top] += os.path.getsize(p)
for k, b in kinds.most_common(12):
    print(f"  {b / 1e6:8.1f} MB  {k}")
PY
    ;;
portfolio)
    pf="$out/portfolio-50x200"
    if [ ! -f "$pf/portfolio.yaml" ] || [ "$here/gen.py" -nt "$pf/portfolio.yaml" ]; then
        echo "generating $pf (50 studies × 200 insights) …"
        rm -rf "$pf"
        mkdir -p "$pf/studies"
        for i in $(seq -w 1 50); do
            python3 "$here/gen.py" 200 "$pf/studies/study-$i" --seed "$((20261120 + 10#$i))" --force >/dev/null
        done
        printf 'title: Bench portfolio\norganisation: Bench\nlanguage: en\nprojects: [studies/*]\n' >"$pf/portfolio.yaml"
    fi
    touched="$pf/studies/study-07/cxsite.yaml"
    echo "warm-up, then $RUNS rounds of: 10k build, cold portfolio, portfolio after touching one study"
    "$bin" build "$project" -o "$sites/site-10000-scale" --quiet >/dev/null
    for _ in $(seq "$RUNS"); do
        timed build-10k "$bin" build "$project" -o "$sites/site-10000-scale" --quiet
        rm -rf "$sites/portfolio-50x200"
        timed portfolio-cold "$bin" portfolio "$pf" -o "$sites/portfolio-50x200" --quiet
        touch "$touched"
        timed portfolio-touch "$bin" portfolio "$pf" -o "$sites/portfolio-50x200" --quiet
    done
    medians
    ;;
esac
