//! `cxsite export`: the whole site as one self-contained HTML file.

use crate::common;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn export(project: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["export", project.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

fn export_ok(project: &Path, out: &Path, extra: &[&str]) -> (String, String) {
    let o = export(project, out, extra);
    assert!(o.status.success(), "export failed:\n{}", stderr(&o));
    (String::from_utf8_lossy(&o.stdout).into_owned(), fs::read_to_string(out).unwrap())
}

/// The markup without the text of `<script>` and `<style>` elements (code, not attributes).
fn markup_only(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = ["<script", "<style"].iter().filter_map(|t| rest.find(t).map(|i| (i, *t))).min();
        let Some((i, tag)) = next else { break };
        let close = if tag == "<script" { "</script>" } else { "</style>" };
        let open_end = rest[i..].find('>').map_or(rest.len(), |k| i + k + 1);
        out.push_str(&rest[..open_end]);
        rest = &rest[open_end..];
        match rest.find(close) {
            Some(k) => rest = &rest[k..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// Every value of `attr` in `html`, however it is quoted.
fn values(html: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let needle = format!("{attr}=");
    for (i, _) in html.match_indices(&needle) {
        if !html[..i].ends_with(|c: char| c.is_ascii_whitespace()) {
            continue;
        }
        let rest = &html[i + needle.len()..];
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest.split(|c: char| c.is_ascii_whitespace() || c == '>').next().unwrap_or(""),
        };
        out.push(value.to_string());
    }
    out
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// The structural promises of an export: nothing points at another file,
/// every internal link has its target, ids are unique. Returns the ids.
fn assert_self_contained(html: &str) -> HashSet<String> {
    let markup = markup_only(html);
    let mut ids = HashSet::new();
    for id in values(&markup, "id") {
        assert!(ids.insert(id.clone()), "id {id:?} is not unique");
    }
    let mut internal = 0;
    for attr in ["href", "src", "action", "formaction", "poster", "xlink:href", "data", "background"] {
        for v in values(&markup, attr) {
            if let Some(id) = v.strip_prefix('#') {
                assert!(ids.contains(&percent_decode(id)), "{attr}=\"{v}\" has no matching id");
                internal += 1;
            } else {
                assert!(
                    ["data:", "http:", "https:", "mailto:"].iter().any(|p| v.starts_with(p)),
                    "{attr}=\"{}\" points at a file",
                    &v[..v.len().min(80)]
                );
            }
        }
    }
    for v in values(&markup, "srcset") {
        assert!(v.split(',').all(|c| c.trim().starts_with("data:") || c.trim().starts_with("https:")), "srcset {v}");
    }
    assert!(internal > 0, "no internal links at all?");
    ids
}

#[test]
fn the_example_project_becomes_one_self_contained_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("acme.html");
    let (stdout, html) = export_ok(&repo("example-project"), &out, &[]);
    assert!(
        stdout.starts_with("Exported 61 pages into ")
            && stdout.contains("acme.html (")
            && (stdout.contains(" kB) in ") || stdout.contains(" MB) in ")),
        "{stdout}"
    );
    assert!(stdout.trim_end().ends_with(", 0 warnings."), "{stdout}");

    let ids = assert_self_contained(&html);
    // Every page of the built site is a section, under the anchor the mapping promises.
    let site = tmp.path().join("site");
    build_ok(&repo("example-project"), &site, &[]);
    let pages: Vec<String> = read_tree(&site).into_keys().filter(|p| p.ends_with(".html")).collect();
    // 32 pages before issue 14, then coverage.html, sources.html and one page per source (24),
    // changes.html (issue 15: the example compares with its interim snapshot), metaphors.html and
    // mindmap.html (issue 17).
    assert_eq!(pages.len(), 61);
    assert_eq!(html.matches("<section class=\"export-page").count(), pages.len());
    for p in &pages {
        let anchor = format!("page-{}", p.trim_end_matches(".html").replace('/', "-"));
        assert!(ids.contains(&anchor), "no section for {p}");
        assert!(ids.contains(&format!("{anchor}__main")), "no <main> in the section for {p}");
    }
    // Links between pages and to places in them.
    for want in [
        "<a href=\"#page-insights\">Insights</a>",
        "href=\"#page-insights-first-invoice-worry\"",
        "href=\"#page-report__executive-summary\"",
        // Journey print pieces are windows onto groups of the map and the timeline.
        "<use href=\"#page-journeys-new-subscription__jmh-new-subscription\"/>",
        "<use href=\"#page-journeys-new-subscription__jm-new-subscription-0-steps\"/>",
        "<use href=\"#page-journeys-new-subscription__tl-new-subscription-0\"/>",
        "fill=\"url(&quot;#page-journeys-moving-house__tl-hatch-moving-house&quot;)\"",
        "<form class=\"site-search\" action=\"#page-insights\" method=\"get\" role=\"search\">",
        "<a class=\"skip-link\" href=\"#page-index__main\">",
        // The mindmap's leaves (SVG links) lead to their insight's section.
        "data-insight=\"final-statement-shock\" href=\"#page-insights-final-statement-shock\"",
    ] {
        assert!(html.contains(want), "missing {want}");
    }
    // One document: one head, header, footer; the CSS inlined once; the logo a data: URI.
    for (what, n) in [
        ("<head>", 1),
        ("<header class=\"site-header\">", 1),
        ("<footer class=\"site-footer\">", 1),
        ("--accent: #0b6e4f;", 2), // the theme default and the project's accent style
        ("/* cxsite default theme.", 1),
        ("<body", 1),
    ] {
        assert_eq!(html.matches(what).count(), n, "{what}");
    }
    assert!(html.contains("<img class=\"brand-logo\" src=\"data:image/svg+xml;charset=utf-8;base64,"));
    assert!(html.contains("<img class=\"cover-logo\" src=\"data:image/svg+xml;charset=utf-8;base64,"));
    assert!(!markup_only(&html).contains("aria-current"), "the nav marks no page (export.js does, live)");
    assert!(!html.contains("livereload"), "no live reload");
    let links: Vec<&str> = html.split("<link ").skip(1).collect();
    assert!(links.iter().all(|l| l.starts_with("rel=\"icon\" href=\"data:")), "no linked files but the inlined icon");
    // Scripts: the export's contract first, then the theme's, each once, at the end.
    let contract = html.find("window.cxsiteExport = { href: href };").expect("export.js is inlined");
    let theme = html.find("// cxsite: small progressive enhancements").expect("cxsite.js is inlined");
    assert!(contract < theme && html[theme..].contains("</script>\n</body>"));
    // …then insights.html's search index and script.
    let index = html.find("window.cxsiteSearch={").expect("search/index.js is inlined");
    let search = html.find("// cxsite: search and filters on insights.html").expect("insights.js is inlined");
    assert!(theme < index && index < search);
    // The index's other files (loaded on demand on the site) come with it: the
    // example's 12 insights have 4 words files and one cards file.
    let words = html.find("cxsiteShard(\"w3\",").expect("the last words file is inlined");
    let cards = html.find("cxsiteShard(\"c0\",").expect("the cards file is inlined");
    assert!(index < words && index < cards && words < search && cards < search);
    // export.js, cxsite.js, index.js, shards.js, insights.js; 4 words files; 1 cards file.
    assert_eq!(html.matches("<script").count(), 5 + 4 + 1);
    // Deterministic.
    let again = tmp.path().join("again.html");
    export_ok(&repo("example-project"), &again, &[]);
    assert!(fs::read(&again).unwrap() == html.as_bytes(), "two exports differ");
}

#[test]
fn escaping_and_photos_survive_the_export() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/edge-cases"), &project);
    let out = tmp.path().join("edge.html");
    let (_, html) = export_ok(&project, &out, &["--drafts"]);
    assert_self_contained(&html);
    assert!(html.contains("Quotes with &lt;script&gt; stay text"));
    assert!(html.contains("&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert("), "raw HTML stays dropped");
    // (The search index holds the insights' text, a `javascript:` link's text too, as data.)
    assert!(!markup_only(&html).contains("javascript:"));
    // The search's: shards.js, insights.js and its index, 2 insights: index.js, 4 words files, 1 cards file.
    assert_eq!(
        html.matches("</script>").count(),
        2 + 2 + 1 + 4 + 1,
        "only the export's, the theme's and the search's scripts"
    );
    assert!(html.contains("<title>Overview · Edge cases &amp; &lt;escaping&gt;</title>"), "title still escaped");
    // Both photos (one under assets/, one moved there by the build) are inlined.
    let persona_imgs: Vec<String> =
        values(&markup_only(&html), "src").into_iter().filter(|s| s.starts_with("data:image/svg+xml")).collect();
    let anna = fs::read(project.join("assets/anna.svg")).unwrap();
    let mut b64 = String::new();
    base64(&anna, &mut b64);
    assert!(persona_imgs.iter().any(|s| s.ends_with(&b64)), "anna.svg inlined");
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d,
    0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[test]
fn raw_html_photos_and_downloads() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("example-project"), &project);
    fs::create_dir_all(project.join("assets/personas")).unwrap();
    fs::write(project.join("assets/personas/sanne.png"), PNG).unwrap();
    fs::write(project.join("assets/brief.pdf"), b"%PDF-1.4 tiny").unwrap();
    let persona = project.join("personas/sanne-starter.yaml");
    let text = fs::read_to_string(&persona).unwrap();
    fs::write(&persona, text.replacen("name:", "photo: assets/personas/sanne.png\nname:", 1)).unwrap();
    let config = project.join("cxsite.yaml");
    let text = fs::read_to_string(&config).unwrap().replace("confidential: false", "confidential: true");
    fs::write(&config, text + "allow_html: true\n").unwrap();
    fs::write(
        project.join("narratives/raw.md"),
        "---\ntitle: Raw HTML\norder: 9\n---\n\
         <p id=note>Unquoted <a href=#note>self link</a>, <a href='#note'>single quotes</a>.</p>\n\n\
         <p><a href=\"../assets/brief.pdf\">The brief</a> <a href=\"../insights.html\">all insights</a> \
         <img src='../assets/personas/sanne.png' alt=Sanne> <a href=\"https://example.com/\">out</a> \
         <a href=\"gone.html\">gone</a></p>\n",
    )
    .unwrap();
    let out = tmp.path().join("raw.html");
    let o = export(&project, &out, &[]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    let html = fs::read_to_string(&out).unwrap();
    assert_self_contained(&html);
    // Confidential: noindex in the one head, the banner once (not once per page).
    assert_eq!(html.matches("<meta name=\"robots\" content=\"noindex, nofollow\">").count(), 1);
    assert_eq!(html.matches("class=\"confidential-banner\"").count(), 1);
    assert!(html.contains("<p id=\"page-narratives-raw__note\">Unquoted <a href=\"#page-narratives-raw__note\">"));
    assert!(html.contains("<a href=\"#page-narratives-raw__note\">single quotes</a>"));
    assert!(html.contains("<a href=\"data:application/pdf;base64,JVBERi0xLjQgdGlueQ==\" download=\"brief.pdf\">"));
    assert!(html.contains("<a href=\"#page-insights\">all insights</a>"));
    assert!(html.contains("<a href=\"https://example.com/\">out</a>"));
    assert!(html.contains("<a>gone</a>"), "a link to nothing becomes text");
    // The photo: on the persona page, on cards, and in the raw <img>, as image/png.
    let mut png = String::new();
    base64(PNG, &mut png);
    let photo = format!("data:image/png;base64,{png}");
    assert!(html.matches(&photo).count() >= 3, "photo inlined where it appears");
    // The broken link is reported (for the chapter page, and for report.html where `../` climbs out).
    assert!(err.contains("narratives/raw.html:1:1: warning: export: links to narratives/gone.html"), "{err}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("warnings."));
    // --strict: the same problems are errors, and nothing is written.
    let strict = tmp.path().join("strict.html");
    let o = export(&project, &strict, &["--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error: export: links to narratives/gone.html"));
    assert!(!strict.exists());
}

#[test]
fn content_errors_exit_1_and_leave_the_old_file() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("example-project"), &project);
    let insight = project.join("insights/billing/first-invoice-worry.yaml");
    let text = fs::read_to_string(&insight).unwrap();
    fs::write(&insight, text.replacen("title:", "titel:", 1)).unwrap();
    let out = tmp.path().join("site.html");
    fs::write(&out, "the previous export").unwrap();
    let o = export(&project, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("first-invoice-worry.yaml:") && err.contains("nothing was exported"), "{err}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "the previous export");
    let names: BTreeMap<_, _> = fs::read_dir(tmp.path()).unwrap().map(|e| (e.unwrap().file_name(), ())).collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let o = export(&repo("example-project"), tmp.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("it is a folder"), "{}", stderr(&o));
    let o = run(&["export", repo("example-project").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "-o is required");
    let o = export(&tmp.path().join("no-project"), &tmp.path().join("x.html"), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!tmp.path().join("x.html").exists());
}

/// `cxsiteExport.href` (export.js) against the table the Rust side is tested against.
#[test]
fn the_script_maps_site_paths_like_the_rewrite() {
    if Command::new("node").arg("--version").output().is_err() {
        skip_unless_ci("export.js unit test needs node");
        return;
    }
    let o = Command::new("node").arg(repo("tests/browser/export_href.mjs")).output().unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success() && stdout.contains("\"ok\":true"), "{stdout}\n{}", stderr(&o));
}

#[test]
fn the_export_works_in_chromium_from_file() {
    if !browser_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("acme.html");
    export_ok(&repo("example-project"), &out, &[]);
    let shots = repo("tests/output");
    node_script("export_check.mjs", &[out.to_str().unwrap(), shots.to_str().unwrap()]);
    assert!(shots.join("export-insight.png").is_file());
}

/// A custom theme with its own stylesheet, web font, icon and script: all inside the file.
#[test]
fn a_custom_theme_with_fonts_is_inlined() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("example-project"), &project);
    let config = project.join("cxsite.yaml");
    fs::write(&config, fs::read_to_string(&config).unwrap() + "theme: brand\n").unwrap();
    let theme = project.join("themes/brand");
    fs::create_dir_all(theme.join("templates")).unwrap();
    fs::create_dir_all(theme.join("static/fonts")).unwrap();
    let base = fs::read_to_string(repo("themes/default/templates/base.html")).unwrap();
    let css_link = "<link rel=\"stylesheet\" href=\"{{ root }}static/cxsite.css\">";
    let js = "<script src=\"{{ root }}static/cxsite.js\"></script>";
    assert!(base.contains(css_link) && base.contains(js), "the default base.html changed: update this test");
    let base = base
        .replace(
            css_link,
            &format!("{css_link}\n<link rel='stylesheet' href='{{{{ root }}}}static/brand.css'><link rel=icon href={{{{ root }}}}static/icon.png>"),
        )
        .replace(js, &format!("{js}\n<script src=\"{{{{ root }}}}static/brand.js\" defer></script>"));
    fs::write(theme.join("templates/base.html"), base).unwrap();
    fs::write(
        theme.join("static/brand.css"),
        "@font-face { font-family: Brand; src: url(fonts/brand.woff2) format('woff2'); }\n\
         body { font-family: Brand, sans-serif; background-image: url('../assets/logo.svg'); }\n",
    )
    .unwrap();
    fs::write(theme.join("static/fonts/brand.woff2"), b"wOF2 not really").unwrap();
    fs::write(theme.join("static/icon.png"), PNG).unwrap();
    fs::write(theme.join("static/brand.js"), "window.brand = \"</script><b>\";\n").unwrap();

    let out = tmp.path().join("brand.html");
    let o = export(&project, &out, &[]);
    assert!(o.status.success() && !stderr(&o).contains("warning"), "{}", stderr(&o));
    let html = fs::read_to_string(&out).unwrap();
    assert_self_contained(&html);
    let mut font = String::new();
    base64(b"wOF2 not really", &mut font);
    assert_eq!(html.matches(&format!("src: url(\"data:font/woff2;base64,{font}\") format('woff2')")).count(), 1);
    assert_eq!(html.matches("font-family: Brand, sans-serif; background-image: url(\"data:image/svg+xml").count(), 1);
    assert!(html.contains("<link rel=icon href=\"data:image/png;base64,"), "the icon is inlined");
    assert_eq!(html.matches("<link").count(), 2, "only the icons stay <link>s");
    assert_eq!(html.matches("window.brand = \"\\x3C/script><b>\";").count(), 1, "the script once, made safe");
    assert!(html.find("window.brand").unwrap() > html.find("// cxsite: small progressive").unwrap(), "in order");
}
