#!/bin/sh
# Builds the seed corpora of the fuzz targets from the example project and the
# test fixtures (valid and broken). Run from anywhere; writes fuzz/corpus/TARGET/
# (git-ignored), one file per distinct input, named by its SHA-1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
sources="$root/example-project $root/tests/fixtures/valid $root/tests/fixtures/broken"

seed() { # seed TARGET find-arguments...
    target=$1
    shift
    mkdir -p "$here/corpus/$target"
    # shellcheck disable=SC2086
    find $sources -type f "$@" | while read -r f; do
        sum=$(sha1sum "$f" | cut -d' ' -f1)
        cp "$f" "$here/corpus/$target/$sum"
    done
    echo "$target: $(ls "$here/corpus/$target" | wc -l) seeds"
}

seed yaml_kinds \( -name '*.yaml' -o -name '*.yml' -o -path '*/narratives/*.md' \) ! -name cxsite.yaml
seed config -name cxsite.yaml
seed tables -name '*.csv'
seed markdown \( -name '*.md' -o -path '*/insights/*.yaml' \)
