//! Unit tests of Markdown rendering and scanning.

use super::*;

struct R;
impl Resolver for R {
    fn href(&self, kind: RefKind, id: &str, anchor: Option<&str>) -> Option<String> {
        let hash = anchor.map(|a| format!("#{a}")).unwrap_or_default();
        (id != "gone").then(|| format!("{}s/{id}.html{hash}", kind.as_str()))
    }
    fn local(&self, path: &str, suffix: &str, image: bool) -> Option<String> {
        let folder = if image { "img" } else { "files" };
        (path != "gone.png").then(|| format!("../{folder}/{}{suffix}", target::encode_path(path)))
    }
    fn embed(&self, kind: RefKind, id: &str) -> Option<String> {
        Some(format!("<div class=\"card\">{}:{id}</div>", kind.as_str()))
    }
}

fn md(text: &str) -> String {
    render(
        text,
        &R,
        &RenderOptions {
            allow_html: false,
            footnote_prefix: "n",
            task_labels: ("done", "to do"),
            table_label: "Table: {columns}",
            internal: None,
        },
    )
}

#[test]
fn typed_links_and_embeds() {
    let html = md("See [Sanne](persona:sanne).\n\n{{ insight(id=\"doubt\") }}\n");
    assert!(html.contains("<a href=\"personas/sanne.html\">Sanne</a>"), "{html}");
    assert!(html.contains("<div class=\"card\">insight:doubt</div>"), "{html}");
    assert!(!html.contains("{{"), "{html}");
    let (refs, problems) = scan("See [Sanne](persona:sanne).\n\n{{ insight(id=\"doubt\") }}\n");
    assert_eq!(refs.len(), 2);
    assert!(refs[1].embed && refs[1].id == "doubt" && refs[1].offset == 29);
    assert!(problems.is_empty());
}

#[test]
fn embeds_in_code_stay_literal() {
    let text = "`{{ insight(id=\"a\") }}`\n\n```\n{{ insight(id=\"b\") }}\n```\n";
    let html = md(text);
    assert!(html.contains("<code>{{ insight(id=\"a\") }}</code>"), "{html}");
    assert!(html.contains("<code>{{ insight(id=\"b\") }}\n</code>"), "{html}");
    assert!(!html.contains("card"));
    assert!(scan(text).0.is_empty());
}

#[test]
fn raw_html_and_unsafe_links_are_dropped() {
    let html = md("Hi <script>alert(1)</script> there\n\n<div onclick=x>block</div>\n\n[x](javascript:alert(1)) [y](gone) [ok](persona:gone)");
    assert!(!html.contains("<script") && !html.contains("onclick"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(html.contains("ok") && !html.contains("personas/gone"), "{html}");
    let kept = render(
        "<b>x</b>",
        &R,
        &RenderOptions {
            allow_html: true,
            footnote_prefix: "n",
            task_labels: ("done", "to do"),
            table_label: "Table: {columns}",
            internal: None,
        },
    );
    assert!(kept.contains("<b>x</b>"));
}

#[test]
fn footnotes_are_prefixed_and_tables_work() {
    let html = md("A[^1].\n\n[^1]: Source.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert!(html.contains("id=\"fn-n-1\"") && html.contains("href=\"#fn-n-1\""), "{html}");
    let wrapped = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: a, b\">\n<table>";
    assert!(html.contains(wrapped), "{html}");
    assert!(html.contains("</table>\n</div>"), "{html}");
    // The region is named by the text of the column headings, escaped.
    let named = md("| Q & *A* | `n` |\n|---|---|\n| 1 | 2 |\n");
    assert!(named.contains("aria-label=\"Table: Q &amp; A, n\""), "{named}");
}

#[test]
fn embed_in_the_middle_of_a_paragraph() {
    let html = md("Customers decide with feelings first. {{ insight(id=\"a\") }}\n");
    assert!(html.contains("<p>Customers decide with feelings first. </p>"), "{html}");
    assert!(html.contains("card\">insight:a"), "{html}");
    let (_, problems) = scan("{{ foo(id=\"a\") }}\n\n{{ bias(id=\"x\") }}");
    assert_eq!(problems.len(), 2);
}

#[test]
fn paths_images_and_outside_images() {
    let html = md("![Funnel](../a%20b.svg) [guide](x.pdf#page=2) [gap](narrative:j#the-gap)\n\n![Lost](gone.png) ![Far](https://x.org/p.png \"t\")");
    assert!(html.contains("<img src=\"../img/../a%20b.svg\" alt=\"Funnel\""), "{html}");
    assert!(html.contains("<a href=\"../files/x.pdf#page=2\">guide</a>"), "{html}");
    assert!(html.contains("<a href=\"narratives/j.html#the-gap\">gap</a>"), "{html}");
    assert!(html.contains("Lost") && !html.contains("gone.png"), "{html}");
    assert!(
        html.contains("<a href=\"https://x.org/p.png\" title=\"t\">Far</a>") && !html.contains("<img src=\"https"),
        "{html}"
    );
    let s = scan_all("![a](x.svg) [b](https://x.org) [c](#here) [d](mailto:a@b.c) [e](narrative:j#gap)");
    let dests: Vec<_> = s.targets.iter().map(|t| (t.dest.as_str(), t.image, t.offset)).collect();
    assert_eq!(dests, vec![("x.svg", true, 5), ("https://x.org", false, 16)]);
    assert_eq!(s.refs[0].anchor.as_deref(), Some("gap"));
}

#[test]
fn embeds_outside_paragraphs_are_problems() {
    let text = "- {{ insight(id=\"a\") }}\n- b\n\n## {{ insight(id=\"c\") }}\n\n> {{ insight(id=\"d\") }}\n";
    let (refs, problems) = scan(text);
    assert_eq!(refs.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["d"], "a quote holds a paragraph");
    assert_eq!(problems.iter().map(|p| p.offset).collect::<Vec<_>>(), [2, 32], "{problems:?}");
    assert!(!md(text).contains("{{ insight(id=\"d\") }}"));
}

#[test]
fn malformed_embeds_on_their_own_line() {
    let (refs, problems) =
        scan("Intro.\n\n{{ kano(id=\"x\") }\n\n{{ insight(id=doubt) }}\n\nUse {{ and }} in templates.\n");
    assert!(refs.is_empty(), "{refs:?}");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].offset, 8);
    assert!(problems[1].help.contains("{{ insight(id=\"doubt\") }}"), "{problems:?}");
}
