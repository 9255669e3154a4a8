//! YAML parsing into typed structs, with serde's errors turned into
//! diagnostics that name the line and suggest a fix.
//!
//! serde stops at the first problem; when a file fails on its schema (not on
//! its YAML syntax), `load::collect` lists every schema problem of it, so
//! that all of them are reported in one run.

use serde::de::DeserializeOwned;

use super::collect;
use super::positions::{locate_key, Doc, Seg};
use super::SourceFile;
use crate::diagnostics::{did_you_mean, Code, Diagnostic};

/// Parses `text` (part of `file`, starting at `first_line`) into `T`.
///
/// On failure, every problem found: all schema problems of the text (each
/// with its own position and fix), or the one syntax error that stops a
/// YAML parser.
pub fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    text: &str,
    first_line: usize,
    what: &str,
) -> Result<T, Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(Code::EmptyFile, &file.rel, first_line, 1, format!("{what} is empty"))
            .with_help(format!("{what} needs at least {}", required_keys_hint(what)))]);
    }
    serde_yaml::from_str::<T>(text).map_err(|e| {
        let first = translate(file, text, first_line, &e);
        if !is_schema_error(&e) {
            return vec![first];
        }
        let doc = Doc::parse(text);
        if !doc.complete {
            // serde met a schema problem before the syntax error further on: report both.
            let syntax = serde_yaml::from_str::<serde_yaml::Value>(text).err().filter(|e| !is_schema_error(e));
            return std::iter::once(first).chain(syntax.map(|e| translate(file, text, first_line, &e))).collect();
        }
        let all = collect::problems::<T>(&doc);
        if all.is_empty() {
            return vec![first];
        }
        all.into_iter()
            .map(|p| {
                let (code, message, help) = describe(&p.detail, &p.path);
                Diagnostic::error(code, &file.rel, p.pos.0 + first_line - 1, p.pos.1, message).with_help_opt(help)
            })
            .collect()
    })
}

/// Is this a problem with keys, values or types (not with the YAML itself)?
fn is_schema_error(e: &serde_yaml::Error) -> bool {
    let full = e.to_string();
    let (_, detail) = split_path(&full);
    ["unknown field `", "unknown variant `", "missing field `", "duplicate field `", "invalid type", "invalid value"]
        .iter()
        .any(|p| detail.starts_with(p))
        || detail.contains("duplicate entry with key")
        || detail.contains("did not match any variant of untagged enum")
}

fn required_keys_hint(what: &str) -> &'static str {
    match what {
        "insight" => "`title` and `summary`",
        "persona" => "`name`",
        "journey" => "`title` and `stages`",
        "Kano study" => "`title` and `features`",
        "NPS series" => "`title` and `measurements`",
        "front matter" => "`title`",
        "cxsite.yaml" => "`title`",
        _ => "some keys",
    }
}

/// Turns one serde_yaml error into a diagnostic with line, message and help.
fn translate(file: &SourceFile, text: &str, first_line: usize, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    // serde_yaml appends " at line L column C"; the location comes separately.
    let msg = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    // A leading `path.to[0].field: ` names where in the document it happened.
    let (path, detail) = split_path(&msg);
    let (mut line, mut col) = e.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
    // The parser finds an unclosed quote at the end of the file; the author needs where it opened.
    if detail.contains("end of stream") {
        if let Some((l, c, q)) = super::quotes::unclosed(text) {
            let inside = if q == '"' { "\\\"" } else { "''" };
            return Diagnostic::error(
                Code::YamlSyntax,
                &file.rel,
                l + first_line - 1,
                c,
                format!("YAML syntax error: the quote {q} that opens this value is never closed"),
            )
            .with_help(format!("end the value with {q} (a {q} inside it is written {inside})"));
        }
    }
    let (code, message, help) = describe(detail, path);
    if message.contains("appears twice") {
        if let Some(l) = second_key_line(text, duplicate_key(detail)) {
            line = l;
            col = 1;
        }
    }
    if e.location().is_none() && !path.is_empty() && !message.contains("appears twice") {
        (line, col) = locate_key(text, &path_segments(path));
    }
    Diagnostic::error(code, &file.rel, line + first_line - 1, col, message).with_help_opt(help)
}

/// The code, message and `help:` for one of serde's problem texts at `path`.
pub(crate) fn describe(detail: &str, path: &str) -> (Code, String, Option<String>) {
    let help;
    let message;
    let code;
    if let Some(rest) = detail.strip_prefix("unknown field `") {
        let (name, expected) = split_backticked(rest);
        code = Code::UnknownKey;
        message = format!("unknown key `{name}`{}", in_path(path));
        help = Some(match did_you_mean(name, expected.iter().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`? allowed keys: {}", expected.join(", ")),
            None => format!("allowed keys: {}", expected.join(", ")),
        });
    } else if let Some(rest) = detail.strip_prefix("unknown variant `") {
        let (name, expected) = split_backticked(rest);
        code = Code::UnknownValue;
        message = if name.is_empty() {
            format!("a value is missing{}", in_path(path))
        } else {
            format!("`{name}` is not an allowed value{}", in_path(path))
        };
        let list = expected.join(" | ");
        help = Some(match did_you_mean(name, expected.iter().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`? allowed values: {list}"),
            None => format!("allowed values: {list}"),
        });
    } else if let Some(rest) = detail.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        code = Code::MissingKey;
        message = format!("missing required key `{name}`{}", in_path(path));
        help = Some(format!("add `{name}: …`"));
    } else if detail.contains("duplicate entry with key") || detail.starts_with("duplicate field `") {
        code = Code::YamlSyntax;
        message = format!("key `{}` appears twice{}", duplicate_key(detail), in_path(path));
        help = Some("remove one of them; the second would silently win".to_string());
    } else if detail.contains("did not match any variant of untagged enum OneOrMany") {
        code = Code::WrongType;
        message = format!("expected a list of ids{}", in_path(path));
        help = Some("write `[id-one, id-two]` or a single id".to_string());
    } else if detail.contains("repetition limit exceeded") || detail.contains("recursion limit exceeded") {
        code = Code::YamlSyntax;
        message = "the YAML expands too much (aliases nested too deep or repeated too often)".to_string();
        help = Some("write the values out instead of using `&anchors` and `*aliases`".to_string());
    } else if detail.starts_with("invalid type") || detail.starts_with("invalid value") {
        // serde says "invalid value" for a number too large or negative for its type.
        let number = detail.starts_with("invalid value: integer") || detail.starts_with("invalid value: floating");
        code = if number { Code::OutOfRange } else { Code::WrongType };
        message = wrong_type(detail, path).unwrap_or_else(|| format!("{}{}", detail, in_path(path)));
        help = Some(type_help(detail));
    } else if detail.starts_with("mapping values are not allowed") {
        code = Code::YamlSyntax;
        message = format!("YAML syntax error: {detail}");
        help = Some("put the value in quotes: in unquoted text, `: ` starts a new key".to_string());
    } else {
        code = Code::YamlSyntax;
        message = format!("YAML syntax error: {detail}");
        help = Some("check the indentation and quoting on this line or the one before it".to_string());
    }
    (code, message, help)
}

/// The key named by a "duplicate field `k`" or "duplicate entry with key \"k\"" text.
fn duplicate_key(detail: &str) -> &str {
    if detail.starts_with("duplicate field") { detail.split('`').nth(1) } else { detail.split('"').nth(1) }
        .unwrap_or("")
}

/// serde's "invalid type: sequence, expected i64" in a writer's words:
/// "`emotion` must be a whole number, not a list".
fn wrong_type(detail: &str, path: &str) -> Option<String> {
    let (found, expected) = detail.strip_prefix("invalid type: ")?.rsplit_once(", expected ")?;
    let expected = match expected {
        "i64" | "i32" => "a whole number",
        "u64" | "u32" => "a whole number, 0 or more",
        "f64" => "a number",
        "a string" => "text",
        "a boolean" => "`true` or `false`",
        "a sequence" => "a list",
        e if e.starts_with("struct ") || e == "a map" => "a mapping (`key: value` lines)",
        e => e,
    };
    let found = if let Some(text) = found.strip_prefix("string ") {
        format!("the text {text}")
    } else if let Some(n) = found.strip_prefix("integer ").or_else(|| found.strip_prefix("floating point ")) {
        format!("the number {}", n.trim_matches('`'))
    } else {
        match found {
            "sequence" => "a list",
            "map" => "a mapping",
            "unit value" => "an empty value",
            f => f,
        }
        .to_string()
    };
    let subject = if path.is_empty() { "the file".to_string() } else { format!("`{path}`") };
    Some(format!("{subject} must be {expected}, not {found}"))
}

fn type_help(detail: &str) -> String {
    if detail.contains("expected a sequence") {
        "write a list: `[a, b]` or one `- item` per line".to_string()
    } else if detail.contains("expected a string") {
        "write plain text; quote it if it starts with a special character".to_string()
    } else if detail.contains("expected i64") || detail.contains("expected u64") || detail.contains("expected f64") {
        "write a number".to_string()
    } else if detail.contains("expected a boolean") {
        "write `true` or `false`".to_string()
    } else {
        "check the value's type against the format in the README".to_string()
    }
}

fn in_path(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" in `{path}`")
    }
}

/// Splits `stages[0].steps[1]: rest` into the path and the rest.
fn split_path(msg: &str) -> (&str, &str) {
    if let Some(i) = msg.find(": ") {
        let head = &msg[..i];
        let is_path =
            !head.is_empty() && head.chars().all(|c| c.is_alphanumeric() || "_-.[]".contains(c)) && !head.contains(' ');
        if is_path {
            return (head, &msg[i + 2..]);
        }
    }
    ("", msg)
}

/// Turns `stages[0].steps` into path segments.
fn path_segments(path: &str) -> Vec<Seg<'_>> {
    let mut segs = Vec::new();
    for part in path.split('.') {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next() {
            if !key.is_empty() {
                segs.push(Seg::Key(key));
            }
        }
        for idx in pieces {
            if let Ok(n) = idx.trim_end_matches(']').parse() {
                segs.push(Seg::Index(n));
            }
        }
    }
    segs
}

/// From "name`, expected one of `a`, `b`" returns ("name", ["a", "b"]).
fn split_backticked(rest: &str) -> (&str, Vec<String>) {
    let name = rest.split('`').next().unwrap_or(rest);
    let tail = &rest[name.len()..];
    let expected = tail.split('`').skip(2).step_by(2).map(str::to_string).collect();
    (name, expected)
}

fn second_key_line(text: &str, key: &str) -> Option<usize> {
    let mut seen = 0;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start().trim_start_matches("- ");
        if t.starts_with(&format!("{key}:")) {
            seen += 1;
            if seen == 2 {
                return Some(i + 1);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Insight;

    fn all(text: &str) -> Vec<Diagnostic> {
        let file = SourceFile { rel: "insights/a.yaml".into(), text: text.into() };
        parse::<Insight>(&file, text, 1, "insight").unwrap_err()
    }

    fn err(text: &str) -> Diagnostic {
        let mut found = all(text);
        assert_eq!(found.len(), 1, "{found:?}");
        found.remove(0)
    }

    #[test]
    fn unknown_key_suggests_the_close_one() {
        let d = err("title: A\nsumary: B\n");
        assert_eq!((d.line, d.col), (2, 1), "{d}");
        assert!(d.message.contains("unknown key `sumary`"), "{d}");
        assert!(d.help.unwrap().contains("did you mean `summary`"));
    }

    #[test]
    fn bad_enum_lists_the_allowed_values() {
        let d = err("title: A\nsummary: B\nconfidence: hgh\n");
        assert_eq!(d.line, 3, "{d}");
        assert!(d.help.unwrap().contains("high | medium | low"));
    }

    #[test]
    fn every_schema_problem_is_reported_with_its_own_position() {
        let found = all("title: A\nsumary: B\ncolour: red\nconfidence: hgh\nimpact: [1]\nsummary: S\n");
        let at: Vec<(usize, usize)> = found.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(at, [(2, 1), (3, 1), (4, 13), (5, 9)], "{found:?}");
        assert!(found[1].message.contains("unknown key `colour`"), "{}", found[1]);
        assert!(found[2].help.as_deref().unwrap_or("").contains("did you mean `high`"), "{}", found[2]);
        assert_eq!(found[3].message, "`impact` must be one of `high`, `medium`, `low`, not a list");
    }

    #[test]
    fn a_missing_key_is_not_repeated_after_its_typo_but_others_are_reported() {
        // `sumary` explains the missing `summary`; nothing explains the missing `title`.
        // Both sit at 1:1; ties are in message order.
        let found = all("sumary: B\n");
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["missing required key `title`", "unknown key `sumary`"], "{found:?}");
        let found = all("evidence:\n  - sorce: x\n    type: interveiw\n  - quote: q\n    metric: [m]\n");
        let at: Vec<(usize, usize)> = found.iter().map(|d| (d.line, d.col)).collect();
        // both top-level keys missing (one pass each), the typo, the enum, the type
        assert_eq!(at, [(1, 1), (1, 1), (2, 5), (3, 11), (5, 13)], "{found:?}");
    }

    #[test]
    fn a_syntax_error_is_reported_even_after_a_schema_problem() {
        // serde meets `sumary` before the unclosed quote; the partial tree is not checked further.
        let found = all("title: A\nsumary: B\nsummary: \"open\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].message.contains("unknown key `sumary`"), "{}", found[0]);
        assert!(found[1].message.contains("syntax") && (found[1].line, found[1].col) == (3, 10), "{}", found[1]);
    }

    #[test]
    fn missing_field_and_nested_unknown_key() {
        let d = err("title: A\n");
        assert!(d.message.contains("missing required key `summary`"), "{d}");
        let d = err("title: A\nsummary: B\nevidence:\n  - quote: q\n    sorce: x\n");
        assert_eq!(d.line, 5, "{d}");
        assert!(d.help.unwrap().contains("`source`"));
    }

    #[test]
    fn duplicate_key_points_at_the_second() {
        let d = err("title: A\nsummary: B\ntitle: C\n");
        assert_eq!(d.line, 3, "{d}");
    }

    #[test]
    fn wrong_types_are_named_in_plain_words() {
        let d = err("title: A\nsummary: B\ndate: [2026]\n");
        assert_eq!(d.message, "`date` must be text, not a list");
        let d = err("title: A\nsummary: B\nevidence:\n  - quote\n");
        assert_eq!(d.message, "`evidence[0]` must be a mapping (`key: value` lines), not the text \"quote\"");
        let d = err("- a\n");
        assert_eq!(d.message, "the file must be a mapping (`key: value` lines), not a list");
    }

    #[test]
    fn syntax_error_and_empty_file() {
        let d = err("title: \"A\nsummary: B\n");
        assert!(d.message.contains("never closed") && (d.line, d.col) == (1, 8), "{d}");
        let d = err("  \n");
        assert!(d.message.contains("empty"), "{d}");
    }
}
