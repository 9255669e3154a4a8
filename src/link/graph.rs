//! What references what, written down once. [`mentions`] lists, for an item
//! of any kind, every place where it names other items: ids in YAML fields
//! and Markdown texts (typed links, embeds, paths to pages). Three things are
//! derived from it: the reference checks (`link::checks`), the back-links
//! ([`Backlinks`](super::Backlinks)) and the pages `serve` re-renders after a
//! change (`serve::deps`). A new reference field is one edit here.

use crate::load::positions::Seg;
use crate::markdown::scan_all;
use crate::markdown::target::{classify, Target};
use crate::model::journey::{Stage, Step};
use crate::model::{
    insight::Evidence, kano::KanoFeature, nps::NpsMeasurement, FrontMatter, Insight, Item, Journey, KanoStudy,
    Narrative, NpsSeries, Persona, RefKind, Register, ResearchSource, SourceFile,
};

use super::{Local, Site};

/// An item of any kind that can name other items (biases name nothing).
#[derive(Debug, Clone, Copy)]
pub enum AnyItem<'a> {
    /// An insight.
    Insight(&'a Item<Insight>),
    /// A persona.
    Persona(&'a Item<Persona>),
    /// A journey.
    Journey(&'a Item<Journey>),
    /// A Kano study.
    Kano(&'a Item<KanoStudy>),
    /// An NPS series.
    Nps(&'a Item<NpsSeries>),
    /// A narrative (a chapter).
    Narrative(&'a Item<Narrative>),
    /// `sources.yaml`, the register of research sources, as one item.
    Sources(&'a Item<Register>),
}

impl<'a> AnyItem<'a> {
    /// The item of `kind` with `id` in `site`, if there is one (never a bias).
    pub fn find(site: &'a Site, kind: RefKind, id: &str) -> Option<AnyItem<'a>> {
        let i = site.position(kind, id)?;
        Some(match kind {
            RefKind::Insight => AnyItem::Insight(site.insights.get(i)?),
            RefKind::Persona => AnyItem::Persona(site.personas.get(i)?),
            RefKind::Journey => AnyItem::Journey(site.journeys.get(i)?),
            RefKind::Kano => AnyItem::Kano(site.kano.get(i)?),
            RefKind::Nps => AnyItem::Nps(site.nps.get(i)?),
            RefKind::Narrative => AnyItem::Narrative(site.narratives.get(i)?),
            RefKind::Bias | RefKind::Source => return None,
        })
    }

    /// Every item of `site` that can name others, kind by kind.
    pub fn all(site: &'a Site) -> impl Iterator<Item = AnyItem<'a>> {
        let insights = site.insights.iter().map(AnyItem::Insight);
        let personas = site.personas.iter().map(AnyItem::Persona);
        let journeys = site.journeys.iter().map(AnyItem::Journey);
        let kano = site.kano.iter().map(AnyItem::Kano);
        let nps = site.nps.iter().map(AnyItem::Nps);
        let narratives = site.narratives.iter().map(AnyItem::Narrative);
        let sources = site.sources.iter().map(AnyItem::Sources);
        insights.chain(personas).chain(journeys).chain(kano).chain(nps).chain(narratives).chain(sources)
    }

    /// Its kind.
    pub fn kind(self) -> RefKind {
        match self {
            AnyItem::Insight(_) => RefKind::Insight,
            AnyItem::Persona(_) => RefKind::Persona,
            AnyItem::Journey(_) => RefKind::Journey,
            AnyItem::Kano(_) => RefKind::Kano,
            AnyItem::Nps(_) => RefKind::Nps,
            AnyItem::Narrative(_) => RefKind::Narrative,
            AnyItem::Sources(_) => RefKind::Source,
        }
    }

    /// Its id.
    pub fn id(self) -> &'a str {
        match self {
            AnyItem::Insight(it) => &it.id,
            AnyItem::Persona(it) => &it.id,
            AnyItem::Journey(it) => &it.id,
            AnyItem::Kano(it) => &it.id,
            AnyItem::Nps(it) => &it.id,
            AnyItem::Narrative(it) => &it.id,
            AnyItem::Sources(it) => &it.id,
        }
    }

    /// The file it was read from.
    pub fn file(self) -> &'a SourceFile {
        match self {
            AnyItem::Insight(it) => &it.file,
            AnyItem::Persona(it) => &it.file,
            AnyItem::Journey(it) => &it.file,
            AnyItem::Kano(it) => &it.file,
            AnyItem::Nps(it) => &it.file,
            AnyItem::Narrative(it) => &it.file,
            AnyItem::Sources(it) => &it.file,
        }
    }
}

/// The field an id is written in, which says what the reference means.
/// Back-links are built by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role<'a> {
    /// An entry of an insight's `personas:`.
    InsightPersona,
    /// An entry of an insight's `biases:`.
    InsightBias,
    /// An insight's `journey:`, with its `stage:` when one is given.
    InsightJourney {
        /// The stage id, checked against the journey's stages.
        stage: Option<&'a str>,
    },
    /// A journey's `persona:`.
    JourneyPersona,
    /// The `source:` of an insight's evidence item `evidence[index]` (a
    /// source id when `sources.yaml` exists, free text otherwise).
    EvidenceSource {
        /// Index in `evidence`.
        index: usize,
    },
    /// The `persona:` of source `source` in `sources.yaml`.
    SourcePersona {
        /// The source's id.
        source: &'a str,
    },
    /// An insight shown on a step of a journey (`stages[stage].steps[step].insights`).
    StepInsight {
        /// Stage index in the journey.
        stage: usize,
        /// The stage's id.
        stage_id: &'a str,
        /// Step index in the stage.
        step: usize,
    },
}

/// Where a Markdown text is in its file.
#[derive(Debug, Clone)]
pub enum TextAt<'a> {
    /// A value of a YAML file, by its path (`emotional`, `about`, …).
    Yaml(Vec<Seg<'a>>),
    /// A narrative's body, which starts on this line.
    Body(usize),
}

/// One place where an item names other items.
#[derive(Debug, Clone)]
pub enum Mention<'a> {
    /// An id in a YAML field.
    Id {
        /// What the id names.
        kind: RefKind,
        /// The id as written.
        id: &'a str,
        /// The field it is written in.
        role: Role<'a>,
        /// Where it is in the YAML file.
        path: Vec<Seg<'a>>,
    },
    /// A Markdown text: its typed links, embeds and paths to pages are references.
    Markdown {
        /// The text.
        text: &'a str,
        /// Where it starts in its file.
        at: TextAt<'a>,
    },
}

/// Every place where `item` names other items: the one list of reference
/// fields. Each content struct is taken apart field by field (no `..`), so a
/// field added to a kind does not compile until it is listed here or marked
/// as naming nothing (`_`).
pub fn mentions(item: AnyItem<'_>) -> Vec<Mention<'_>> {
    fn markdown<'a>(out: &mut Vec<Mention<'a>>, text: &'a Option<String>, key: &'static str) {
        if let Some(text) = text {
            out.push(Mention::Markdown { text, at: TextAt::Yaml(vec![Seg::Key(key)]) });
        }
    }
    let mut out = Vec::new();
    match item {
        AnyItem::Insight(it) => {
            let Insight {
                title: _,
                summary: _,
                emotional,
                functional,
                breakthrough,
                personas,
                journey,
                stage,
                biases,
                evidence,
                confidence: _,
                impact: _,
                tags: _,
                status: _,
                date: _,
                internal: _,
            } = &*it.data;
            for (i, id) in personas.iter().enumerate() {
                let path = vec![Seg::Key("personas"), Seg::Index(i)];
                out.push(Mention::Id { kind: RefKind::Persona, id, role: Role::InsightPersona, path });
            }
            for (i, id) in biases.iter().enumerate() {
                let path = vec![Seg::Key("biases"), Seg::Index(i)];
                out.push(Mention::Id { kind: RefKind::Bias, id, role: Role::InsightBias, path });
            }
            if let Some(id) = journey {
                let role = Role::InsightJourney { stage: stage.as_deref() };
                out.push(Mention::Id { kind: RefKind::Journey, id, role, path: vec![Seg::Key("journey")] });
            }
            for (index, e) in evidence.iter().enumerate() {
                let Evidence { quote: _, metric: _, source, kind: _, metaphor: _, internal: _ } = e;
                if let Some(id) = source {
                    let path = vec![Seg::Key("evidence"), Seg::Index(index), Seg::Key("source")];
                    out.push(Mention::Id { kind: RefKind::Source, id, role: Role::EvidenceSource { index }, path });
                }
            }
            markdown(&mut out, emotional, "emotional");
            markdown(&mut out, functional, "functional");
            markdown(&mut out, breakthrough, "breakthrough");
        }
        AnyItem::Persona(it) => {
            let Persona {
                name: _,
                tagline: _,
                photo: _, // a file, checked with the other published files
                quote: _,
                temperament: _,
                about,
                facts: _,
                goals: _,
                needs: _,
                pains: _,
                motivations: _,
                behaviours: _,
                channels: _,
                internal: _,
            } = &*it.data;
            markdown(&mut out, about, "about");
        }
        AnyItem::Journey(it) => {
            let Journey { title: _, persona, description, stages } = &*it.data;
            if let Some(id) = persona {
                let path = vec![Seg::Key("persona")];
                out.push(Mention::Id { kind: RefKind::Persona, id, role: Role::JourneyPersona, path });
            }
            markdown(&mut out, description, "description");
            for (si, stage) in stages.iter().enumerate() {
                let Stage { id: stage_id, name: _, moment_of_truth: _, steps } = stage;
                for (ti, step) in steps.iter().enumerate() {
                    let Step {
                        name: _,
                        kind: _,
                        day: _,
                        channel: _,
                        doing: _,
                        thinking: _,
                        emotion: _,
                        pains: _,
                        opportunities: _,
                        owners: _,
                        insights,
                    } = step;
                    for (ii, id) in insights.iter().enumerate() {
                        let path = vec![
                            Seg::Key("stages"),
                            Seg::Index(si),
                            Seg::Key("steps"),
                            Seg::Index(ti),
                            Seg::Key("insights"),
                            Seg::Index(ii),
                        ];
                        let role = Role::StepInsight { stage: si, stage_id, step: ti };
                        out.push(Mention::Id { kind: RefKind::Insight, id, role, path });
                    }
                }
            }
        }
        AnyItem::Kano(it) => {
            // `responses` is a CSV file, read when loading.
            let KanoStudy { title: _, description, responses: _, features: _ } = &*it.data;
            markdown(&mut out, description, "description");
        }
        AnyItem::Nps(it) => {
            let NpsSeries { title: _, description, measurements: _ } = &*it.data;
            markdown(&mut out, description, "description");
        }
        AnyItem::Narrative(it) => {
            let Narrative { front: _, body, body_line, headings: _ } = &*it.data;
            out.push(Mention::Markdown { text: body, at: TextAt::Body(*body_line) });
        }
        AnyItem::Sources(it) => {
            for (source, entry) in it.data.iter() {
                let ResearchSource {
                    title: _,
                    kind: _,
                    date: _,
                    participants: _,
                    persona,
                    segment: _,
                    description,
                    file: _, // a file, checked with the other published files
                } = entry;
                if let Some(id) = persona {
                    let path = vec![Seg::Key(source), Seg::Key("persona")];
                    out.push(Mention::Id { kind: RefKind::Persona, id, role: Role::SourcePersona { source }, path });
                }
                if let Some(text) = description {
                    out.push(Mention::Markdown {
                        text,
                        at: TextAt::Yaml(vec![Seg::Key(source), Seg::Key("description")]),
                    });
                }
            }
        }
    }
    out
}

// Parts of items that name nothing. Written out field by field so that a
// field added to one of them does not compile until it is decided whether
// it is a reference (then it belongs in `mentions`).
const _: fn(&KanoFeature) = |KanoFeature { id: _, name: _, category: _, answers: _, importance: _, history: _ }| {};
const _: fn(&NpsMeasurement) = |NpsMeasurement { period: _, promoters: _, passives: _, detractors: _, scores: _ }| {};
const _: fn(&FrontMatter) = |FrontMatter { title: _, order: _, summary: _, status: _, internal: _ }| {};

/// The items a Markdown text names: its typed links and embeds, and the
/// paths in it that lead to a page (`../narratives/the-journey.md`),
/// resolved from `file`.
pub fn markdown_targets(site: &Site, file: &str, text: &str) -> Vec<(RefKind, String)> {
    if !text.contains(':') && !text.contains("{{") && !text.contains("](") {
        return Vec::new(); // no typed link, embed or link can be in it
    }
    let found = scan_all(text);
    let mut out: Vec<(RefKind, String)> = found.refs.into_iter().map(|r| (r.kind, r.id)).collect();
    for target in found.targets {
        if let Target::Path { path, .. } = classify(&target.dest) {
            if let Some(Local::Page(kind, id)) = site.local(file, &path) {
                out.push((kind, id));
            }
        }
    }
    out
}
