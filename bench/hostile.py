#!/usr/bin/env python3
"""Writes one hostile project for bench/hostile.sh (issue 11, points 6 and 7).

    python3 bench/hostile.py KIND OUTDIR

KIND is one of:
  nps       one NPS series with 10 000 measurements
  steps     one journey with 10 000 steps, each with an out-of-range emotion (10 000 errors)
  evidence  one insight with 10 000 evidence items, each with quote and metric (10 000 errors)
  embeds    a chapter embedding one 30-step journey 5 000 times (refused: > 200 embeds)
  embeds200 the same with 200 embeds (at the limit: builds)
  table     a 600-column x 6 000-row Markdown table, 14 MB (refused: > 2 MiB)
  table100k a 100-column x 1 000-row table, 100 000 cells (at the limit: builds)
OUTDIR must not exist.
"""
import os
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    kind, out = sys.argv[1], sys.argv[2]
    if os.path.exists(out):
        sys.exit(f"hostile.py: {out} exists")
    files = {"cxsite.yaml": "title: Hostile\n", "personas/anna.yaml": "name: Anna\n"}
    if kind == "nps":
        files["nps/big.yaml"] = "title: Big\nmeasurements:\n" + "".join(
            f"  - period: p{i}\n    promoters: {i % 50}\n    passives: 3\n    detractors: 2\n" for i in range(10_000))
    elif kind == "steps":
        files["journeys/big.yaml"] = "title: Big\nstages:\n  - id: one\n    name: One\n    steps:\n" + "".join(
            f"      - name: step {i}\n        emotion: 5\n        day: {i}\n" for i in range(10_000))
    elif kind == "evidence":
        files["insights/big.yaml"] = "title: Big\nsummary: S\nemotional: e\nfunctional: f\nbreakthrough: b\nevidence:\n" + "".join(
            f"  - quote: q {i}\n    metric: m\n" for i in range(10_000))
    elif kind in ("embeds", "embeds200"):
        n = 5_000 if kind == "embeds" else 200
        files["journeys/j.yaml"] = "title: J\nstages:\n  - id: one\n    name: One\n    steps:\n" + "".join(
            f"      - name: step {i}\n        emotion: 1\n" for i in range(30))
        files["narratives/c.md"] = "---\ntitle: C\n---\n\n" + '{{ journey(id="j") }}\n\n' * n
    elif kind in ("table", "table100k"):
        cols, rows = (600, 6_000) if kind == "table" else (100, 999)
        head = "".join(f"| h{c} " for c in range(cols)) + "|\n" + "|---" * cols + "|\n"
        files["narratives/t.md"] = "---\ntitle: T\n---\n\n" + head + ("| x " * cols + "|\n") * rows
    else:
        sys.exit(f"hostile.py: unknown kind {kind!r}\n{__doc__}")
    for rel, text in files.items():
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
