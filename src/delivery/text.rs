//! `cxsite diff OLD NEW`: the changes as plain text for a terminal or a
//! cover e-mail, the same entries changes.html shows.

use std::fmt::Write;

use super::diff::{Changes, FieldChange, Named};
use super::words::to_plain;

/// The whole summary, one line per entry, sections only when they have entries.
pub fn summary(c: &Changes) -> String {
    let mut out = String::new();
    let when = |d: &super::diff::Delivery| match &d.date {
        Some(date) => format!("“{}” of {date}", d.title),
        None => format!("“{}” built {}", d.title, d.built),
    };
    let _ = writeln!(out, "Changes from {} to {}", when(&c.old), when(&c.new));
    if c.is_empty() {
        out.push_str("Nothing changed.\n");
        return out;
    }
    let counted = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        out,
        "Insights: {} added, {} removed, {} changed",
        c.insights_added.len(),
        c.insights_removed.len(),
        c.insights_changed.len()
    );
    for n in &c.insights_added {
        let _ = writeln!(out, "  + {}  {}", n.id, n.title);
    }
    for n in &c.insights_removed {
        let _ = writeln!(out, "  - {}  {}", n.id, n.title);
    }
    for ch in &c.insights_changed {
        let what: Vec<&str> = ch.fields.iter().map(|f| f.field).collect();
        let mut parts = what.join(", ");
        if !ch.evidence_added.is_empty() {
            if !parts.is_empty() {
                parts.push_str(", ");
            }
            parts.push_str(&format!("evidence +{}", ch.evidence_added.len()));
        }
        if ch.evidence_removed > 0 {
            if !parts.is_empty() {
                parts.push_str(", ");
            }
            parts.push_str(&format!("evidence −{}", ch.evidence_removed));
        }
        let _ = writeln!(out, "  ~ {}  {} ({parts})", ch.id, ch.title);
        fields(&mut out, &ch.fields);
        for e in &ch.evidence_added {
            let text = e.quote.as_deref().map(|q| format!("“{q}”")).or_else(|| e.metric.clone()).unwrap_or_default();
            let source = e.source.as_deref().map(|s| format!(" — {s}")).unwrap_or_default();
            let _ = writeln!(out, "      + evidence: {text}{source}");
        }
    }
    if !(c.kano_moved.is_empty() && c.kano_added.is_empty() && c.kano_removed.is_empty()) {
        let _ = writeln!(out, "Kano: {} moved category", counted(c.kano_moved.len(), "feature", "features"));
        for m in &c.kano_moved {
            let coeff = |(b, w): (Option<f64>, Option<f64>)| match (b, w) {
                (Some(b), Some(w)) => {
                    format!("better {}, worse {}", super::diff::decimal(b, false), super::diff::decimal(w, false))
                }
                _ => "no answers".to_string(),
            };
            let _ = writeln!(
                out,
                "  ~ {} ({}): {} → {} ({} → {})",
                m.name,
                m.study_title,
                m.from.as_str(),
                m.to.as_str(),
                coeff(m.old_coefficients),
                coeff(m.new_coefficients)
            );
        }
        named(&mut out, '+', &c.kano_added);
        named(&mut out, '-', &c.kano_removed);
    }
    if !(c.nps_added.is_empty() && c.nps_changed.is_empty() && c.nps_latest.is_empty()) {
        let _ = writeln!(out, "NPS: {} added", counted(c.nps_added.len(), "period", "periods"));
        let score = |(n, m): (Option<i64>, Option<f64>)| super::diff::score_text(n, m);
        for p in &c.nps_added {
            let _ = writeln!(out, "  + {}: {} {}", p.title, p.period, score((p.nps, p.margin)));
        }
        for p in &c.nps_changed {
            let _ = writeln!(out, "  ~ {}: {} {} → {}", p.title, p.new_period, score(p.old), score(p.new));
        }
        for p in &c.nps_latest {
            let verdict = if p.beyond_margin { "beyond the margins of error" } else { "within the margins of error" };
            let _ = writeln!(
                out,
                "  latest {}: {} {} → {} {} ({verdict})",
                p.title,
                p.old_period,
                score(p.old),
                p.new_period,
                score(p.new)
            );
        }
    }
    if !(c.steps.is_empty() && c.journeys_added.is_empty() && c.journeys_removed.is_empty()) {
        let _ = writeln!(out, "Journeys: {} changed", counted(c.steps.len(), "step", "steps"));
        named(&mut out, '+', &c.journeys_added);
        named(&mut out, '-', &c.journeys_removed);
        for s in &c.steps {
            let line = match s.kind {
                "added" => format!("  + {}: {} (in {})", s.journey_title, s.step, s.to),
                "removed" => format!("  - {}: {} (was in {})", s.journey_title, s.step, s.from),
                "moved" => format!("  ~ {}: {} moved from {} to {}", s.journey_title, s.step, s.from, s.to),
                _ => format!("  ~ {}: {} emotion {} → {}", s.journey_title, s.step, s.from, s.to),
            };
            let _ = writeln!(out, "{line}");
        }
    }
    if !(c.personas_added.is_empty() && c.personas_removed.is_empty() && c.personas_changed.is_empty()) {
        let _ = writeln!(
            out,
            "Personas: {} added, {} removed, {} changed",
            c.personas_added.len(),
            c.personas_removed.len(),
            c.personas_changed.len()
        );
        named(&mut out, '+', &c.personas_added);
        named(&mut out, '-', &c.personas_removed);
        for p in &c.personas_changed {
            let what: Vec<&str> = p.fields.iter().map(|f| f.field).collect();
            let _ = writeln!(out, "  ~ {}  {} ({})", p.id, p.name, what.join(", "));
            fields(&mut out, &p.fields);
        }
    }
    out
}

fn named(out: &mut String, sign: char, list: &[Named]) {
    for n in list {
        let _ = writeln!(out, "  {sign} {}  {}", n.id, n.title);
    }
}

/// Words kept around a change, each side, in the terminal.
const CONTEXT_WORDS: usize = 6;

/// The diff with long unchanged runs cut to [`CONTEXT_WORDS`] words beside each change.
fn shortened(segments: &[super::words::Segment]) -> Vec<super::words::Segment> {
    let last = segments.len().saturating_sub(1);
    segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if s.kind != "same" {
                return s.clone();
            }
            let words: Vec<&str> = s.text.split_whitespace().collect();
            let keep_start = if i == 0 { 0 } else { CONTEXT_WORDS }; // after a change
            let keep_end = if i == last { 0 } else { CONTEXT_WORDS }; // before a change
            if words.len() <= keep_start + keep_end + 1 {
                return s.clone();
            }
            let head = words[..keep_start].join(" ");
            let tail = words[words.len() - keep_end..].join(" ");
            let middle = match (head.is_empty(), tail.is_empty()) {
                (true, _) => format!("… {tail}"),
                (_, true) => format!("{head} …"),
                _ => format!("{head} … {tail}"),
            };
            let lead = if s.text.starts_with(char::is_whitespace) { " " } else { "" };
            let trail = if s.text.ends_with(char::is_whitespace) { " " } else { "" };
            super::words::Segment { kind: "same", text: format!("{lead}{middle}{trail}") }
        })
        .collect()
}

/// Each changed field on its own line: a word diff for texts, old → new for values.
fn fields(out: &mut String, fields: &[FieldChange]) {
    for f in fields {
        let body = if f.words.is_empty() {
            format!("{} → {}", if f.old.is_empty() { "–" } else { &f.old }, if f.new.is_empty() { "–" } else { &f.new })
        } else {
            to_plain(&shortened(&f.words)).split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let _ = writeln!(out, "      {}: {body}", f.field);
    }
}
