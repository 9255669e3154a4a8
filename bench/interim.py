#!/usr/bin/env python3
"""Make an "earlier delivery" of a generated bench project for the `since` bench.

Reads the cxsite-data.json of a build of the project and writes a plausible
interim snapshot: 3 % of today's insights did not exist yet, 5 % had other
wording, 200 insights were dropped since. Deterministic (fixed seed).

    python3 bench/interim.py SITE/cxsite-data.json OUT.json
"""
import json
import random
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: interim.py SITE/cxsite-data.json OUT.json")
    random.seed(7)
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    earlier = []
    for insight in data["insights"]:
        r = random.random()
        if r < 0.03:
            continue  # new since the interim report
        if r < 0.08:
            insight = dict(insight)
            insight["summary"] = insight["summary"].replace(" the ", " a ", 1) + " (interim wording)"
        earlier.append(insight)
    for k in range(200):
        earlier.append({
            "id": f"dropped-{k:03}", "title": f"Dropped insight {k}", "summary": "Not in the final report.",
            "emotional": None, "functional": None, "breakthrough": None, "personas": [], "journey": None,
            "stage": None, "biases": [], "tags": [], "confidence": "low", "impact": "low", "status": "final",
            "date": None, "evidence": [],
        })
    data["insights"] = earlier
    data["built"] = "2026-10-01"
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
