//! report.html draws a journey, Kano study or NPS series once, however many
//! chapters embed it: a later embed keeps its heading and links to the drawing.

use crate::common;

use common::*;

/// Every `id="…"` value in `html` that occurs more than once.
fn repeated_ids(html: &str) -> Vec<String> {
    let mut ids = attr_values(html, "id");
    ids.sort();
    let mut repeated: Vec<String> = ids.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0].clone()).collect();
    repeated.dedup();
    repeated
}

#[test]
fn a_journey_two_chapters_embed_is_drawn_once_in_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/journey-basic"), &dir);
    std::fs::write(
        dir.join("narratives/again.md"),
        "---\ntitle: Again\norder: 2\n---\nThe same journey, later:\n\n{{ journey(id=\"basic\") }}\n",
    )
    .unwrap();
    let out = tmp.path().join("site");
    build_ok(&dir, &out, &[]);

    let report = page(&out, "report.html");
    assert_eq!(report.matches("class=\"journey-map\"").count(), 1, "one drawing of the map");
    assert_eq!(report.matches("class=\"journey-timeline\"").count(), 1, "one drawing of the timeline");
    assert_eq!(repeated_ids(&report), Vec::<String>::new(), "every id once");
    // The first embed carries the id; the second keeps its heading and points to it.
    let first = report.find("<figure class=\"embed embed-journey card\" id=\"drawn-journeys-basic\">").expect("first");
    let again = report.find("<figure class=\"embed-repeat embed embed-journey card\">").expect("pointer");
    assert!(first < again);
    let pointer = &report[again..again + report[again..].find("</figure>").unwrap()];
    assert!(pointer.contains("<a href=\"journeys/basic.html\">"), "{pointer}");
    assert!(
        pointer
            .contains("<a href=\"#drawn-journeys-basic\">Drawn in full in “The story”, earlier in this report ↑</a>"),
        "{pointer}"
    );
    // Each chapter's own page draws the journey in full.
    for rel in ["narratives/story.html", "narratives/again.html"] {
        assert_eq!(page(&out, rel).matches("class=\"journey-map\"").count(), 1, "{rel}");
    }
    check_links(&out);
    // In Dutch, with the chapter's title as written.
    std::fs::write(dir.join("cxsite.yaml"), "title: Reis\nlanguage: nl\n").unwrap();
    let nl = tmp.path().join("nl");
    build_ok(&dir, &nl, &[]);
    let report = page(&nl, "report.html");
    assert!(
        report.contains(
            "<a href=\"#drawn-journeys-basic\">Volledig getekend in „The story”, eerder in dit rapport ↑</a>"
        ),
        "{}",
        &report[report.find("embed-repeat").unwrap_or(0)..][..600]
    );
}
