#!/usr/bin/env bash
# cxsite vs Hugo on the equivalent site (issue #16 point 3): cold builds of the
# generated N-insight project with `cxsite build` and of the same content as a
# Hugo site (bench/hugo_site.py) with `hugo`, interleaved (cxsite, Hugo,
# cxsite, Hugo, …) so a busy moment of the machine hits both alike.
#
#   bench/hugo.sh                     N = 10000, RUNS = 5
#   RUNS=9 SITES=/dev/shm bench/hugo.sh
#
# Each run removes its output folder first (a cold build; the page cache is
# warm after one untimed warm-up each). Prints every run, then the medians of
# wall time, user CPU, peak RSS, output bytes and files, and cxsite/Hugo with
# the target (cxsite's wall time ≤ 0.25 × Hugo's) met or missed.
#
# Environment: CXSITE=PATH (default target/release/cxsite, built if missing),
# HUGO=PATH (default `hugo` on PATH), N, RUNS, BENCH_OUT=DIR (default
# bench/out), SITES=DIR (where both sites go; /dev/shm keeps disk noise out),
# BENCH_ENFORCE=1 (exit 3 when the target is missed).
# Needs python3, GNU time and Hugo (Debian/Ubuntu: apt-get install hugo).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
die() { echo "hugo.sh: $*" >&2; exit 2; }

RUNS="${RUNS:-5}"
N="${N:-10000}"
TARGET=0.25
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer, got '$N'"
[ -x /usr/bin/time ] || die "GNU time not found at /usr/bin/time (apt-get install time)"
command -v python3 >/dev/null || die "python3 not found (needed by bench/gen.py and bench/hugo_site.py)"
hugo="${HUGO:-$(command -v hugo || true)}"
[ -n "$hugo" ] && [ -x "$hugo" ] || die "Hugo not found: install it (Debian/Ubuntu: apt-get install hugo) or set HUGO=PATH"

bin="${CXSITE:-$repo/target/release/cxsite}"
if [ -z "${CXSITE:-}" ] && [ ! -x "$bin" ]; then
    (cd "$repo" && cargo build --release --quiet) || die "cargo build --release failed"
fi
[ -x "$bin" ] || die "not an executable: $bin"

out="${BENCH_OUT:-$here/out}"
sites="${SITES:-$out}"
mkdir -p "$out" "$sites"
project="$out/project-$N"
hugo_src="$out/hugo-src-$N"
if [ ! -d "$project" ] || [ "$here/gen.py" -nt "$project" ]; then
    echo "generating $project …"
    python3 "$here/gen.py" "$N" "$project" --force >/dev/null
fi
# The Hugo site is made again when the project, the converter or a layout is newer.
newest="$(find "$here/hugo_site.py" "$here/hugo" "$project/.cxsite-bench-gen" -newer "$hugo_src/.hugo-bench-gen" 2>/dev/null | head -n 1 || true)"
if [ ! -f "$hugo_src/.hugo-bench-gen" ] || [ -n "$newest" ]; then
    echo "converting $project into the Hugo site $hugo_src …"
    python3 "$here/hugo_site.py" "$project" "$hugo_src" --force
fi

log="$(mktemp)"
trap 'rm -f "$log" "$log".*' EXIT
site_c="$sites/hugo-bench-cxsite-$N"
site_h="$sites/hugo-bench-hugo-$N"
run() { # run TAG SITE COMMAND: a cold build, timed; appends "TAG wall user kib bytes files"
    local tag="$1" site="$2"
    shift 2
    rm -rf "$site"
    /usr/bin/time -f "%e %U %M" -o "$log.t" "$@" >"$log.out" 2>&1 || {
        cat "$log.out" >&2
        die "the $tag build failed"
    }
    local bytes files
    bytes="$(du -sb --apparent-size "$site" | cut -f1)"
    files="$(find "$site" -type f | wc -l)"
    echo "$tag $(cat "$log.t") $bytes $files" | tee -a "$log"
}

echo "$("$bin" --version 2>/dev/null || echo cxsite) vs $("$hugo" version | cut -d' ' -f1-2), N=$N, $(nproc) CPUs"
echo "warm-up (untimed), then $RUNS cold runs each, interleaved; columns: wall s, user CPU s, peak RSS KiB, bytes, files"
"$bin" build "$project" -o "$site_c" --quiet >/dev/null 2>&1 || die "cxsite build failed: $bin build $project -o $site_c"
"$hugo" -s "$hugo_src" -d "$site_h" --quiet >/dev/null 2>&1 || die "hugo failed: $hugo -s $hugo_src -d $site_h"
for _ in $(seq "$RUNS"); do
    run cxsite "$site_c" "$bin" build "$project" -o "$site_c" --quiet
    run hugo "$site_h" "$hugo" -s "$hugo_src" -d "$site_h" --quiet
done

python3 - "$log" "$TARGET" "${BENCH_ENFORCE:-0}" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
target, enforce = float(sys.argv[2]), sys.argv[3] == "1"
med = {t: [st.median(float(r[i]) for r in rows if r[0] == t) for i in range(1, 6)] for t in ("cxsite", "hugo")}
print()
print(f"{'':8} {'wall s':>8} {'user s':>8} {'peak MiB':>9} {'MB out':>8} {'files':>7}   (medians of {len(rows) // 2} runs)")
for t, (w, u, m, b, f) in med.items():
    print(f"{t:8} {w:8.2f} {u:8.2f} {m / 1024:9.0f} {b / 1e6:8.1f} {f:7.0f}")
(wc, uc, mc, bc, fc), (wh, uh, mh, bh, fh) = med["cxsite"], med["hugo"]
ratio = wc / wh
print(f"cxsite / Hugo: wall {ratio:.3f}, user CPU {uc / uh:.3f}, peak RSS {mc / mh:.3f}, bytes {bc / bh:.3f}")
print(f"target: cxsite's wall time <= {target} x Hugo's: {ratio:.3f} {'met' if ratio <= target else 'MISSED'}")
sys.exit(3 if enforce and ratio > target else 0)
PY
