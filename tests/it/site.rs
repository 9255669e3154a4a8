//! Builds real projects with the real binary and checks the site it writes:
//! pages, links, escaping, Markdown safety, embeds, numbers, determinism.

use crate::common;

use std::fs;

use common::*;

#[test]
fn example_project_builds_into_a_complete_offline_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let stdout = build_ok(&repo("example-project"), &out, &[]);
    assert!(stdout.starts_with("Built "), "summary line: {stdout}");
    assert!(stdout.contains("insights") && stdout.contains(" s, "), "summary line: {stdout}");

    for page in [
        "index.html",
        "report.html",
        "insights.html",
        "personas.html",
        "journeys.html",
        "kano.html",
        "nps.html",
        "biases.html",
        "insights/first-invoice-worry.html",
        "insights/first-choice-doubt.html",
        "personas/sanne-starter.html",
        "journeys/new-subscription.html",
        "kano/subscription-features-2026.html",
        "nps/relationship-nps.html",
        "narratives/executive-summary.html",
        "static/cxsite.css",
        "static/cxsite.js",
        "assets/logo.svg",
        ".cxsite-output",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    // The draft insight is left out without --drafts.
    assert!(!out.join("insights/cooling-off-safety-net.html").exists());
    let n = check_links(&out);
    assert!(n > 300, "only {n} links checked");

    // Back-links: the persona page lists the insights and journeys that name it.
    let sanne = page(&out, "personas/sanne-starter.html");
    assert!(sanne.contains("href=\"../insights/first-invoice-worry.html\""), "persona → insight back-link");
    assert!(sanne.contains("href=\"../journeys/new-subscription.html\""), "persona → journey back-link");
    // Bias → insights, stage → insights.
    let biases = page(&out, "biases.html");
    assert!(
        biases.contains("id=\"post-purchase-dissonance\"")
            && biases.contains("href=\"insights/first-choice-doubt.html\"")
    );
    let journey = page(&out, "journeys/new-subscription.html");
    assert!(journey.contains("id=\"stage-after-purchase\"") && journey.contains("ZMOT"));
    // The report holds every chapter in order, with a table of contents.
    let report = page(&out, "report.html");
    let order: Vec<usize> = [
        "id=\"executive-summary\"",
        "id=\"the-first-ten-days\"",
        "id=\"basics-and-delighters\"",
        "id=\"recommendations\"",
    ]
    .iter()
    .map(|id| report.find(id).unwrap_or_else(|| panic!("report lacks {id}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "chapters out of order");
    assert!(report.contains("href=\"#the-first-ten-days\""), "table of contents");
    // Numbers from the example's own data (see example-project/README notes in the narratives).
    let nps = page(&out, "nps/relationship-nps.html");
    assert!(nps.contains("data-value=\"-9\">\u{2212}9<"), "Q1 NPS −9");
    assert!(nps.contains("data-value=\"14\">14<"), "Q4 NPS 14 from the scores CSV");
    let kano = page(&out, "kano/subscription-features-2026.html");
    assert!(kano.contains("data-feature=\"correct-invoice\" data-category=\"basic\""));
    assert!(kano.contains("data-feature=\"welcome-call\" data-category=\"delight\""));
    // An embedded insight card says what its card in the list says: confidence and tags too
    // (first-invoice-worry: confidence high, tags billing and onboarding).
    let summary = page(&out, "narratives/executive-summary.html");
    let at = summary.find("<aside class=\"embed embed-insight").expect("the embed in the summary");
    let embed = &summary[at..at + summary[at..].find("</aside>").unwrap()];
    assert!(embed.contains("insights/first-invoice-worry.html"), "{embed}");
    for shown in
        ["Confidence: High</span>", "<span class=\"tag\">#billing</span>", "<span class=\"tag\">#onboarding</span>"]
    {
        assert!(embed.contains(shown), "the embed lacks {shown}: {embed}");
    }
}

#[test]
fn drafts_flag_includes_draft_insights() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_ok(&repo("example-project"), &out, &["--drafts"]);
    assert!(out.join("insights/cooling-off-safety-net.html").is_file());
    check_links(&out);
}

#[test]
fn output_is_byte_identical_for_the_same_input() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_ok(&repo("example-project"), &a, &[]);
    build_ok(&repo("example-project"), &b, &[]);
    let (ta, tb) = (read_tree(&a), read_tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{k} differs between two builds");
    }
}

#[test]
fn yaml_text_is_escaped_and_raw_html_in_markdown_is_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_ok(&repo("tests/fixtures/valid/edge-cases"), &out, &[]);
    check_links(&out);
    let tree = read_tree(&out);
    for (rel, bytes) in &tree {
        if rel.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            let ours = ["static/cxsite.js\"", "static/shards.js\" defer", "static/insights.js\" defer"];
            for tag in html.split("<script").skip(1) {
                assert!(
                    ours.iter().any(|s| tag.starts_with(" src=\"") && tag.contains(s)),
                    "{rel}: a foreign script: <script{}",
                    &tag[..tag.len().min(80)]
                );
            }
            assert!(!html.contains("onerror"), "{rel}: raw HTML attribute leaked");
            assert!(!html.contains("onmouseover") && !html.contains("color:red"), "{rel}: heading attribute leaked");
            assert!(!html.contains("javascript:"), "{rel}: javascript: link leaked");
            assert!(!html.contains("<div class=\"raw\">"), "{rel}: raw HTML block leaked");
        }
    }
    let insight = page(&out, "insights/xss-quote.html");
    assert!(insight.contains("Quotes with &lt;script&gt; stay text"), "title escaped");
    assert!(insight.contains("&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt;"), "quote escaped");
    assert!(insight.contains("5 &lt; 7 &amp; 9 &gt; 3"), "metric escaped");
    assert!(page(&out, "index.html").contains("Tiny &lt;b&gt;Client&lt;/b&gt;"), "config text escaped");
    // Photos: under assets/ they keep their path; elsewhere they move under assets/.
    assert!(page(&out, "personas/anna.html").contains("src=\"../assets/anna.svg\""));
    assert!(page(&out, "personas/bert.html").contains("src=\"../assets/photos/bert.svg\""));
    assert!(out.join("assets/photos/bert.svg").is_file());
    // A heading keeps its `{#id .class}`, not other attributes.
    assert!(page(&out, "narratives/one.html")
        .contains("<h2 id=\"kept-id\" class=\"kept-class\">Attributes on a heading</h2>"));
    // The step name in the journey stays text.
    assert!(page(&out, "journeys/path.html").contains("&lt;script&gt;x&lt;/script&gt;"));
}

#[test]
fn embeds_render_as_cards_except_inside_code() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_ok(&repo("tests/fixtures/valid/edge-cases"), &out, &[]);
    let one = page(&out, "narratives/one.html");
    assert!(one.contains("class=\"embed embed-insight"), "insight embed card");
    assert!(one.contains("class=\"embed embed-persona"), "persona embed card");
    assert!(one.contains("<code>{{ kano(id=\"grip\") }}</code>"), "embed in a code span stays literal");
    assert!(one.contains("{{ nps(id=\"rel\") }}\n</code></pre>"), "embed in a code block stays literal");
    assert!(!one.contains("embed-kano") && !one.contains("embed-nps"));
    // A link to a left-out draft renders as plain text.
    assert!(one.contains("A link to the draft renders as text.") && !one.contains("draft-one.html"));
    let two = page(&out, "narratives/two.html");
    for kind in ["embed-kano", "embed-nps", "embed-journey"] {
        assert!(two.contains(kind), "{kind} missing");
    }
    assert!(two.contains("href=\"../narratives/one.html\""), "narrative: link");
    assert!(two.contains("href=\"../biases.html#loss-aversion\""), "bias: link");
    // Footnotes of two chapters do not clash on the report page.
    let report = page(&out, "report.html");
    assert!(report.contains("id=\"fn-one-a\"") && report.contains("id=\"fn-two-a\""));
    // In the report, a link to another chapter stays on the page.
    assert!(report.contains("See <a href=\"#one\">chapter one</a>"));
}

#[test]
fn kano_and_nps_numbers_are_right() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_ok(&repo("tests/fixtures/valid/edge-cases"), &out, &[]);
    let kano = page(&out, "kano/grip.html");
    let row = |id: &str| {
        // The table row (the charts above it name the feature too).
        let start = kano.find(&format!("<tr id=\"feature-{id}\"")).unwrap_or_else(|| panic!("no row {id}"));
        kano[start..start + kano[start..].find("</tr>").unwrap()].to_string()
    };
    // Sauerwein et al. 1996, "edge grip": A7 O33 M50 I10.
    let edge = row("edge-grip");
    assert!(edge.contains("data-category=\"basic\""), "{edge}");
    assert!(
        edge.contains("data-value=\"0.40\">0.40<") && edge.contains("data-value=\"-0.83\">\u{2212}0.83<"),
        "{edge}"
    );
    assert!(edge.contains("<td class=\"num\">100</td>"), "answers count: {edge}");
    // Ties: M > O > A > I.
    assert!(row("tie-all").contains("data-category=\"basic\""));
    assert!(row("tie-oa").contains("data-category=\"performance\""));
    assert!(row("stated-only").contains("data-category=\"delight\""));
    // CSV: like/dislike → O, like/neutral → A, like/expect → A, neutral/dislike → M, 5/1 → R, 1/3 → A.
    let csv = row("from-csv");
    assert!(csv.contains("data-category=\"delight\""), "{csv}");
    assert!(csv.contains("<td class=\"num\">6</td>"), "six answers: {csv}");
    // NPS: 120/200/80 → 10 ± 6.9; scores 10,9,8,7,6,0,10 → 3/2/2 → 14.
    let nps = page(&out, "nps/rel.html");
    assert!(nps.contains("data-value=\"10\">10<") && nps.contains("±6.9"), "Q1");
    assert!(nps.contains("<td class=\"num\">3</td><td class=\"num\">2</td><td class=\"num\">2</td>"), "Q2 counts");
    assert!(nps.contains("data-value=\"14\">14<"), "Q2 NPS");
}

#[test]
fn dutch_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/edge-cases"), &project);
    fs::write(project.join("cxsite.yaml"), "title: Klantinzichten\nlanguage: nl\n").unwrap();
    let out = tmp.path().join("site");
    build_ok(&project, &out, &[]);
    let kano = page(&out, "kano/grip.html");
    assert!(kano.contains(">Basis<") && kano.contains(">Beleving<") && kano.contains(">Bijzonder<"));
    assert!(page(&out, "index.html").contains("<html lang=\"nl\">"));
    assert!(page(&out, "insights/xss-quote.html").contains("Emotioneel"));
}

#[test]
fn check_reports_warnings_and_strict_makes_them_errors() {
    let o = run(&["check", repo("tests/fixtures/valid/edge-cases").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("narratives/one.md:15:") && err.contains("warning:") && err.contains("draft"), "{err}");
    let o = run(&["check", "--strict", repo("tests/fixtures/valid/edge-cases").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("narratives/one.md:15:"));
    // A missing layer is a warning.
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/edge-cases"), &project);
    fs::write(project.join("insights/thin.yaml"), "title: Thin\nsummary: Only a summary.\n").unwrap();
    let o = run(&["check", project.to_str().unwrap()]);
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(err.contains("insights/thin.yaml:1:1: warning: the emotional layer is missing"), "{err}");
}

#[test]
fn init_copies_the_example_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("new-study");
    let o = run(&["init", project.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        project.join("cxsite.yaml").is_file() && project.join("insights/billing/first-invoice-worry.yaml").is_file()
    );
    let o = run(&["check", project.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The example's earlier delivery is its own: a new study compares with nothing yet.
    let config = std::fs::read_to_string(project.join("cxsite.yaml")).unwrap();
    assert!(!config.contains("since:") && !config.contains("interim report"), "{config}");
    assert!(config.contains("title: Customer insights 2026"), "the rest of the file stays: {config}");
    assert!(!project.join("deliveries").exists());
    let o = run(&["init", project.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not empty"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    let tmp = tempfile::tempdir().unwrap();
    let o = run(&["build", tmp.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no cxsite.yaml"));
    // The config file named instead of its folder: the folder is named in the help.
    let example = repo("example-project");
    let o = run(&["check", example.join("cxsite.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("is a file; cxsite wants the project folder"), "{err}");
    assert!(err.contains(&format!("name the folder that holds cxsite.yaml: {}", example.display())), "{err}");
    assert!(!err.contains("cxsite init"), "{err}");
    // A folder that is not there.
    let o = run(&["build", tmp.path().join("nope").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nope: no such folder"), "{}", stderr(&o));
}
