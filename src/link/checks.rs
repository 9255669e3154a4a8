//! The checks of each content kind: references, ranges, required layers,
//! and Markdown links inside text fields.

use std::collections::{BTreeMap, BTreeSet};

use super::graph::{self, AnyItem, Mention, Role, TextAt};
use super::Known;
use crate::diagnostics::{unknown_id_help, Code, Diagnostic, Diagnostics};
use crate::load::positions::{locate, Lazy, Seg};
use crate::load::{resolve_project_path, Sources};
use crate::markdown::scan_all;
use crate::model::{
    kano::Tally, Insight, Item, Journey, KanoStudy, Level, Narrative, NpsSeries, Persona, Register, SourceFile, Status,
};

/// Runs `check` on every item in parallel, keeping the diagnostics in item order.
fn each<T: Sync>(items: &[T], diags: &mut Diagnostics, check: impl Fn(&T, &mut Diagnostics) + Sync) {
    use rayon::prelude::*;
    let found: Vec<Diagnostics> = items
        .par_iter()
        .map(|it| {
            let mut d = Diagnostics::default();
            check(it, &mut d);
            d
        })
        .collect();
    for d in found {
        diags.extend(d.sorted());
    }
}

/// Checks an ISO `YYYY-MM-DD` date that exists on the calendar.
fn is_iso_date(s: &str) -> bool {
    crate::dates::parse_iso(s).is_some()
}

fn check_date(file: &SourceFile, date: Option<&String>, path: &[Seg], diags: &mut Diagnostics) {
    if let Some(d) = date {
        if !is_iso_date(d) {
            let (l, c) = locate(&file.text, path);
            diags.push(
                Diagnostic::error(
                    Code::BadValue,
                    &file.rel,
                    l,
                    c,
                    format!("`{d}` is not a date (YYYY-MM-DD, on the calendar)"),
                )
                .with_help("write dates as YYYY-MM-DD, e.g. 2026-11-20"),
            );
        }
    }
}

/// Where a Markdown text starts in its file, to turn offsets into `line:col`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextStart {
    /// Line of the text's first character.
    pub line: usize,
    /// Column of the text's first character.
    pub col: usize,
    /// Every line of the text starts at `col` (a narrative body, a YAML block
    /// scalar); otherwise only the first line does.
    pub block: bool,
}

/// Checks typed links (with chapter anchors), embeds, paths and outside images
/// in a Markdown text; `start` is computed only when there is a problem.
pub(crate) fn markdown_refs(
    file: &SourceFile,
    text: &str,
    start: impl Fn() -> TextStart,
    known: &Known,
    diags: &mut Diagnostics,
) {
    let found = scan_all(text);
    // Built on the first problem: where the text starts, and where each of its lines does.
    let lines = std::cell::OnceCell::new();
    let pos = |offset: usize| {
        let (start, line_starts) = lines.get_or_init(|| {
            let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
            (start(), starts)
        });
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1; // an offset from merged text may fall inside a character of the source
        }
        let newlines = line_starts.partition_point(|&s| s <= end) - 1;
        let in_line = text[line_starts[newlines]..end].chars().count() + 1;
        let col = if newlines == 0 || start.block { start.col - 1 + in_line } else { in_line };
        (start.line + newlines, col)
    };
    for r in &found.refs {
        if r.kind == crate::model::RefKind::Source && known.register.is_none() {
            // Evidence `source` is free text without sources.yaml; a link is not.
            let (l, c) = pos(r.offset);
            diags.push(
                Diagnostic::error(Code::UnknownRef, &file.rel, l, c, format!("unknown source `{}`", r.id))
                    .with_help("`source:ID` links to an entry of sources.yaml, and this project has no sources.yaml"),
            );
            continue;
        }
        let in_site = known.check(r.kind, &r.id, &file.rel, || pos(r.offset), diags);
        if let (true, Some(anchor)) = (in_site, &r.anchor) {
            super::local::check_anchor(known, r.kind, &r.id, anchor, &file.rel, || pos(r.offset), diags);
        }
    }
    for (page, offset) in found.views {
        if !known.has_view(page) {
            let (l, c) = pos(offset);
            let (message, help) = if page == "metaphors" {
                ("`metaphors:` links to the metaphor map, which this site does not have: no evidence names a metaphor", "give some quotes a `metaphor:` (balance, transformation, journey, container, connection, resource, control), or remove the link")
            } else {
                (
                    "`mindmap:` links to the mindmap, which this site does not have: it has no insights",
                    "add insights, or remove the link",
                )
            };
            diags.push(Diagnostic::warning(Code::BadLink, &file.rel, l, c, message).with_help(help));
        }
    }
    for p in found.problems {
        let (l, c) = pos(p.offset);
        diags.push(
            Diagnostic::error(if p.too_large { Code::TooLarge } else { Code::BadEmbed }, &file.rel, l, c, p.message)
                .with_help(p.help),
        );
    }
    super::local::check_targets(known, &file.rel, &found.targets, &pos, diags);
    super::local::check_raw_html(known, &file.rel, &found.raw_outside, &pos, diags);
}

/// Checks a Markdown field of a YAML file (`emotional`, `about`, …).
fn yaml_markdown(file: &SourceFile, pos: &Lazy, text: &str, path: &[Seg], known: &Known, diags: &mut Diagnostics) {
    if !text.contains(':')
        && !text.contains("{{")
        && !text.contains("](")
        && !text.contains("//")
        && !text.contains('|')
    {
        return; // no typed link, embed, path, outside URL or table can be in it
    }
    let start = || {
        let (line, col) = pos.locate(path);
        let line_text = |n: usize| file.text.lines().nth(n.wrapping_sub(1)).unwrap_or("");
        let opens_block = |l: &str| {
            let l = l.trim_end().trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
            l.ends_with('|') || l.ends_with('>')
        };
        let indent = |l: &str| l.len() - l.trim_start().len() + 1;
        // The value itself must be the indicator: a one-line value may end in `>` (`<img …>`).
        let value = line_text(line).get(col.saturating_sub(1)..).unwrap_or("");
        let value = value.split(" #").next().unwrap_or(value);
        if value.trim_start().starts_with(['|', '>']) && opens_block(value) {
            // The value is marked at its indicator: the text starts on the next line.
            TextStart { line: line + 1, col: indent(line_text(line + 1)), block: true }
        } else if line > 1 && opens_block(line_text(line - 1)) && col == indent(line_text(line)) {
            TextStart { line, col, block: true }
        } else {
            let quoted = line_text(line).get(col - 1..).is_some_and(|v| v.starts_with(['"', '\'']));
            TextStart { line, col: col + usize::from(quoted), block: false }
        }
    };
    markdown_refs(file, text, start, known, diags);
}

/// Checks every reference `item` makes (see [`graph::mentions`]): each id
/// names an item of the project (and an insight's stage a stage of its
/// journey); each Markdown text's links, embeds and paths lead somewhere.
pub(crate) fn references(item: AnyItem, known: &Known, diags: &mut Diagnostics) {
    let file = item.file();
    let pos = Lazy::new(&file.text);
    for mention in graph::mentions(item) {
        match mention {
            Mention::Id { kind, id, role, path } => {
                let in_site = known.check(kind, id, &file.rel, || pos.locate(&path), diags);
                if let (true, Role::InsightJourney { stage: Some(s) }) = (in_site, role) {
                    check_stage(file, &pos, id, s, known, diags);
                }
            }
            Mention::Markdown { text, at: TextAt::Yaml(path) } => yaml_markdown(file, &pos, text, &path, known, diags),
            Mention::Markdown { text, at: TextAt::Body(line) } => {
                markdown_refs(file, text, || TextStart { line, col: 1, block: true }, known, diags)
            }
        }
    }
}

/// An insight's `stage:` is a stage of its journey `j`.
fn check_stage(f: &SourceFile, pos: &Lazy, j: &str, s: &str, known: &Known, diags: &mut Diagnostics) {
    let Some(journey) = known.journey(j) else { return };
    if !journey.stages.iter().any(|st| st.id == s) {
        let (l, c) = pos.locate(&[Seg::Key("stage")]);
        let stages = journey.stages.iter().map(|st| st.id.as_str());
        diags.push(
            Diagnostic::error(Code::UnknownRef, &f.rel, l, c, format!("journey `{j}` has no stage `{s}`"))
                .with_help(unknown_id_help("stage", s, stages)),
        );
    }
}

/// Insights: references, a stage without a journey, evidence, layers, date, status.
pub(crate) fn insights(
    items: &[Item<Insight>],
    known: &Known,
    cache: Option<&super::LinkCache>,
    diags: &mut Diagnostics,
) {
    each_cached(items, known, cache, diags, insight);
}

/// Runs `check` on every item; with a `cache` (serve), an item whose text and
/// whose world of ids did not change has the same problems as last time.
fn each_cached<T: Sync + Send>(
    items: &[Item<T>],
    known: &Known,
    cache: Option<&super::LinkCache>,
    diags: &mut Diagnostics,
    check: fn(&Item<T>, &Known, &mut Diagnostics),
) {
    let Some(cache) = cache else {
        return each(items, diags, |it, diags| check(it, known, diags));
    };
    let universe = known.fingerprint();
    each(items, diags, |it, diags| match cache.get(&it.file, universe) {
        Some(found) => diags.extend(found),
        None => {
            let mut mine = Diagnostics::default();
            check(it, known, &mut mine);
            let found = mine.sorted();
            cache.put(&it.file, universe, found.clone());
            diags.extend(found);
        }
    });
}

/// The first line that is not blank and not a comment (a file may start with
/// an editor's `# yaml-language-server: …` line): where a problem of the whole
/// file is shown.
fn first_key_line(text: &str) -> usize {
    let is_content = |l: &&str| !l.trim().is_empty() && !l.trim_start().starts_with('#') && l.trim() != "---";
    text.lines().position(|l| is_content(&l)).map_or(1, |i| i + 1)
}

fn insight(it: &Item<Insight>, known: &Known, diags: &mut Diagnostics) {
    {
        let (f, d) = (&it.file, &it.data);
        let pos = Lazy::new(&f.text);
        references(AnyItem::Insight(it), known, diags);
        if let (None, Some(s)) = (&d.journey, &d.stage) {
            let (l, c) = pos.locate(&[Seg::Key("stage")]);
            diags.push(
                Diagnostic::error(
                    Code::MissingContent,
                    &f.rel,
                    l,
                    c,
                    format!("stage `{s}` is given without a journey"),
                )
                .with_help("add `journey: ID` naming the journey this stage belongs to"),
            );
        }
        for (i, e) in d.evidence.iter().enumerate() {
            if e.quote.is_some() == e.metric.is_some() {
                let (l, c) = pos.locate(&[Seg::Key("evidence"), Seg::Index(i)]);
                let what = if e.quote.is_some() { "both `quote` and `metric`" } else { "neither `quote` nor `metric`" };
                diags.push(
                    Diagnostic::error(Code::BadEvidence, &f.rel, l, c, format!("evidence item has {what}")).with_help(
                        "give each evidence item exactly one of `quote:` or `metric:`; split it into two items",
                    ),
                );
            }
        }
        for (key, layer) in
            [("emotional", &d.emotional), ("functional", &d.functional), ("breakthrough", &d.breakthrough)]
        {
            if layer.as_deref().is_none_or(|text| text.trim().is_empty()) {
                diags.push(
                    Diagnostic::warning(
                        Code::Unfinished,
                        &f.rel,
                        first_key_line(&f.text),
                        1,
                        format!("the {key} layer is missing"),
                    )
                    .with_help(format!(
                        "the method works each insight out in three layers; add `{key}: |` with a few sentences"
                    )),
                );
            }
        }
        check_date(f, d.date.as_ref(), &[Seg::Key("date")], diags);
        evidence_strength(f, d, &pos, known, diags);
        if d.status == Status::Review {
            let (l, c) = pos.locate_key(&[Seg::Key("status")]);
            diags.push(
                Diagnostic::warning(
                    Code::Unfinished,
                    &f.rel,
                    l,
                    c,
                    format!("insight `{}` is in review: it goes to the client unreviewed", it.id),
                )
                .with_help("set `status: final` when it is reviewed, or `draft` to leave it out of the site"),
            );
        }
    }
}

/// Personas: references (Markdown in `about`).
/// `sources.yaml`: valid ids, dates, and the persona and Markdown of each source.
pub(crate) fn register(item: &Item<Register>, known: &Known, diags: &mut Diagnostics) {
    let pos = Lazy::new(&item.file.text);
    for (id, source) in item.data.iter() {
        if !crate::load::is_valid_id(id) {
            let (l, c) = pos.locate_key(&[Seg::Key(id)]);
            diags.push(
                Diagnostic::error(Code::BadId, &item.file.rel, l, c, format!("`{id}` is not a valid source id"))
                    .with_help(format!(
                        "ids use lower-case letters, digits and `-` only, e.g. `{}`",
                        crate::load::suggest_id(id)
                    )),
            );
        }
        check_date(&item.file, source.date.as_ref(), &[Seg::Key(id), Seg::Key("date")], diags);
    }
    references(AnyItem::Sources(item), known, diags);
}

/// The most sentences a quote may have before `long-quote` warns: a quote is
/// what carries the point in the customer's words; the rest belongs in the
/// source (a transcript).
pub const QUOTE_SENTENCES: usize = 3;

/// Does the evidence carry the insight? No evidence, `confidence: high` on
/// fewer than two distinct sources or on one method, and overlong quotes are
/// warnings (errors with `--strict`).
fn evidence_strength(f: &SourceFile, d: &Insight, pos: &Lazy, known: &Known, diags: &mut Diagnostics) {
    if d.evidence.is_empty() {
        diags.push(
            Diagnostic::warning(
                Code::ThinEvidence,
                &f.rel,
                first_key_line(&f.text),
                1,
                "no evidence backs this insight",
            )
            .with_help("add quotes or metrics under `evidence:`, each with the `source` it comes from"),
        );
        return;
    }
    for (i, e) in d.evidence.iter().enumerate() {
        let n = e.quote.as_deref().map_or(0, crate::model::research::sentences);
        if n > QUOTE_SENTENCES {
            let (l, c) = pos.locate(&[Seg::Key("evidence"), Seg::Index(i), Seg::Key("quote")]);
            diags.push(
                Diagnostic::warning(
                    Code::LongQuote,
                    &f.rel,
                    l,
                    c,
                    format!("this quote has {n} sentences, more than {QUOTE_SENTENCES}"),
                )
                .with_help(
                    "quote the words that carry the point; the whole answer belongs in the source, e.g. a transcript",
                ),
            );
        }
    }
    // With an unreadable sources.yaml no type can be inherited: counting methods would only echo its error.
    let register_unreadable = known.unreadable.whole.contains(&crate::model::RefKind::Source)
        || known.unreadable.ids.contains_key(&crate::model::RefKind::Source);
    if d.confidence == Level::High && !register_unreadable {
        let strength = crate::model::research::Strength::of(&d.evidence, known.register);
        if strength.sources < 2 || strength.methods < 2 {
            let (l, c) = pos.locate(&[Seg::Key("confidence")]);
            let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            diags.push(
                Diagnostic::warning(
                    Code::ThinEvidence,
                    &f.rel,
                    l,
                    c,
                    format!(
                        "`confidence: high` rests on {} and {}",
                        plural(strength.sources, "source", "sources"),
                        plural(strength.methods, "method", "methods")
                    ),
                )
                .with_help("high confidence needs evidence from at least two sources and two methods (e.g. interviews and analytics); add evidence, or lower it to `medium`"),
            );
        }
    }
}

pub(crate) fn personas(items: &[Item<Persona>], known: &Known, diags: &mut Diagnostics) {
    for it in items {
        references(AnyItem::Persona(it), known, diags);
    }
}

/// Journeys: references, stages, unique and valid stage ids, emotion and day ranges.
pub(crate) fn journeys(items: &[Item<Journey>], known: &Known, diags: &mut Diagnostics) {
    for it in items {
        let (f, d) = (&it.file, &it.data);
        let pos = Lazy::new(&f.text);
        references(AnyItem::Journey(it), known, diags);
        if d.stages.is_empty() {
            let (l, c) = pos.locate_key(&[Seg::Key("stages")]);
            diags.push(
                Diagnostic::error(Code::MissingContent, &f.rel, l, c, "a journey needs at least one stage")
                    .with_help("add a stage: `- id: orientation` with `name: Orientation`"),
            );
        }
        let mut seen = BTreeSet::new();
        for (si, stage) in d.stages.iter().enumerate() {
            let spath = [Seg::Key("stages"), Seg::Index(si)];
            if !seen.insert(stage.id.as_str()) {
                let (l, c) = pos.locate(&[spath[0], spath[1], Seg::Key("id")]);
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        &f.rel,
                        l,
                        c,
                        format!("stage id `{}` is used twice in this journey", stage.id),
                    )
                    .with_help("give every stage its own id"),
                );
            }
            if !crate::load::is_valid_id(&stage.id) {
                let (l, c) = pos.locate(&[spath[0], spath[1], Seg::Key("id")]);
                diags.push(
                    Diagnostic::error(Code::BadId, &f.rel, l, c, format!("`{}` is not a valid stage id", stage.id))
                        .with_help(format!(
                            "ids use lower-case letters, digits and `-`; try `{}`",
                            crate::load::suggest_id(&stage.id)
                        )),
                );
            }
            for (ti, step) in stage.steps.iter().enumerate() {
                let at = |key: &'static str| {
                    let p = [spath[0], spath[1], Seg::Key("steps"), Seg::Index(ti), Seg::Key(key)];
                    pos.locate(&p)
                };
                if let Some(e) = step.emotion {
                    if !(-2..=2).contains(&e) {
                        let (l, c) = at("emotion");
                        diags.push(
                            Diagnostic::error(Code::OutOfRange, &f.rel, l, c, format!("emotion {e} is out of range"))
                                .with_help("emotion is a whole number from -2 (very negative) to 2 (very positive)"),
                        );
                    }
                }
                if let Some(day) = step.day {
                    if !day.is_finite() || !(-100_000.0..=100_000.0).contains(&day) {
                        let (l, c) = at("day");
                        diags.push(
                            Diagnostic::error(Code::BadValue, &f.rel, l, c, "day is not a usable number")
                                .with_help("write the number of days since the journey's start, e.g. `day: 3`"),
                        );
                    }
                }
            }
        }
    }
}

/// Narratives: references (typed links, embeds and paths in the body).
pub(crate) fn narratives(
    items: &[Item<Narrative>],
    known: &Known,
    cache: Option<&super::LinkCache>,
    diags: &mut Diagnostics,
) {
    each_cached(items, known, cache, diags, |it, known, diags| references(AnyItem::Narrative(it), known, diags));
}

/// Kano studies: references, unique feature ids, importance range.
pub(crate) fn kano_features(items: &[Item<KanoStudy>], known: &Known, diags: &mut Diagnostics) {
    for it in items {
        let (f, d) = (&it.file, &it.data);
        let pos = Lazy::new(&f.text);
        references(AnyItem::Kano(it), known, diags);
        let mut seen = BTreeSet::new();
        for (i, feat) in d.features.iter().enumerate() {
            let at = |key: &'static str| pos.locate(&[Seg::Key("features"), Seg::Index(i), Seg::Key(key)]);
            if !seen.insert(feat.id.as_str()) {
                let (l, c) = at("id");
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        &f.rel,
                        l,
                        c,
                        format!("feature id `{}` is used twice in this study", feat.id),
                    )
                    .with_help("give every feature its own id"),
                );
            }
            if let Some(imp) = feat.importance {
                if !(1.0..=5.0).contains(&imp) {
                    let (l, c) = at("importance");
                    diags.push(
                        Diagnostic::error(Code::OutOfRange, &f.rel, l, c, format!("importance {imp} is out of range"))
                            .with_help("importance is self-stated, from 1 to 5"),
                    );
                }
            }
        }
    }
}

/// Kano features: every feature has a category or answers; stated vs computed.
pub(crate) fn kano_answers(
    items: &[Item<KanoStudy>],
    csv: &BTreeMap<(String, String), Tally>,
    diags: &mut Diagnostics,
) {
    use crate::model::kano;
    for it in items {
        let (f, d) = (&it.file, &it.data);
        let pos = Lazy::new(&f.text);
        if d.features.is_empty() {
            let (l, c) = pos.locate_key(&[Seg::Key("features")]);
            diags.push(
                Diagnostic::error(Code::MissingContent, &f.rel, l, c, "a Kano study needs at least one feature")
                    .with_help("add `- id: …` with `name:` and `category:` or `answers:` under `features:`"),
            );
        }
        let csv_failed = d.responses.as_deref().is_some_and(|path| {
            let (line, _) = pos.locate(&[Seg::Key("responses")]);
            diags.has_error_in(path, None) || diags.has_error_in(&f.rel, Some(line))
        });
        for (i, feat) in d.features.iter().enumerate() {
            let at = |key: &'static str| pos.locate(&[Seg::Key("features"), Seg::Index(i), Seg::Key(key)]);
            let from_csv = csv.get(&(it.id.clone(), feat.id.clone()));
            if from_csv.is_some() && feat.answers.is_some() {
                let (l, c) = at("answers");
                diags.push(
                    Diagnostic::warning(
                        Code::KanoData,
                        &f.rel,
                        l,
                        c,
                        format!(
                            "feature `{}` has both `answers` and rows in the responses CSV; the CSV is used",
                            feat.id
                        ),
                    )
                    .with_help("remove `answers:` or the feature's rows from the CSV"),
                );
            }
            if let Some(t) = &feat.answers {
                for (key, n) in [("A", t.A), ("O", t.O), ("M", t.M), ("I", t.I), ("R", t.R), ("Q", t.Q)] {
                    let at = || pos.locate(&[Seg::Key("features"), Seg::Index(i), Seg::Key("answers"), Seg::Key(key)]);
                    count_limit(f, at, key, n, diags);
                }
            }
            let tally = from_csv.or(feat.answers.as_ref());
            let computed = tally.and_then(kano::category);
            match (feat.category, computed) {
                // The responses CSV's own error says why there are no answers.
                (None, None) if csv_failed => {}
                (None, None) => {
                    let (l, c) = pos.locate(&[Seg::Key("features"), Seg::Index(i)]);
                    diags.push(
                        Diagnostic::error(Code::KanoData, &f.rel, l, c, format!("feature `{}` has no category and no answers", feat.id))
                            .with_help("add `category: basic | performance | delight | …`, `answers: {A: …, O: …, M: …, I: …}`, or rows in the responses CSV"),
                    );
                }
                (Some(stated), Some(computed)) if stated != computed && !csv_failed => {
                    let (l, c) = at("category");
                    diags.push(
                        Diagnostic::warning(
                            Code::KanoData,
                            &f.rel,
                            l,
                            c,
                            format!(
                                "feature `{}` is stated as {} but the answers make it {}",
                                feat.id,
                                stated.as_str(),
                                computed.as_str()
                            ),
                        )
                        .with_help(format!(
                            "the computed category is used; write `category: {}` or remove the line",
                            computed.as_str()
                        )),
                    );
                }
                _ => {}
            }
        }
    }
}

/// A count above [`MAX_COUNT`](crate::model::MAX_COUNT) is an error: sums
/// of such counts could overflow and show wrong numbers as facts.
fn count_limit(f: &SourceFile, at: impl Fn() -> (usize, usize), key: &str, n: u64, diags: &mut Diagnostics) {
    let max = crate::model::MAX_COUNT;
    if n > max {
        let (l, c) = at();
        diags.push(
            Diagnostic::error(
                Code::OutOfRange,
                &f.rel,
                l,
                c,
                format!("`{key}: {n}` is more than cxsite counts ({max} at most)"),
            )
            .with_help("write the number of respondents; a count above a billion is not a survey result"),
        );
    }
}

/// NPS series: references; measurements with counts or scores, exactly one of them.
pub(crate) fn nps_measurements(
    items: &[Item<NpsSeries>],
    known: &Known,
    scores: &BTreeMap<(String, usize), Vec<u8>>,
    diags: &mut Diagnostics,
) {
    for it in items {
        let (f, d) = (&it.file, &it.data);
        let pos = Lazy::new(&f.text);
        references(AnyItem::Nps(it), known, diags);
        if d.measurements.is_empty() {
            let (l, c) = pos.locate_key(&[Seg::Key("measurements")]);
            diags.push(
                Diagnostic::error(Code::MissingContent, &f.rel, l, c, "an NPS series needs at least one measurement")
                    .with_help("add `- period: 2026-Q1` with promoters, passives and detractors"),
            );
        }
        for (i, m) in d.measurements.iter().enumerate() {
            let counts = [m.promoters, m.passives, m.detractors];
            let some = counts.iter().filter(|c| c.is_some()).count();
            let here = || pos.locate(&[Seg::Key("measurements"), Seg::Index(i)]);
            for (key, n) in [("promoters", m.promoters), ("passives", m.passives), ("detractors", m.detractors)] {
                if let Some(n) = n {
                    let at = || pos.locate(&[Seg::Key("measurements"), Seg::Index(i), Seg::Key(key)]);
                    count_limit(f, at, key, n, diags);
                }
            }
            if m.scores.is_some() && some > 0 {
                let (l, c) = here();
                diags.push(
                    Diagnostic::error(
                        Code::NpsData,
                        &f.rel,
                        l,
                        c,
                        format!("period `{}` has both counts and a scores CSV", m.period),
                    )
                    .with_help("give either promoters/passives/detractors or `scores:`, not both"),
                );
            } else if m.scores.is_none() && counts.iter().all(|c| *c == Some(0)) {
                let (l, c) = here();
                diags.push(
                    Diagnostic::warning(
                        Code::NpsData,
                        &f.rel,
                        l,
                        c,
                        format!(
                            "period `{}` has no respondents: promoters, passives and detractors are all 0; it shows no score",
                            m.period
                        ),
                    )
                    .with_help("write the period's counts, or leave the period out until it has answers"),
                );
            } else if m.scores.is_none() && some < 3 {
                let (l, c) = here();
                diags.push(
                    Diagnostic::error(
                        Code::NpsData,
                        &f.rel,
                        l,
                        c,
                        format!("period `{}` needs promoters, passives and detractors, or `scores:`", m.period),
                    )
                    .with_help("write all three counts (0 where there are none), or name a CSV with a `score` column"),
                );
            } else if m.scores.is_some() && scores.get(&(it.id.clone(), i)).is_some_and(Vec::is_empty) {
                let (l, c) = here();
                diags.push(
                    Diagnostic::error(
                        Code::NpsData,
                        &f.rel,
                        l,
                        c,
                        format!("the scores CSV of period `{}` has no scores", m.period),
                    )
                    .with_help("add rows with a score from 0 to 10"),
                );
            }
        }
    }
}

/// Photos, the logo and the sources' files: inside the project and present. Returns every project
/// file the site needs, mapped to its path in the site.
pub(crate) fn project_files(sources: &Sources, diags: &mut Diagnostics) -> BTreeMap<String, String> {
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for a in &sources.assets {
        files.insert(a.clone(), a.clone());
    }
    let mut need = |file: &SourceFile, path: &[Seg], value: &str, diags: &mut Diagnostics| match resolve_project_path(
        &sources.root,
        value,
    ) {
        Ok(_) => {
            let norm = crate::load::normalise_project_rel(value);
            let site = if norm.starts_with("assets/") { norm.clone() } else { format!("assets/{norm}") };
            files.entry(norm).or_insert(site);
        }
        Err(problem) => {
            let (l, c) = locate(&file.text, path);
            diags.push(problem.diagnostic(&file.rel, l, c, value));
        }
    };
    if let Some(logo) = &sources.config.logo {
        need(&sources.config_file, &[Seg::Key("logo")], logo, diags);
    }
    for p in &sources.personas {
        if let Some(photo) = &p.data.photo {
            need(&p.file, &[Seg::Key("photo")], photo, diags);
        }
    }
    if let Some(register) = &sources.sources {
        for (id, source) in register.data.iter() {
            if let Some(file) = &source.file {
                need(&register.file, &[Seg::Key(id), Seg::Key("file")], file, diags);
            }
        }
    }
    files
}

#[cfg(test)]
mod tests {
    #[test]
    fn whole_file_problems_point_past_leading_comments() {
        assert_eq!(super::first_key_line("title: A\n"), 1);
        assert_eq!(super::first_key_line("# yaml-language-server: $schema=x\n\ntitle: A\n"), 3);
        assert_eq!(super::first_key_line(""), 1);
    }

    #[test]
    fn iso_dates() {
        assert!(super::is_iso_date("2026-11-20"));
        assert!(
            !super::is_iso_date("20-11-2026") && !super::is_iso_date("2026-13-01") && !super::is_iso_date("2026-1-1")
        );
    }
}
