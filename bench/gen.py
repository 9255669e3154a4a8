#!/usr/bin/env python3
"""Generate a synthetic but valid cxsite project for benchmarks.

    python3 bench/gen.py N OUTDIR [--seed S] [--force]

N insights plus proportional other content (at N=10000: 200 personas,
50 journeys, 300 narratives, 20 Kano studies, 20 NPS series; at least one of
each), and a sources register (`sources.yaml`, 44 sources) that every
evidence item names. The project follows SPEC.md: every id matches [a-z0-9][a-z0-9-]*, is
unique per kind, and every reference resolves. Output is deterministic for a
given N and seed.

Standard library only: the YAML is written by hand. Plain strings are always
double-quoted through `q()`; Markdown fields are literal block scalars.

OUTDIR must not exist or be empty, unless --force is given and OUTDIR was made
by this script (it holds a `.cxsite-bench-gen` marker). The project is
written into a sibling temporary folder and renamed into place, so an
interrupted run never leaves a half project behind.
"""

import argparse
import os
import random
import re
import shutil
import sys
import tempfile

MARKER = ".cxsite-bench-gen"

# Bias ids used by insights: all are in the built-in catalogue.
BIASES = [
    "loss-aversion", "anchoring", "peak-end-rule", "post-purchase-dissonance",
    "status-quo-bias", "choice-overload", "social-proof", "default-effect",
    "framing-effect",
]

TOPICS = [
    "onboarding", "billing", "pricing", "delivery", "installation", "support",
    "app", "website", "contract", "switching", "renewal", "complaints",
    "payments", "loyalty", "communication", "self-service", "outages",
    "moving-house", "cancellation", "referrals",
]

FIRST_NAMES = [
    "sanne", "daan", "emma", "lucas", "julia", "sem", "tess", "finn", "lotte",
    "milan", "noor", "levi", "sophie", "bram", "fleur", "thijs", "anouk",
    "jesse", "iris", "ruben", "yara", "omar", "mila", "ayoub", "zoe",
]
ROLES = [
    "starter", "saver", "switcher", "planner", "sceptic", "loyalist",
    "explorer", "pragmatist", "carer", "achiever",
]
TEMPERAMENTS = ["artisan", "guardian", "idealist", "rational"]
CITIES = ["Utrecht", "Amsterdam", "Rotterdam", "Groningen", "Eindhoven",
          "Den Haag", "Zwolle", "Maastricht", "Leiden", "Arnhem"]

NOUNS = [
    "first invoice", "price change", "welcome call", "meter reading",
    "monthly advance", "annual statement", "app login", "contract end",
    "switch date", "installer visit", "waiting time", "chat bot",
    "refund", "direct debit", "delivery slot", "loyalty reward",
    "password reset", "cancellation form", "status e-mail", "service outage",
]
FEELINGS = [
    "uncertain", "relieved", "annoyed", "reassured", "anxious", "proud",
    "confused", "in control", "ignored", "surprised",
]
VERBS = [
    "compares", "postpones", "double-checks", "calls about", "searches for",
    "ignores", "screenshots", "asks a friend about", "complains about",
    "rereads",
]
CHANNELS = ["web", "app", "phone", "e-mail", "chat", "letter", "store",
            "social", "sms", "in person"]
OWNERS = ["marketing", "sales", "billing", "customer service", "operations",
          "it", "logistics", "legal", "finance", "product"]
TAGS = ["onboarding", "billing", "trust", "price", "effort", "clarity",
        "speed", "digital", "retention", "service", "self-service", "churn"]
EVIDENCE_TYPES = ["interview", "survey", "observation", "analytics", "social",
                  "nps", "desk"]
LEVELS = ["high", "medium", "low"]
MOTS = ["zmot", "fmot", "smot", "umot"]
STAGE_NAMES = [
    "Orientation", "Comparison", "Decision", "Sign-up", "Waiting",
    "First use", "First invoice", "Settling in", "Problem", "Renewal",
    "Moving house", "Leaving",
]
KANO_FEATURES = [
    "Clear price", "Fast delivery", "Friendly staff", "Free returns",
    "Track & trace", "Mobile app", "Live chat", "Same-day repair",
    "Personal advice", "Loyalty points", "Paperless billing",
    "Flexible contract", "Green energy", "Smart meter insights",
    "Evening appointments", "Price guarantee", "Usage alerts",
    "One contact person", "Proactive outage alerts", "Easy cancellation",
]
LABELS = {"insight": "insight", "persona": "persona", "journey": "journey",
          "kano": "Kano study", "nps": "NPS series"}
KANO_CATS = {"A": "delight", "O": "performance", "M": "basic",
             "I": "indifferent", "R": "reverse", "Q": "questionable"}
KANO_ANSWERS = ["like", "expect", "neutral", "tolerate", "dislike"]
# Standard Kano evaluation table: rows functional, columns dysfunctional,
# both in the order like, expect, neutral, tolerate, dislike.
KANO_TABLE = [
    "QAAAO",
    "RIIIM",
    "RIIIM",
    "RIIIM",
    "RRRRQ",
]

# Plain-text fragments chosen to need quoting / escaping somewhere.
SPICE = [
    "", "", "", "", " (see: week 1)", " — really", ' "why now?"',
    " & then some", " <not> obvious", " #1 worry", " 100% of the time",
    " at café level", " for €12.50", " — it's fine",
]


_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def q(s):
    """A YAML double-quoted scalar (safe for any text)."""
    if not _NEEDS_ESCAPE.search(s):
        return '"' + s + '"'
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7f:
            out.append("\\x%02x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def qlist(items):
    return "[" + ", ".join(q(x) for x in items) + "]"


def idlist(items):
    # Ids match [a-z0-9][a-z0-9-]*: safe as plain scalars.
    return "[" + ", ".join(items) + "]"


def block(text, indent):
    """A literal block scalar body (after `key: |`)."""
    pad = " " * indent
    lines = text.rstrip("\n").split("\n")
    return "\n".join((pad + ln) if ln else "" for ln in lines) + "\n"


def cap(s):
    return s[:1].upper() + s[1:]


class Gen:
    def __init__(self, n, seed):
        self.n = n
        self.r = random.Random(seed)
        self.n_personas = max(1, n // 50)
        self.n_journeys = max(1, n // 200)
        self.n_narratives = max(1, n * 3 // 100)
        self.n_kano = max(1, n // 500)
        self.n_nps = max(1, n // 500)
        self.files = 0
        self.bytes = 0

    # ---- helpers -------------------------------------------------------
    def write(self, root, rel, text):
        path = os.path.join(root, rel)
        d = os.path.dirname(path)
        if d not in self._dirs:
            os.makedirs(d, exist_ok=True)
            self._dirs.add(d)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        self.files += 1
        self.bytes += len(data)

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def sentence(self):
        r = self.r
        return "%s %s the %s and feels %s%s." % (
            self.pick(["The customer", "She", "He", "A new customer",
                       "A long-time customer", "One respondent"]),
            self.pick(VERBS), self.pick(NOUNS), self.pick(FEELINGS),
            self.pick(SPICE) if r.random() < 0.3 else "")

    def sentences(self, k):
        return " ".join(self.sentence() for _ in range(k))

    # ---- ids -----------------------------------------------------------
    def make_ids(self):
        w = len(str(self.n))
        self.insight_ids = []
        self.insight_folder = []
        for i in range(self.n):
            topic = TOPICS[i % len(TOPICS)]
            noun = self.pick(NOUNS).replace(" ", "-")
            self.insight_ids.append("%s-%s-%0*d" % (topic, noun, w, i + 1))
            self.insight_folder.append(topic)

        wp = len(str(self.n_personas))
        self.persona_ids = []
        self.persona_names = []
        for i in range(self.n_personas):
            first = FIRST_NAMES[i % len(FIRST_NAMES)]
            role = ROLES[(i // len(FIRST_NAMES) + i) % len(ROLES)]
            self.persona_ids.append("%s-%s-%0*d" % (first, role, wp, i + 1))
            self.persona_names.append("%s the %s" % (cap(first), cap(role)))
        self.persona_name = dict(zip(self.persona_ids, self.persona_names))

        wj = len(str(self.n_journeys))
        self.journey_ids = ["journey-%0*d" % (wj, i + 1)
                            for i in range(self.n_journeys)]
        # Stages are decided up front so insights can name one.
        self.journey_stages = []
        for _ in range(self.n_journeys):
            k = self.r.randint(5, 8)
            start = self.r.randrange(len(STAGE_NAMES) - k + 1)
            names = STAGE_NAMES[start:start + k]
            self.journey_stages.append(
                [(nm.lower().replace(" ", "-"), nm) for nm in names])

        wk = len(str(self.n_kano))
        self.kano_ids = ["kano-study-%0*d" % (wk, i + 1)
                         for i in range(self.n_kano)]
        wn = len(str(self.n_nps))
        self.nps_ids = ["nps-series-%0*d" % (wn, i + 1)
                        for i in range(self.n_nps)]
        wr = len(str(self.n_narratives))
        self.narrative_ids = ["chapter-%0*d" % (wr, i + 1)
                              for i in range(self.n_narratives)]

    # ---- files ---------------------------------------------------------
    def config(self, root):
        self.write(root, "cxsite.yaml", "".join([
            "title: %s\n" % q("Benchmark study — %d insights" % self.n),
            "subtitle: %s\n" % q("Synthetic project made by bench/gen.py"),
            "client: %s\n" % q("Acme Energy & Co."),
            "author: %s\n" % q("cxsite bench"),
            "date: 2026-11-20\n",
            "language: en\n",
            "theme: default\n",
            "accent_color: \"#0b6e4f\"\n",
            "confidential: false\n",
            "allow_html: false\n",
            "base_url: \"https://example.com/bench/\"\n",
        ]))

    def insight(self, root, i):
        r = self.r
        iid = self.insight_ids[i]
        personas = r.sample(self.persona_ids,
                            min(len(self.persona_ids), r.randint(1, 3)))
        j = r.randrange(self.n_journeys)
        stage = self.pick(self.journey_stages[j])[0]
        biases = r.sample(BIASES, r.randint(0, 3))
        noun = self.pick(NOUNS)
        other = self.insight_ids[r.randrange(self.n)]
        p0 = personas[0]
        pname = self.persona_name[p0]

        emotional = "%s\n\nFor [%s](persona:%s) the **%s** is about %s, not about money. %s\n" % (
            self.sentences(r.randint(2, 3)), pname, p0, noun,
            self.pick(["trust", "control", "being taken seriously",
                       "peace of mind", "fairness"]),
            self.sentence())
        functional = "%s\n\n- %d%% of customers %s the %s within a week\n- **%d calls** per 1,000 customers\n- see the [journey](journey:%s)\n" % (
            self.sentences(r.randint(1, 2)), r.randint(5, 80),
            self.pick(["ask about", "look up", "worry about", "forget"]),
            noun, r.randint(3, 400), self.journey_ids[j])
        breakthrough = "%s Related: [a neighbouring insight](insight:%s).\n\n1. Say it before they ask\n2. Make the *next step* obvious\n" % (
            self.sentences(r.randint(1, 2)), other)

        out = [
            "title: %s\n" % q("%s: %s %s" % (
                cap(self.insight_folder[i]), cap(noun),
                self.pick(["feels risky", "is a relief", "causes doubt",
                           "is invisible", "builds trust",
                           "costs effort"]))),
            "summary: %s\n" % q(self.sentences(2)),
            "emotional: |\n", block(emotional, 2),
            "functional: |\n", block(functional, 2),
            "breakthrough: |\n", block(breakthrough, 2),
            "personas: %s\n" % idlist(personas),
            "journey: %s\n" % self.journey_ids[j],
            "stage: %s\n" % stage,
            "biases: %s\n" % idlist(biases),
            "evidence:\n",
            "  - quote: %s\n" % q("I wasn't sure about the %s, so I %s it twice." % (
                noun, self.pick(["checked", "read", "asked about"]))),
            # A source id from sources.yaml; the type is inherited from the source.
            "    source: interview-r%02d\n" % r.randint(1, 40),
            "  - metric: %s\n" % q("%d%% of contacts in week one are about the %s" % (
                r.randint(3, 60), noun)),
            "    source: contact-log-q%d\n" % r.randint(1, 4),
            "    type: %s\n" % self.pick(["analytics", "survey", "nps", "desk"]),
            "confidence: %s\n" % self.pick(LEVELS),
            "impact: %s\n" % self.pick(LEVELS),
            "tags: %s\n" % qlist(r.sample(TAGS, r.randint(1, 3))),
            "status: final\n",
            "date: 2026-%02d-%02d\n" % (r.randint(1, 12), r.randint(1, 28)),
        ]
        self.write(root, "insights/%s/%s.yaml" % (self.insight_folder[i], iid),
                   "".join(out))

    def persona(self, root, i):
        r = self.r
        pid = self.persona_ids[i]

        def items(k, pool):
            return qlist("%s%s" % (cap(self.pick(pool)), self.pick(SPICE))
                         for _ in range(k))
        goals = ["have a fair %s" % self.pick(NOUNS), "never think about the %s" % self.pick(NOUNS),
                 "save time on the %s" % self.pick(NOUNS)]
        out = [
            "name: %s\n" % q(self.persona_names[i]),
            "tagline: %s\n" % q("%s customer who %s the %s" % (
                cap(self.pick(["practical", "busy", "careful", "curious",
                               "price-conscious", "loyal"])),
                self.pick(VERBS), self.pick(NOUNS))),
            "quote: %s\n" % q("As long as the %s is right, I don't need to think about it." % self.pick(NOUNS)),
            "temperament: %s\n" % self.pick(TEMPERAMENTS),
            "about: |\n",
            block("%s\n\n**Why it matters:** %s\n" % (
                self.sentences(3), self.sentences(1)), 2),
            "facts:\n",
            "  age: %d\n" % r.randint(19, 81),
            "  household: %s\n" % q(self.pick(["single", "two children", "couple",
                                             "shared house", "retired couple"])),
            "  lives: %s\n" % q(self.pick(CITIES)),
            "  customer since: %d\n" % r.randint(2005, 2026),
            "goals: %s\n" % qlist(r.sample(goals, 2)),
            "needs: %s\n" % items(r.randint(2, 4), NOUNS),
            "pains: %s\n" % items(r.randint(2, 4), NOUNS),
            "motivations: %s\n" % items(r.randint(1, 3), FEELINGS),
            "behaviours: %s\n" % qlist("%s the %s" % (cap(self.pick(VERBS)), self.pick(NOUNS))
                                       for _ in range(r.randint(2, 4))),
            "channels: %s\n" % qlist(r.sample(CHANNELS, r.randint(1, 4))),
        ]
        self.write(root, "personas/%s.yaml" % pid, "".join(out))

    def journey(self, root, j):
        r = self.r
        jid = self.journey_ids[j]
        persona = self.pick(self.persona_ids)
        out = [
            "title: %s\n" % q("Journey %d — from %s to %s" % (
                j + 1, self.journey_stages[j][0][1].lower(),
                self.journey_stages[j][-1][1].lower())),
            "persona: %s\n" % persona,
            "description: |\n",
            block("%s See [the persona](persona:%s).\n" % (
                self.sentences(2), persona), 2),
            "stages:\n",
        ]
        day = 0
        for sid, sname in self.journey_stages[j]:
            out.append("  - id: %s\n" % sid)
            out.append("    name: %s\n" % q(sname))
            if r.random() < 0.35:
                out.append("    moment_of_truth: %s\n" % self.pick(MOTS))
            out.append("    steps:\n")
            for _ in range(r.randint(3, 6)):
                day += r.randint(1, 5)
                kind = "touchpoint" if r.random() < 0.6 else "experience"
                out.append("      - name: %s\n" % q("%s the %s" % (
                    cap(self.pick(VERBS)), self.pick(NOUNS))))
                out.append("        type: %s\n" % kind)
                out.append("        day: %d\n" % day)
                out.append("        channel: %s\n" % q(self.pick(CHANNELS)))
                out.append("        doing: %s\n" % q(self.sentence()))
                out.append("        thinking: %s\n" % q("Will the %s %s?" % (
                    self.pick(NOUNS), self.pick(["be right", "surprise me",
                                                 "take long", "cost extra"]))))
                out.append("        emotion: %d\n" % r.randint(-2, 2))
                out.append("        pains: %s\n" % qlist(
                    "%s%s" % (cap(self.pick(NOUNS)), self.pick(SPICE))
                    for _ in range(r.randint(0, 2))))
                out.append("        opportunities: %s\n" % qlist(
                    "Explain the %s up front" % nm
                    for nm in r.sample(NOUNS, r.randint(0, 2))))
                out.append("        owners: %s\n" % qlist(
                    r.sample(OWNERS, r.randint(1, 2))))
                out.append("        insights: %s\n" % idlist(
                    self.insight_ids[r.randrange(self.n)]
                    for _ in range(r.randint(0, 2))))
        self.write(root, "journeys/%s.yaml" % jid, "".join(out))

    def kano(self, root, k):
        r = self.r
        kid = self.kano_ids[k]
        nf = r.randint(8, 15)
        names = r.sample(KANO_FEATURES, nf)
        fids = [n.lower().replace(" & ", "-and-").replace(" ", "-")
                for n in names]
        with_csv = k % 4 == 0
        out = [
            "title: %s\n" % q("Kano study %d — service features" % (k + 1)),
            "description: |\n",
            block("%s\n\nFeatures were asked in *functional* and "
                  "*dysfunctional* form.\n" % self.sentences(2), 2),
        ]
        if with_csv:
            out.append("responses: kano/%s-responses.csv\n" % kid)
        out.append("features:\n")
        for fid, name in zip(fids, names):
            out.append("  - id: %s\n" % fid)
            out.append("    name: %s\n" % q(name))
            if not with_csv:
                dom = self.pick("AOMMOAI")
                tally = {c: r.randint(0, 12) for c in "AOMIRQ"}
                tally["R"] = r.randint(0, 3)
                tally["Q"] = r.randint(0, 2)
                tally[dom] = r.randint(25, 60)
                if r.random() < 0.5:
                    out.append("    category: %s\n" % KANO_CATS[kano_category(tally)])
                out.append("    answers: {%s}\n" % ", ".join(
                    "%s: %d" % (c, tally[c]) for c in "AOMIRQ"))
            if r.random() < 0.6:
                out.append("    importance: %.1f\n" % (r.randint(10, 50) / 10))
            if r.random() < 0.3:
                out.append("    history: {2016: delight, 2021: performance, 2026: basic}\n")
        self.write(root, "kano/%s.yaml" % kid, "".join(out))
        if with_csv:
            rows = ["respondent,feature,functional,dysfunctional"]
            for resp in range(1, r.randint(28, 32) + 1):
                for fid in fids:
                    rows.append("R%03d,%s,%s,%s" % (
                        resp, fid, self.pick(KANO_ANSWERS),
                        self.pick(KANO_ANSWERS)))
            self.write(root, "kano/%s-responses.csv" % kid,
                       "\n".join(rows) + "\n")

    def nps(self, root, s):
        r = self.r
        sid = self.nps_ids[s]
        out = [
            "title: %s\n" % q("Relationship NPS — panel %d" % (s + 1)),
            "measurements:\n",
        ]
        year, quarter = 2024, 3
        base = r.uniform(0.2, 0.45)
        for m in range(8):
            period = "%d-Q%d" % (year, quarter)
            out.append("  - period: %s\n" % q(period))
            if m < 7:
                total = r.randint(150, 600)
                pro = int(total * min(0.9, base + m * 0.02 + r.uniform(-0.05, 0.05)))
                det = int((total - pro) * r.uniform(0.3, 0.6))
                out.append("    promoters: %d\n" % pro)
                out.append("    passives: %d\n" % (total - pro - det))
                out.append("    detractors: %d\n" % det)
            else:
                out.append("    scores: nps/%s-%s.csv\n" % (sid, period.lower()))
                lines = ["score"]
                for _ in range(r.randint(200, 500)):
                    lines.append(str(min(10, max(0, int(r.gauss(7.4, 2.0))))))
                self.write(root, "nps/%s-%s.csv" % (sid, period.lower()),
                           "\n".join(lines) + "\n")
            quarter += 1
            if quarter == 5:
                year, quarter = year + 1, 1
        self.write(root, "nps/%s.yaml" % sid, "".join(out))

    def narrative(self, root, c):
        r = self.r
        nid = self.narrative_ids[c]
        kinds = [("insight", self.insight_ids), ("persona", self.persona_ids),
                 ("journey", self.journey_ids), ("kano", self.kano_ids),
                 ("nps", self.nps_ids)]

        def link(kind=None):
            kind, ids = self.pick(kinds) if kind is None else \
                next(kv for kv in kinds if kv[0] == kind)
            return "[%s %s](%s:%s)" % (
                self.pick(["this", "the", "our"]), LABELS[kind], kind,
                self.pick(ids))

        # Embeds are mostly insight cards, sometimes other kinds.
        embed_kinds = ["insight"] * 5 + ["persona", "journey", "kano", "nps"]
        embeds = ['{{ %s(id="%s") }}' % (
            kd, self.pick(next(ids for k2, ids in kinds if k2 == kd)))
            for kd in (self.pick(embed_kinds) for _ in range(r.randint(1, 3)))]

        paras = []
        for p in range(r.randint(3, 5)):
            paras.append("%s %s %s" % (self.sentences(2), cap(
                "see %s and %s." % (link(), link())), self.sentence()))
            if p == 1:
                paras.append("- **%s** — %s\n- %s\n- %s" % (
                    cap(self.pick(NOUNS)), link("insight"),
                    self.sentence(), link("persona")))
        for e in embeds:
            paras.insert(r.randint(1, len(paras)), e)
        body = "## %s\n\n%s\n" % (
            cap(self.pick(["what we heard", "what we saw", "what it means",
                           "where to start"])),
            "\n\n".join(paras))
        front = "".join([
            "---\n",
            "title: %s\n" % q("Chapter %d: the %s" % (c + 1, self.pick(NOUNS))),
            "order: %d\n" % (c + 1),
            "summary: %s\n" % q(self.sentence()),
            "status: final\n",
            "---\n",
        ])
        self.write(root, "narratives/%s.md" % nid, front + body)

    def sources(self, root):
        """sources.yaml: 40 interviews (each with a persona) and 4 contact logs."""
        r = self.r
        out = []
        for i in range(1, 41):
            out.append("interview-r%02d:\n  title: %s\n  type: interview\n  date: 2026-%02d-%02d\n"
                       "  participants: 1\n  persona: %s\n  segment: %s\n" % (
                           i, q("Interview R%02d" % i), r.randint(1, 12), r.randint(1, 28),
                           self.pick(self.persona_ids), q(self.pick(["new customers", "movers", "switchers"]))))
        for k in range(1, 5):
            out.append("contact-log-q%d:\n  title: %s\n  type: analytics\n" % (k, q("Contact-centre log Q%d" % k)))
        self.write(root, "sources.yaml", "".join(out))

    def run(self, root):
        self._dirs = set()
        self.make_ids()
        self.config(root)
        self.sources(root)
        for i in range(self.n_personas):
            self.persona(root, i)
        for j in range(self.n_journeys):
            self.journey(root, j)
        for i in range(self.n):
            self.insight(root, i)
        for k in range(self.n_kano):
            self.kano(root, k)
        for s in range(self.n_nps):
            self.nps(root, s)
        for c in range(self.n_narratives):
            self.narrative(root, c)
        with open(os.path.join(root, MARKER), "w") as f:
            f.write("generated by bench/gen.py\n")


def kano_category(t):
    """SPEC §6: most frequent of A O M I R Q; ties broken M > O > A > I."""
    order = ["M", "O", "A", "I", "R", "Q"]
    best = max(t[c] for c in order)
    return next(c for c in order if t[c] == best)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of insights")
    ap.add_argument("outdir", help="project folder to create")
    ap.add_argument("--seed", type=int, default=20261120)
    ap.add_argument("--force", action="store_true",
                    help="replace OUTDIR if this script made it")
    a = ap.parse_args()
    if a.n < 1:
        ap.error("N must be at least 1")

    out = os.path.abspath(a.outdir)
    if os.path.exists(out):
        if not os.path.isdir(out):
            sys.exit("gen.py: %s exists and is not a folder" % out)
        if os.listdir(out):
            if not (a.force and os.path.exists(os.path.join(out, MARKER))):
                sys.exit("gen.py: %s is not empty (use --force to replace a "
                         "project made by gen.py)" % out)
    parent = os.path.dirname(out)
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".gen-", dir=parent)
    try:
        g = Gen(a.n, a.seed)
        g.run(tmp)
        os.chmod(tmp, 0o755)
        if os.path.exists(out):
            shutil.rmtree(out)
        os.rename(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    print("gen.py: %s — %d insights, %d personas, %d journeys, %d narratives, "
          "%d Kano studies, %d NPS series (%d files, %.1f MiB)" % (
              out, g.n, g.n_personas, g.n_journeys, g.n_narratives,
              g.n_kano, g.n_nps, g.files, g.bytes / 1048576))


if __name__ == "__main__":
    main()
