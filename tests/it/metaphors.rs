//! metaphors.html (issue 17, point 2): the seven deep metaphors with their
//! quotes, insights and voices. Expected content from reading
//! `tests/fixtures/valid/metaphors`:
//! - container: "It felt like a trap." (trapped) and "A trap, again." (again); insights trapped (impact
//!   high) before again (low); personas anna and bram (trapped names both) → 2;
//! - control: "I lost control over my bill." (trapped) → 1 quote, 2 personas;
//! - balance: "Finally back in balance." (balance) → 1 quote, 1 persona;
//! - transformation, journey, connection, resource: no quote, shown faded.
//!
//! The metric of `trapped` names no metaphor and is not listed.

use crate::common;

use common::{build_ok, page, repo};

/// The `<section>` of one metaphor.
fn card<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("<section class=\"metaphor metaphor-{id}")).unwrap_or_else(|| panic!("no {id}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap()]
}

#[test]
fn every_quote_sits_under_its_metaphor_with_its_insights_and_voices() {
    let out = tempfile::tempdir().unwrap();
    build_ok(&repo("tests/fixtures/valid/metaphors"), out.path(), &[]);
    let html = page(out.path(), "metaphors.html");
    assert!(html.contains("<h1>Metaphors <span class=\"count\">4</span></h1>"), "four quotes carry a metaphor");

    let container = card(&html, "container");
    let quotes: Vec<&str> = container.split("<q>").skip(1).map(|q| &q[..q.find("</q>").unwrap()]).collect();
    assert_eq!(quotes, ["It felt like a trap.", "A trap, again."]);
    assert!(container.contains("2 personas voice it"));
    let insights = &container[container.find("metaphor-insights").unwrap()..];
    let links: Vec<&str> = insights.split("href=\"").skip(1).map(|h| &h[..h.find('"').unwrap()]).collect();
    assert_eq!(links, ["insights/trapped.html", "insights/again.html"]);

    let control = card(&html, "control");
    assert_eq!(control.matches("<q>").count(), 1);
    assert!(control.contains("<q>I lost control over my bill.</q>") && control.contains("2 personas voice it"));
    let balance = card(&html, "balance");
    assert!(balance.contains("<q>Finally back in balance.</q>") && balance.contains("1 persona voices it"));

    for faded in ["transformation", "journey", "connection", "resource"] {
        let c = card(&html, faded);
        assert!(c.starts_with(&format!("<section class=\"metaphor metaphor-{faded} is-empty\"")), "{faded} is faded");
        assert!(c.contains("No quote voices this metaphor yet."), "{faded}");
    }
    for shown in ["container", "control", "balance"] {
        assert!(!card(&html, shown).contains("is-empty"), "{shown} is not faded");
    }
    assert!(!html.contains("31% read the notice period"), "a metric without a metaphor is not listed");

    // The insight page names the metaphor of each quote and links to it; the navigation links the page.
    let trapped = page(out.path(), "insights/trapped.html");
    assert!(trapped.contains("href=\"../metaphors.html#metaphor-container\">Metaphor: Container</a>"), "{trapped}");
    assert!(page(out.path(), "index.html").contains("href=\"metaphors.html\""), "in the navigation");
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("cxsite-data.json")).unwrap()).unwrap();
    let metaphors: Vec<&str> = data["insights"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["evidence"].as_array().unwrap().iter().filter_map(|e| e["metaphor"].as_str()))
        .collect();
    assert_eq!(metaphors.len(), 4, "{metaphors:?}");
}

/// With a sources register, who voices a metaphor is the persona of each
/// quote's source, not every persona of its insight. Worked out by hand:
/// container's quotes come from interview-1 (anna) and interview-3 (bram) → 2;
/// control's one quote comes from interview-2, which names no persona → no
/// line; balance's from interview-1 (anna) → 1. Without the register, control
/// said "2 personas voice it" (trapped's anna and bram).
#[test]
fn a_registered_source_says_which_persona_voices_a_metaphor() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    common::copy_dir(&repo("tests/fixtures/valid/metaphors"), &project);
    let sources = "interview-1: {title: Interview 1, type: interview, persona: anna}\n\
                   interview-2: {title: Interview 2, type: interview}\n\
                   interview-3: {title: Interview 3, type: interview, persona: bram}\n\
                   survey: {title: Survey, type: survey}\n";
    std::fs::write(project.join("sources.yaml"), sources).unwrap();
    for f in ["trapped", "again", "balance"] {
        let path = project.join(format!("insights/{f}.yaml"));
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace("source: Interview ", "source: interview-").replace("source: Survey", "source: survey");
        std::fs::write(&path, text).unwrap();
    }
    let out = dir.path().join("site");
    build_ok(&project, &out, &[]);
    let html = page(&out, "metaphors.html");
    assert!(card(&html, "container").contains("2 personas voice it"));
    let control = card(&html, "control");
    assert!(
        control.contains("<q>I lost control over my bill.</q>") && !control.contains("metaphor-voices"),
        "{control}"
    );
    assert!(card(&html, "balance").contains("1 persona voices it"));
}

#[test]
fn without_metaphors_there_is_no_page_and_no_link() {
    let out = tempfile::tempdir().unwrap();
    build_ok(&repo("tests/fixtures/valid/journey-basic"), out.path(), &[]);
    assert!(!out.path().join("metaphors.html").exists());
    assert!(!page(out.path(), "index.html").contains("metaphors.html"));
}

#[test]
fn dutch_labels() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("nl");
    common::copy_dir(&repo("tests/fixtures/valid/metaphors"), &project);
    std::fs::write(project.join("cxsite.yaml"), "title: Metaforenonderzoek\nlanguage: nl\n").unwrap();
    let out = dir.path().join("site");
    build_ok(&project, &out, &[]);
    let html = common::unescape(&page(&out, "metaphors.html"));
    for label in ["<h1>Metaforen", "Balans", "Transformatie", "Reis", "Verbinding", "Hulpbron", "Controle"] {
        assert!(html.contains(label), "{label}");
    }
    assert!(html.contains("2 persona's spreken erin") && html.contains("1 persona spreekt erin"));
}

#[test]
fn the_embed_and_link_work_with_and_without_metaphors() {
    // With metaphors: the embed shows the same seven as the page, and the link leads there.
    let dir = tempfile::tempdir().unwrap();
    let with = dir.path().join("with");
    common::copy_dir(&repo("tests/fixtures/valid/metaphors"), &with);
    std::fs::create_dir_all(with.join("narratives")).unwrap();
    let chapter = "---\ntitle: Frames\n---\nSee [the map](metaphors:).\n\n{{ metaphors() }}\n";
    std::fs::write(with.join("narratives/frames.md"), chapter).unwrap();
    let out = dir.path().join("with-site");
    build_ok(&with, &out, &[]);
    let html = page(&out, "narratives/frames.html");
    assert!(html.contains("<a href=\"../metaphors.html\">the map</a>"));
    let embed = &html[html.find("embed-metaphors").unwrap()..];
    assert_eq!(card(embed, "container").matches("<q>").count(), 2, "the two container quotes");
    assert_eq!(embed.matches(" is-empty\"").count(), 4, "transformation, journey, connection, resource");
    assert!(embed.contains("id=\"embed-metaphor-container\""), "ids apart from the page's");

    // Without: no page, so the link is its text alone and the embed shows all seven faded, linking nowhere.
    let without = dir.path().join("without");
    common::copy_dir(&repo("tests/fixtures/valid/journey-basic"), &without);
    std::fs::write(without.join("narratives/frames.md"), chapter).unwrap();
    let out = dir.path().join("without-site");
    build_ok(&without, &out, &[]);
    let html = page(&out, "narratives/frames.html");
    assert!(html.contains("See the map.") && !html.contains("metaphors.html"), "no link to a page that is not there");
    assert_eq!(html.matches(" is-empty\"").count(), 7);
    // ... and `check` says so at the link (an error with --strict); with metaphors it has nothing to say.
    let o = common::run(&["check", without.to_str().unwrap()]);
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "narratives/frames.md:4:5: warning: `metaphors:` links to the metaphor map, which this site does not have"
        ),
        "{err}"
    );
    let o = common::run(&["check", without.to_str().unwrap(), "--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
    assert!(
        !common::stderr(&common::run(&["check", with.to_str().unwrap()])).contains("`metaphors:` links to"),
        "with metaphors the link is good"
    );
}

#[test]
fn screenshots_on_desktop_phone_and_paper() {
    let Some(browser) = common::chromium() else { return };
    let out = tempfile::tempdir().unwrap();
    build_ok(&repo("example-project"), out.path(), &[]);
    let html = out.path().join("metaphors.html");
    let shots = common::output_dir();
    common::screenshot(&browser, &html, &shots.join("metaphors-desktop.png"), "1400,2400");
    common::screenshot(&browser, &html, &shots.join("metaphors-390.png"), "390,4000");
    let pdf = out.path().join("metaphors.pdf");
    common::print_to_pdf(&browser, &html, &pdf);
    assert!(std::fs::metadata(&pdf).map(|m| m.len() > 1000).unwrap_or(false));
    // Page images for review (needs pdftoppm; without it the PDF was still printed).
    let _ = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(&pdf)
        .arg(shots.join("metaphors-pdf"))
        .status();
}
