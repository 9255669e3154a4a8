#!/usr/bin/env python3
"""Turn a project made by bench/gen.py into the equivalent Hugo site.

    python3 bench/hugo_site.py PROJECT OUTDIR [--force]

The Hugo site has the same content and the same pages as `cxsite build`
makes of PROJECT (see "Hugo" in bench/README.md for the mapping):

- one page per insight (its three layers, quotes and metrics, links to its
  personas, journey stage, biases, sources and tags) and the insights list;
- persona, stage, bias, tag and source pages as Hugo taxonomy terms, each
  listing the insights that name it (persona and source terms carry the
  profile as content);
- journey pages (stages, steps, linked insights), Kano and NPS pages
  (tables, no charts), the narrative chapters with their embeds as a
  shortcode, and report.html with every chapter;
- a search index (`index.json`, Hugo's usual recipe) for cxsite's search files.

Standard library only. The project's YAML is read by a small reader for
the subset gen.py writes (block maps and lists, literal blocks, flow lists
and maps, double-quoted strings). OUTDIR must not exist, be empty, or (with
--force) be a site this script made (it holds a `.hugo-bench-gen` marker).
"""

import argparse
import json
import os
import re
import shutil
import sys

MARKER = ".hugo-bench-gen"
HERE = os.path.dirname(os.path.abspath(__file__))

# ---- a reader for the YAML subset gen.py writes ---------------------------

_ESC = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/"}


def _unquote(s):
    """The text of a double-quoted scalar (quotes included in `s`)."""
    out, i, body = [], 0, s[1:-1]
    while i < len(body):
        c = body[i]
        if c == "\\":
            e = body[i + 1]
            if e == "x":
                out.append(chr(int(body[i + 2:i + 4], 16)))
                i += 4
                continue
            out.append(_ESC.get(e, e))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


_TOKEN = re.compile(r'\s*("(?:[^"\\]|\\.)*"|[^,\[\]{}:]+(?::(?!\s)[^,\[\]{}:]*)*|[,\[\]{}:])')


def _scalar(s):
    s = s.strip()
    if s.startswith('"'):
        return _unquote(s)
    if s in ("null", "~", ""):
        return None
    if s in ("true", "false"):
        return s == "true"
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    if re.fullmatch(r"-?\d+\.\d+", s):
        return float(s)
    return s


def _flow(text):
    """A flow list or map (`[a, "b"]`, `{A: 1}`), one line."""
    toks = [m.group(1) for m in _TOKEN.finditer(text)]
    pos = 0

    def value():
        nonlocal pos
        t = toks[pos]
        pos += 1
        if t == "[":
            items = []
            while toks[pos] != "]":
                items.append(value())
                if toks[pos] == ",":
                    pos += 1
            pos += 1
            return items
        if t == "{":
            d = {}
            while toks[pos] != "}":
                k = _scalar(toks[pos])
                pos += 2  # key and ':'
                d[str(k)] = value()
                if toks[pos] == ",":
                    pos += 1
            pos += 1
            return d
        return _scalar(t)

    return value()


def _value(rest):
    rest = rest.strip()
    if rest.startswith("[") or rest.startswith("{"):
        return _flow(rest)
    return _scalar(rest)


def parse_yaml(text):
    """Parse gen.py's YAML: returns a dict (or list) of Python values."""
    lines = [ln for ln in text.split("\n")]
    pos = 0

    def indent(ln):
        return len(ln) - len(ln.lstrip(" "))

    def skip_blank():
        nonlocal pos
        while pos < len(lines) and not lines[pos].strip():
            pos += 1

    def block_scalar(ind):
        nonlocal pos
        out = []
        while pos < len(lines) and (not lines[pos].strip() or indent(lines[pos]) > ind):
            out.append(lines[pos])
            pos += 1
        while out and not out[-1].strip():
            out.pop()
        pad = min((indent(ln) for ln in out if ln.strip()), default=0)
        return "\n".join(ln[pad:] for ln in out) + "\n"

    def node(ind):
        skip_blank()
        if pos < len(lines) and lines[pos].lstrip(" ").startswith("- "):
            return seq(indent(lines[pos]))
        return mapping(ind)

    def entry(d, text, ind):
        # `text` is "key: value" at indentation `ind`.
        nonlocal pos
        key, _, rest = text.partition(":")
        rest = rest.strip()
        if rest == "|":
            d[key] = block_scalar(ind)
        elif rest == "":
            skip_blank()
            if pos < len(lines) and (indent(lines[pos]) > ind or lines[pos].lstrip(" ").startswith("- ")):
                d[key] = node(indent(lines[pos]))
            else:
                d[key] = None
        else:
            d[key] = _value(rest)

    def mapping(ind):
        nonlocal pos
        d = {}
        while True:
            skip_blank()
            if pos >= len(lines) or indent(lines[pos]) != ind or lines[pos].lstrip(" ").startswith("- "):
                return d
            text = lines[pos].strip()
            pos += 1
            entry(d, text, ind)

    def seq(ind):
        nonlocal pos
        items = []
        while True:
            skip_blank()
            if pos >= len(lines) or indent(lines[pos]) != ind or not lines[pos].lstrip(" ").startswith("- "):
                return items
            text = lines[pos].strip()[2:]
            pos += 1
            d = {}
            entry(d, text, ind + 2)
            d.update(mapping(ind + 2))
            items.append(d)

    return node(0)


def read_yaml(path):
    with open(path, encoding="utf-8") as f:
        return parse_yaml(f.read())


# ---- Markdown ---------------------------------------------------------------

SECTION = {"insight": "insights", "persona": "personas", "journey": "journeys",
           "kano": "kano", "nps": "nps", "narrative": "narratives",
           "source": "sources"}
_LINK = re.compile(r"\]\((insight|persona|journey|kano|nps|narrative|source):([a-z0-9][a-z0-9-]*)(#[^)\s]*)?\)")
_EMBED = re.compile(r'^\{\{ (insight|persona|journey|kano|nps)\(id="([a-z0-9][a-z0-9-]*)"\) \}\}$', re.M)


def md(text):
    """cxsite Markdown to Hugo Markdown: typed links become site-absolute
    paths (relativeURLs makes them relative), embeds become a shortcode."""
    text = _LINK.sub(lambda m: "](/%s/%s.html%s)" % (SECTION[m.group(1)], m.group(2), m.group(3) or ""), text)
    return _EMBED.sub(lambda m: '{{< embed kind="%s" id="%s" >}}' % (m.group(1), m.group(2)), text)


def page(front, body=""):
    """A content file: JSON front matter, then the Markdown body."""
    return json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + body


def bullets(items):
    return "".join("- %s\n" % x for x in items or [])


def title_of(id_):
    return id_.replace("-", " ").capitalize()


# ---- the site -----------------------------------------------------------------

class Site:
    def __init__(self, project, out):
        self.project, self.out = project, out
        self.files = 0

    def write(self, rel, text):
        path = os.path.join(self.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        self.files += 1

    def load(self):
        p = self.project
        self.config = read_yaml(os.path.join(p, "cxsite.yaml"))
        self.sources = read_yaml(os.path.join(p, "sources.yaml"))
        self.personas = {}
        for name in sorted(os.listdir(os.path.join(p, "personas"))):
            self.personas[name[:-5]] = read_yaml(os.path.join(p, "personas", name))
        self.journeys = {}
        for name in sorted(os.listdir(os.path.join(p, "journeys"))):
            self.journeys[name[:-5]] = read_yaml(os.path.join(p, "journeys", name))
        self.insights = {}
        for folder in sorted(os.listdir(os.path.join(p, "insights"))):
            for name in sorted(os.listdir(os.path.join(p, "insights", folder))):
                self.insights[name[:-5]] = read_yaml(os.path.join(p, "insights", folder, name))
        self.kano = {n[:-5]: read_yaml(os.path.join(p, "kano", n))
                     for n in sorted(os.listdir(os.path.join(p, "kano"))) if n.endswith(".yaml")}
        self.nps = {n[:-5]: read_yaml(os.path.join(p, "nps", n))
                    for n in sorted(os.listdir(os.path.join(p, "nps"))) if n.endswith(".yaml")}
        self.narratives = {}
        for name in sorted(os.listdir(os.path.join(p, "narratives"))):
            with open(os.path.join(p, "narratives", name), encoding="utf-8") as f:
                _, front, body = f.read().split("---\n", 2)
            self.narratives[name[:-3]] = (parse_yaml(front), body)

    def stage_term(self, journey, stage):
        return "%s-%s" % (journey, stage)

    def emit(self):
        c = self.config
        self.write("config.json", json.dumps({
            "baseURL": c["base_url"],
            "title": c["title"],
            "languageCode": c.get("language", "en"),
            "relativeURLs": True,
            "uglyURLs": True,
            "disableKinds": ["RSS", "sitemap", "robotsTXT"],
            "taxonomies": {"tag": "tags", "persona": "personas", "stage": "stages",
                           "bias": "biases", "source": "sources"},
            "outputs": {"home": ["HTML", "JSON"]},
            # gen.py dates insights up to the end of its year; cxsite publishes them all.
            "buildFuture": True,
            "params": {"subtitle": c.get("subtitle"), "client": c.get("client"),
                       "author": c.get("author"), "date": str(c.get("date"))},
        }, ensure_ascii=False, indent=1))
        src = os.path.join(HERE, "hugo", "layouts")
        for root, _, names in os.walk(src):
            for name in names:
                rel = os.path.relpath(os.path.join(root, name), src)
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    self.write(os.path.join("layouts", rel), f.read())

        self.write("content/_index.md", page({"title": c["title"]}))
        self.write("content/insights/_index.md", page({"title": "Insights"}))
        for iid, i in self.insights.items():
            evidence = [{"quote": e.get("quote"), "metric": e.get("metric"),
                         "source": e.get("source"),
                         "type": e.get("type") or self.sources.get(e.get("source"), {}).get("type")}
                        for e in i.get("evidence") or []]
            j = self.journeys[i["journey"]]
            stage = next(s for s in j["stages"] if s["id"] == i["stage"])
            front = {
                "title": i["title"], "summary": i["summary"], "date": str(i["date"]),
                "tags": i.get("tags") or [], "personas": i.get("personas") or [],
                "stages": [self.stage_term(i["journey"], i["stage"])],
                "biases": i.get("biases") or [],
                "sources": sorted({e["source"] for e in evidence if e["source"]}),
                "journey": i["journey"], "journey_title": j["title"], "stage_name": stage["name"],
                # Names for links, so templates need no taxonomy look-up per card.
                "persona_names": [self.personas[p]["name"] for p in i.get("personas") or []],
                "confidence": i["confidence"], "impact": i["impact"], "status": i["status"],
                "evidence": evidence,
            }
            body = "## Emotional\n\n%s\n## Functional\n\n%s\n## Breakthrough\n\n%s" % (
                md(i["emotional"]), md(i["functional"]), md(i["breakthrough"]))
            self.write("content/insights/%s.md" % iid, page(front, body))

        self.write("content/personas/_index.md", page({"title": "Personas"}))
        for pid, p in self.personas.items():
            facts = "".join("- **%s:** %s\n" % (k, v) for k, v in (p.get("facts") or {}).items())
            body = "*%s*\n\n> %s\n\n%s\n### Facts\n\n%s\n" % (p["tagline"], p["quote"], md(p["about"]), facts)
            for key in ("goals", "needs", "pains", "motivations", "behaviours", "channels"):
                body += "### %s\n\n%s\n" % (key.capitalize(), bullets(p.get(key)))
            self.write("content/personas/%s/_index.md" % pid,
                       page({"title": p["name"], "summary": p["tagline"],
                             "temperament": p.get("temperament")}, body))

        self.write("content/journeys/_index.md", page({"title": "Journeys"}))
        self.write("content/stages/_index.md", page({"title": "Stages"}))
        for jid, j in self.journeys.items():
            body = md(j["description"]) + "\nPersona: [%s](/personas/%s.html)\n\n" % (
                self.personas[j["persona"]]["name"], j["persona"])
            for s in j["stages"]:
                term = self.stage_term(jid, s["id"])
                body += "## [%s](/stages/%s.html)\n\n" % (s["name"], term)
                if s.get("moment_of_truth"):
                    body += "Moment of truth: %s\n\n" % s["moment_of_truth"]
                body += "| step | type | day | channel | doing | thinking | emotion | pains | opportunities | owners | insights |\n"
                body += "|---|---|---|---|---|---|---|---|---|---|---|\n"
                for st in s["steps"]:
                    cells = [st["name"], st["type"], st["day"], st["channel"], st["doing"],
                             st["thinking"], st["emotion"], "; ".join(st.get("pains") or []),
                             "; ".join(st.get("opportunities") or []), ", ".join(st.get("owners") or []),
                             ", ".join("[%s](/insights/%s.html)" % (self.insights[x]["title"], x)
                                       for x in st.get("insights") or [])]
                    body += "| %s |\n" % " | ".join(str(x).replace("|", "\\|") for x in cells)
                body += "\n"
                self.write("content/stages/%s/_index.md" % term,
                           page({"title": "%s — %s" % (j["title"], s["name"]), "journey": jid}))
            self.write("content/journeys/%s.md" % jid, page({"title": j["title"], "persona": j["persona"]}, body))

        self.write("content/biases/_index.md", page({"title": "Biases"}))
        self.write("content/tags/_index.md", page({"title": "Tags"}))
        self.write("content/sources/_index.md", page({"title": "Sources"}))
        for sid, s in self.sources.items():
            rows = "".join("- **%s:** %s\n" % (k, v) for k, v in s.items() if k != "title" and v is not None)
            if s.get("persona"):
                rows += "- [%s](/personas/%s.html)\n" % (self.personas[s["persona"]]["name"], s["persona"])
            self.write("content/sources/%s/_index.md" % sid, page({"title": s["title"]}, rows))

        self.write("content/kano/_index.md", page({"title": "Kano studies"}))
        for kid, k in self.kano.items():
            body = md(k["description"]) + "\n| feature | category | A | O | M | I | R | Q | importance |\n|---|---|---|---|---|---|---|---|---|\n"
            for f in k["features"]:
                a = f.get("answers") or {}
                body += "| %s | %s | %s | %s |\n" % (
                    f["name"], f.get("category") or "", " | ".join(str(a.get(x, "")) for x in "AOMIRQ"),
                    f.get("importance") or "")
            self.write("content/kano/%s.md" % kid, page({"title": k["title"]}, body))

        self.write("content/nps/_index.md", page({"title": "NPS"}))
        for nid, n in self.nps.items():
            body = "| period | promoters | passives | detractors | NPS |\n|---|---|---|---|---|\n"
            for m in n["measurements"]:
                if m.get("scores"):
                    with open(os.path.join(self.project, m["scores"]), encoding="utf-8") as f:
                        scores = [int(x) for x in f.read().split()[1:]]
                    pro = sum(1 for x in scores if x >= 9)
                    det = sum(1 for x in scores if x <= 6)
                    pas = len(scores) - pro - det
                else:
                    pro, pas, det = m["promoters"], m["passives"], m["detractors"]
                total = pro + pas + det
                body += "| %s | %d | %d | %d | %d |\n" % (
                    m["period"], pro, pas, det, round(100 * (pro - det) / total) if total else 0)
            self.write("content/nps/%s.md" % nid, page({"title": n["title"]}, body))

        self.write("content/narratives/_index.md", page({"title": "Chapters"}))
        for nid, (front, body) in self.narratives.items():
            self.write("content/narratives/%s.md" % nid, page(
                {"title": front["title"], "weight": front["order"], "summary": front.get("summary")}, md(body)))
        self.write("content/report.md", page({"title": "Report", "layout": "report", "url": "/report.html"}))

        with open(os.path.join(self.out, MARKER), "w") as f:
            f.write("made by bench/hugo_site.py\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("project", help="a project made by bench/gen.py")
    ap.add_argument("outdir", help="the Hugo site folder to create")
    ap.add_argument("--force", action="store_true", help="replace OUTDIR if this script made it")
    a = ap.parse_args()
    if not os.path.isfile(os.path.join(a.project, ".cxsite-bench-gen")):
        sys.exit("hugo_site.py: %s is not a project made by bench/gen.py" % a.project)
    out = os.path.abspath(a.outdir)
    if os.path.exists(out) and os.listdir(out):
        if not (a.force and os.path.exists(os.path.join(out, MARKER))):
            sys.exit("hugo_site.py: %s is not empty (use --force to replace a site made by this script)" % out)
        shutil.rmtree(out)
    s = Site(a.project, out)
    s.load()
    s.emit()
    print("hugo_site.py: %s — %d insights, %d personas, %d journeys, %d chapters (%d files)" % (
        out, len(s.insights), len(s.personas), len(s.journeys), len(s.narratives), s.files))


if __name__ == "__main__":
    main()
