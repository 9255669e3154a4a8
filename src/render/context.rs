//! What each template sees: the site model turned into plain JSON values.
//! Text stays text here (Tera escapes it); only Markdown becomes HTML.

use serde_json::{json, Value};
use tera::Context;

use super::charts::journey::common::Markers;
use super::{charts, link_value, url, Page, PageResolver};
use crate::analysis::{FeatureResult, PeriodResult, Results};
use crate::link::Site;
use crate::load::{Item, Narrative};
use crate::markdown::RefKind;
use crate::model::persona::fact_text;
use crate::model::{Insight, Journey, Persona};
use crate::{color, dates, i18n};

/// Two decimals with an ASCII minus (for data attributes).
pub fn fixed2(x: f64) -> String {
    let s = format!("{x:.2}");
    if s == "-0.00" {
        "0.00".into()
    } else {
        s
    }
}

/// A number for display: Unicode minus sign.
fn display_minus(s: &str) -> String {
    s.replacen('-', "\u{2212}", 1)
}

/// A day number without a needless `.0`.
fn day_text(d: f64) -> String {
    if d.fract() == 0.0 {
        format!("{}", d as i64)
    } else {
        format!("{d}")
    }
}

/// Site-wide values every page shows (header, cover, footer).
pub fn site_info(site: &Site) -> Value {
    let c = &site.config;
    json!({
        "title": c.title,
        "subtitle": c.subtitle,
        "client": c.client,
        "author": c.author,
        "date": c.date,
        "date_text": c.date.as_deref().map(|d| dates::long(c.language, d)),
        "lang": c.language.code(),
        "confidential": c.confidential,
        "credit": c.credit,
        "accent_color": c.accent_color,
        "accent": c.accent_color.as_deref().map(|a| match color::accent(a) {
            Some(x) => json!({ "color": x.color, "ink": x.ink, "on": x.on, "deep": x.deep }),
            None => json!({ "color": a }),
        }),
        "logo": c.logo.as_deref().and_then(|l| site.file_url(l)),
        "base_url": c.base_url.trim_end_matches('/'),
        "counts": {
            "insights": site.insights.len(),
            "personas": site.personas.len(),
            "journeys": site.journeys.len(),
            "kano": site.kano.len(),
            "nps": site.nps.len(),
            "narratives": site.narratives.len(),
            "biases": site.biases.len(),
        },
    })
}

/// Fills `ctx` with the data of `page`.
pub fn page(site: &Site, results: &Results, pr: &PageResolver, page: &Page, ctx: &mut Context) {
    let lang = site.config.language;
    match *page {
        Page::Index => {
            // The first insights of the list (already in impact, confidence, title order).
            ctx.insert("featured", &site.insights.iter().take(6).map(|i| insight_card(site, i)).collect::<Vec<_>>());
            ctx.insert("chapters", &site.narratives.iter().map(narrative_card).collect::<Vec<_>>());
            ctx.insert("page_title", i18n::label(lang, "home"));
        }
        Page::Report => {
            let chapters: Vec<Value> = site
                .narratives
                .iter()
                .map(|n| {
                    let mut v = narrative_card(n);
                    v["html"] = json!(pr.report_chapter(&n.id, &n.data.body, &n.file.rel));
                    v
                })
                .collect();
            ctx.insert("chapters", &chapters);
            ctx.insert("page_title", i18n::label(lang, "report"));
        }
        Page::Insights => {
            // The cards themselves are pre-rendered by the renderer.
            ctx.insert("page_title", i18n::label(lang, "insights"));
        }
        Page::Insight(i) => {
            let it = &site.insights[i];
            ctx.insert("insight", &insight_page(site, pr, it));
            ctx.insert("page_title", &it.data.title);
        }
        Page::Personas => {
            ctx.insert("personas", &site.personas.iter().map(|p| persona_card(site, p)).collect::<Vec<_>>());
            ctx.insert("page_title", i18n::label(lang, "personas"));
        }
        Page::Persona(i) => {
            let p = &site.personas[i];
            ctx.insert("persona", &persona_page(site, pr, p));
            ctx.insert("page_title", &p.data.name);
        }
        Page::Journeys => {
            ctx.insert("journeys", &site.journeys.iter().map(|j| journey_card(site, j)).collect::<Vec<_>>());
            ctx.insert("page_title", i18n::label(lang, "journeys"));
        }
        Page::Journey(i) => {
            let j = &site.journeys[i];
            ctx.insert("journey", &journey_page(site, pr, j));
            ctx.insert("page_title", &j.data.title);
        }
        Page::KanoList => {
            let studies: Vec<Value> = (0..site.kano.len())
                .map(|i| {
                    let mut v = kano_card(site, results, i);
                    v["chart"] = json!(pr.r.kano_charts.get(i).map(|c| c.diagram.as_str()));
                    v
                })
                .collect();
            ctx.insert("studies", &studies);
            ctx.insert("page_title", i18n::label(lang, "kano"));
        }
        Page::Kano(i) => {
            let k = &site.kano[i];
            let mut v = kano_card(site, results, i);
            v["description_html"] = json!(k.data.description.as_deref().map(|d| pr.markdown(d, "kano", &k.file.rel)));
            v["charts"] = json!(pr.r.kano_charts.get(i).map(|c| json!({
                "diagram": c.diagram, "better_worse": c.better_worse, "shares": c.shares, "drift": c.drift,
            })));
            ctx.insert("study", &v);
            ctx.insert("page_title", &k.data.title);
        }
        Page::NpsList => {
            let series: Vec<Value> = (0..site.nps.len())
                .map(|i| {
                    let mut v = nps_card(site, results, i);
                    v["chart"] = json!(pr.r.nps_charts.get(i).map(|c| c.trend.as_str()));
                    v
                })
                .collect();
            ctx.insert("series", &series);
            ctx.insert("page_title", i18n::label(lang, "nps"));
        }
        Page::Nps(i) => {
            let n = &site.nps[i];
            let mut v = nps_card(site, results, i);
            v["description_html"] = json!(n.data.description.as_deref().map(|d| pr.markdown(d, "nps", &n.file.rel)));
            v["charts"] = json!(pr.r.nps_charts.get(i).map(|c| json!({
                "trend": c.trend, "mix": c.mix,
                "distributions": c.distributions.iter().map(|(p, svg)| json!({
                    "period": results.nps.get(&n.id).and_then(|ps| ps.get(*p)).map(|x| x.period.as_str()),
                    "chart": svg,
                })).collect::<Vec<_>>(),
            })));
            ctx.insert("series", &v);
            ctx.insert("page_title", &n.data.title);
        }
        Page::Biases => {
            let biases: Vec<Value> = site
                .biases
                .iter()
                .map(|b| {
                    let insights =
                        site.backlinks.bias_insights.get(&b.id).map(|ids| insight_links(site, ids)).unwrap_or_default();
                    json!({ "id": b.id, "name": b.name, "description": b.description, "source": b.source,
                            "from_project": b.from_project, "insights": insights })
                })
                .collect();
            ctx.insert("biases", &biases);
            ctx.insert("page_title", i18n::label(lang, "biases"));
        }
        Page::Narrative(i) => {
            let n = &site.narratives[i];
            let mut v = narrative_card(n);
            v["html"] = json!(pr.markdown(&n.data.body, &n.id, &n.file.rel));
            ctx.insert("narrative", &v);
            ctx.insert("previous", &i.checked_sub(1).map(|p| narrative_card(&site.narratives[p])));
            ctx.insert("next", &site.narratives.get(i + 1).map(narrative_card));
            ctx.insert("page_title", &n.data.front.title);
        }
        // Not a template page: rendered by `search::index_js`.
        Page::SearchIndex => {}
    }
}

fn narrative_card(n: &Item<Narrative>) -> Value {
    let f = &n.data.front;
    json!({ "id": n.id, "title": f.title, "summary": f.summary, "order": f.order, "status": f.status.as_str(),
            "url": url(RefKind::Narrative, &n.id) })
}

fn insight_links(site: &Site, ids: &[String]) -> Vec<Value> {
    ids.iter()
        .filter_map(|id| site.insight(id))
        .map(|i| json!({ "id": i.id, "title": i.data.title, "summary": i.data.summary, "url": url(RefKind::Insight, &i.id) }))
        .collect()
}

/// The short form of an insight: lists, cards and embeds.
pub fn insight_card(site: &Site, it: &Item<Insight>) -> Value {
    let d = &it.data;
    let personas: Vec<Value> = d
        .personas
        .iter()
        .filter_map(|p| site.persona(p))
        .map(|p| link_value(RefKind::Persona, &p.id, &p.data.name))
        .collect();
    let journey = d.journey.as_deref().and_then(|j| site.journey(j));
    let stage = journey.and_then(|j| d.stage.as_deref().and_then(|s| j.data.stages.iter().find(|st| st.id == s)));
    let layer_count = [&d.emotional, &d.functional, &d.breakthrough].iter().filter(|l| l.is_some()).count();
    json!({
        "id": it.id,
        "title": d.title,
        "summary": d.summary,
        "url": url(RefKind::Insight, &it.id),
        "confidence": d.confidence.as_str(),
        "impact": d.impact.as_str(),
        "status": d.status.as_str(),
        "tags": d.tags,
        "date": d.date,
        "date_text": d.date.as_deref().map(|x| dates::long(site.config.language, x)),
        "personas": personas,
        "journey": journey.map(|j| link_value(RefKind::Journey, &j.id, &j.data.title)),
        "stage": stage.map(|s| json!({ "id": s.id, "name": s.name, "mot": s.moment_of_truth.map(|m| m.as_str()) })),
        "biases": d.biases.iter().filter_map(|b| site.bias(b)).map(|b| json!({ "id": b.id, "name": b.name, "url": url(RefKind::Bias, &b.id) })).collect::<Vec<_>>(),
        "layers": layer_count,
    })
}

fn insight_page(site: &Site, pr: &PageResolver, it: &Item<Insight>) -> Value {
    let d = &it.data;
    let mut v = insight_card(site, it);
    let layer = |key: &str, text: &Option<String>| json!({ "key": key, "html": text.as_deref().filter(|t| !t.trim().is_empty()).map(|t| pr.markdown(t, key, &it.file.rel)) });
    v["layers"] = json!([
        layer("emotional", &d.emotional),
        layer("functional", &d.functional),
        layer("breakthrough", &d.breakthrough)
    ]);
    v["evidence"] = json!(d
        .evidence
        .iter()
        .map(|e| json!({ "quote": e.quote, "metric": e.metric, "source": e.source, "type": e.kind.map(|k| serde_json::to_value(k).unwrap_or(Value::Null)) }))
        .collect::<Vec<_>>());
    v["biases"] = json!(d
        .biases
        .iter()
        .filter_map(|b| site.bias(b))
        .map(|b| json!({ "id": b.id, "name": b.name, "description": b.description, "source": b.source, "url": url(RefKind::Bias, &b.id) }))
        .collect::<Vec<_>>());
    let steps: Vec<Value> = site
        .backlinks
        .insight_steps
        .get(&it.id)
        .map(|refs| {
            refs.iter()
                .filter_map(|r| {
                    let j = site.journey(&r.journey)?;
                    let stage = j.data.stages.get(r.stage)?;
                    let step = stage.steps.get(r.step)?;
                    Some(json!({ "journey": link_value(RefKind::Journey, &j.id, &j.data.title), "stage": stage.name,
                                 "step": step.name, "day": step.day.map(day_text), "type": step.kind.as_str() }))
                })
                .collect()
        })
        .unwrap_or_default();
    v["steps"] = json!(steps);
    v["narratives"] = json!(site
        .backlinks
        .insight_narratives
        .get(&it.id)
        .map(|ids| ids
            .iter()
            .filter_map(|n| site.narrative(n))
            .map(|n| link_value(RefKind::Narrative, &n.id, &n.data.front.title))
            .collect::<Vec<_>>())
        .unwrap_or_default());
    v["journey_maps"] = json!(insight_minimaps(site, pr, it));
    v
}

/// Where an insight sits: a mini-map per journey that names it (its own
/// `journey` first, then journeys whose steps list it).
fn insight_minimaps(site: &Site, pr: &PageResolver, it: &Item<Insight>) -> Vec<Value> {
    let d = &it.data;
    let refs = site.backlinks.insight_steps.get(&it.id).map(Vec::as_slice).unwrap_or_default();
    let mut ids: Vec<&str> = d.journey.as_deref().filter(|j| site.journey(j).is_some()).into_iter().collect();
    for r in refs {
        if !ids.contains(&r.journey.as_str()) {
            ids.push(&r.journey);
        }
    }
    ids.iter()
        .filter_map(|id| site.journey(id))
        .map(|j| {
            let stage = if d.journey.as_deref() == Some(j.id.as_str()) { d.stage.as_deref() } else { None };
            let marked: Vec<(usize, usize)> =
                refs.iter().filter(|r| r.journey == j.id).map(|r| (r.stage, r.step)).collect();
            let key = format!("mini\0{}\0{}\0{:?}", j.id, stage.unwrap_or("\0"), marked);
            let svg = pr.diagram(key, || {
                let base = pr.diagram(format!("minibase\0{}", j.id), || {
                    json!(charts::journey::sparkline::minimap_base(&j.data))
                });
                let base = base.as_str().unwrap_or_default();
                json!(charts::journey::sparkline::minimap(&j.id, &j.data, site.config.language, stage, &marked, base))
            });
            json!({ "journey": link_value(RefKind::Journey, &j.id, &j.data.title), "svg": svg })
        })
        .collect()
}

/// Initials for an avatar: first letters of the first and last word.
fn initials(name: &str) -> String {
    let words: Vec<&str> =
        name.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_alphabetic)).collect();
    let first = |w: &str| w.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
    match words.as_slice() {
        [] => "?".into(),
        [one] => first(one),
        [a, .., b] => format!("{}{}", first(a), first(b)),
    }
}

/// A stable colour slot (0–5) for an avatar.
fn colour_slot(id: &str) -> u32 {
    id.bytes().fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b))) % 6
}

/// The short form of a persona: lists, cards and embeds.
pub fn persona_card(site: &Site, p: &Item<Persona>) -> Value {
    let d = &p.data;
    json!({
        "id": p.id,
        "name": d.name,
        "title": d.name,
        "tagline": d.tagline,
        "quote": d.quote,
        "temperament": d.temperament.map(|t| t.as_str()),
        "url": url(RefKind::Persona, &p.id),
        "photo": d.photo.as_deref().and_then(|ph| site.file_url(ph)),
        "initials": initials(&d.name),
        "colour": colour_slot(&p.id),
        "insight_count": site.backlinks.persona_insights.get(&p.id).map_or(0, Vec::len),
    })
}

fn persona_page(site: &Site, pr: &PageResolver, p: &Item<Persona>) -> Value {
    let d = &p.data;
    let mut v = persona_card(site, p);
    v["about_html"] = json!(d.about.as_deref().map(|a| pr.markdown(a, "about", &p.file.rel)));
    v["facts"] = json!(d
        .facts
        .iter()
        .map(|(k, val)| json!({ "key": fact_text(k), "value": fact_text(val) }))
        .collect::<Vec<_>>());
    v["lists"] = json!([
        { "key": "goals", "items": d.goals }, { "key": "needs", "items": d.needs },
        { "key": "pains", "items": d.pains }, { "key": "motivations", "items": d.motivations },
        { "key": "behaviours", "items": d.behaviours }, { "key": "channels", "items": d.channels },
    ]);
    v["insights"] =
        json!(site.backlinks.persona_insights.get(&p.id).map(|ids| insight_links(site, ids)).unwrap_or_default());
    v["journeys"] = json!(site
        .backlinks
        .persona_journeys
        .get(&p.id)
        .map(|ids| ids
            .iter()
            .filter_map(|j| site.journey(j))
            .map(|j| {
                let mut l = link_value(RefKind::Journey, &j.id, &j.data.title);
                add_sparkline(&mut l, &j.id, &j.data, site.config.language);
                l
            })
            .collect::<Vec<_>>())
        .unwrap_or_default());
    v
}

/// The short form of a journey: lists, cards and embeds.
pub fn journey_card(site: &Site, j: &Item<Journey>) -> Value {
    let d = &j.data;
    let steps: usize = d.stages.iter().map(|s| s.steps.len()).sum();
    let mut v = json!({
        "id": j.id,
        "title": d.title,
        "url": url(RefKind::Journey, &j.id),
        "persona": d.persona.as_deref().and_then(|p| site.persona(p)).map(|p| link_value(RefKind::Persona, &p.id, &p.data.name)),
        "stages": d.stages.iter().map(|s| json!({ "id": s.id, "name": s.name, "mot": s.moment_of_truth.map(|m| m.as_str()), "steps": s.steps.len() })).collect::<Vec<_>>(),
        "step_count": steps,
    });
    add_sparkline(&mut v, &j.id, d, site.config.language);
    v
}

/// `sparkline` (SVG) and `has_sparkline`: templates test the flag, because
/// Tera escapes a string just to test it in an `if`.
fn add_sparkline(v: &mut Value, id: &str, j: &Journey, lang: crate::config::Language) {
    let svg = charts::journey::sparkline::sparkline(id, j, lang);
    v["has_sparkline"] = json!(svg.is_some());
    v["sparkline"] = json!(svg);
}

/// The numbered insight markers of a journey, linked relative to `root`.
fn journey_markers(site: &Site, root: &str, j: &Journey) -> Markers {
    Markers::new(j, |id| {
        site.insight(id).map(|i| (i.data.title.clone(), format!("{root}{}", url(RefKind::Insight, id))))
    })
}

/// The numbered insights as a key beside the map: number, title, site-relative url, steps.
fn insight_key(markers: &Markers, j: &Journey) -> Vec<Value> {
    markers
        .list
        .iter()
        .map(|m| {
            let steps: Vec<String> = j
                .stages
                .iter()
                .flat_map(|s| s.steps.iter().map(move |st| (s, st)))
                .filter(|(_, st)| st.insights.contains(&m.id))
                .map(|(s, st)| format!("{} → {}", s.name, st.name))
                .collect();
            json!({ "number": m.number, "id": m.id, "title": m.title, "url": url(RefKind::Insight, &m.id), "steps": steps })
        })
        .collect()
}

/// The diagrams of a journey, for a page whose root prefix is `pr.root()`:
/// `map_svg` (with `map_heads_svg`, its lane labels kept in view on screen,
/// and `map_print_svgs`, the map cut into pieces that print legibly),
/// `timeline_svg` (null without days, with `timeline_print_svgs`, its print
/// pieces), `insight_key`, `map_legend` and `timeline_legend` (what the
/// HTML legends show), `unattended`,
/// and the flags `has_diagrams`, `has_timeline` (templates test flags: Tera
/// escapes a string just to test it in an `if`). Drawn once per build.
fn add_journey_diagrams(site: &Site, pr: &PageResolver, j: &Item<Journey>, v: &mut Value) {
    let drawn = pr.diagram(format!("journey\0{}", j.id), || {
        let lang = site.config.language;
        // Links are drawn site-relative and made page-relative below.
        let markers = journey_markers(site, "", &j.data);
        let opts = charts::journey::map::MapOptions { lang, markers: &markers };
        let timeline = charts::journey::timeline::draw(&j.id, &j.data, lang, Some(charts::journey::timeline_print::PRINT_W));
        let moments: Vec<_> = j
            .data
            .stages
            .iter()
            .flat_map(|s| &s.steps)
            .filter_map(|st| st.day.map(|d| (d, st.kind, st.emotion)))
            .collect();
        let drawn = charts::journey::map::draw(&j.id, &j.data, &opts, PRINT_COLUMNS);
        json!({
            "map_svg": drawn.map,
            "map_heads_svg": drawn.heads,
            "map_print_svgs": drawn.print,
            "has_diagrams": true,
            "has_timeline": timeline.is_some(),
            "timeline_print_svgs": timeline.as_ref().map(|t| t.print.clone()).unwrap_or_default(),
            "timeline_svg": timeline.map(|t| t.svg),
            "insight_key": insight_key(&markers, &j.data),
            // What the HTML legends beside the map and the timeline explain.
            "map_legend": {
                "mots": charts::journey::map::moments_of_truth(&j.data).iter().map(|m| m.as_str()).collect::<Vec<_>>(),
                "markers": !markers.list.is_empty(),
            },
            "timeline_legend": {
                "gap": charts::journey::timeline::unattended(&moments).is_some(),
                "untimed": j.data.stages.iter().flat_map(|s| &s.steps).filter(|st| !st.day.is_some_and(f64::is_finite)).count(),
            },
            "unattended": charts::journey::timeline::unattended(&moments).map(|g| json!({
                "from": day_text(g.from), "to": day_text(g.to), "days": day_text(g.days()),
                "text": charts::journey::timeline::gap_text(lang, g),
            })),
        })
    });
    if let Value::Object(d) = drawn {
        for (k, x) in d {
            v[k.as_str()] = match (k.as_str(), x) {
                // One drawing serves pages at every depth: every link in it is
                // site-relative, and ` href="` cannot come from content (all
                // text is escaped, `"` included), so only its links change.
                ("map_svg", Value::String(svg)) if !pr.root().is_empty() => json!(relative_to_page(&svg, pr.root())),
                (_, x) => x,
            };
        }
    }
}

/// Step columns per printed piece of a journey map: 88 + 5 × 176 + 4 = 972 px,
/// which prints at natural size (11 px text = 8.25 pt) on A4 landscape and at
/// 98 % (8.1 pt) on US Letter landscape.
const PRINT_COLUMNS: usize = 5;

/// A drawing's site-relative links made relative to a page at `root`
/// (links within the page, `href="#…"`, stay as they are).
fn relative_to_page(svg: &str, root: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 512);
    let mut rest = svg;
    while let Some(i) = rest.find(" href=\"") {
        let (head, tail) = rest.split_at(i + " href=\"".len());
        out.push_str(head);
        if !tail.starts_with('#') {
            out.push_str(root);
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// A journey as an embed in a narrative or the report: the card and its diagrams.
pub fn journey_embed(site: &Site, pr: &PageResolver, j: &Item<Journey>) -> Value {
    let mut v = journey_card(site, j);
    add_journey_diagrams(site, pr, j, &mut v);
    v
}

fn journey_page(site: &Site, pr: &PageResolver, j: &Item<Journey>) -> Value {
    let d = &j.data;
    let mut v = journey_card(site, j);
    v["description_html"] = json!(d.description.as_deref().map(|t| pr.markdown(t, "journey", &j.file.rel)));
    add_journey_diagrams(site, pr, j, &mut v);
    let markers = journey_markers(site, "", d);
    let number = |id: &str| markers.list.iter().find(|m| m.id == id).map(|m| m.number);
    v["stages"] = json!(d
        .stages
        .iter()
        .map(|s| {
            let insights = site.backlinks.stage_insights.get(&(j.id.clone(), s.id.clone())).map(|ids| insight_links(site, ids)).unwrap_or_default();
            json!({
                "id": s.id, "name": s.name, "mot": s.moment_of_truth.map(|m| m.as_str()),
                "insights": insights,
                "steps": s.steps.iter().map(|st| json!({
                    "name": st.name, "type": st.kind.as_str(), "day": st.day.map(day_text), "channel": st.channel,
                    "doing": st.doing, "thinking": st.thinking, "emotion": st.emotion,
                    "emotion_text": st.emotion.map(charts::journey::common::emotion_text),
                    "emotion_class": match st.emotion { Some(e) if e < 0 => "neg", Some(e) if e > 0 => "pos", Some(_) => "zero", None => "none" },
                    "pains": st.pains, "opportunities": st.opportunities, "owners": st.owners,
                    "insights": st.insights.iter().filter_map(|id| site.insight(id)).map(|i| {
                        let mut l = link_value(RefKind::Insight, &i.id, &i.data.title);
                        l["number"] = json!(number(&i.id));
                        l
                    }).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect::<Vec<_>>());
    // The timeline as text: every step with a day, in day order.
    let mut timed: Vec<(f64, &crate::model::Stage, &crate::model::Step)> =
        d.stages.iter().flat_map(|s| s.steps.iter().filter_map(move |st| st.day.map(|day| (day, s, st)))).collect();
    timed.sort_by(|a, b| a.0.total_cmp(&b.0));
    v["timeline_rows"] = json!(timed
        .iter()
        .map(|(day, s, st)| json!({ "day": day_text(*day), "type": st.kind.as_str(), "name": st.name, "stage": s.name,
                                    "emotion": st.emotion.map(charts::journey::common::emotion_text),
                                    "emotion_class": charts::journey::common::emotion_class(st.emotion) }))
        .collect::<Vec<_>>());
    v
}

fn feature_value(f: &FeatureResult) -> Value {
    let num = |x: Option<f64>| x.map(fixed2);
    let tally = f.tally.map(|t| json!({ "A": t.A, "O": t.O, "M": t.M, "I": t.I, "R": t.R, "Q": t.Q }));
    json!({
        "id": f.id, "name": f.name, "category": f.category.as_str(), "computed": f.computed,
        "better": num(f.better), "worse": num(f.worse),
        "better_text": num(f.better), "worse_text": num(f.worse).map(|w| display_minus(&w)),
        "n": f.n, "tally": tally,
        "strength": f.strength.map(super::charts::kano_shares::strength_text),
        "significant": f.significant,
        "importance": f.importance.map(|i| format!("{i:.1}")),
        "history": f.history.iter().map(|(y, c)| json!({ "year": y, "category": c.as_str() })).collect::<Vec<_>>(),
    })
}

/// A Kano study with its computed features.
pub fn kano_card(site: &Site, results: &Results, i: usize) -> Value {
    let k = &site.kano[i];
    let features: Vec<Value> =
        results.kano.get(&k.id).map(|fs| fs.iter().map(feature_value).collect()).unwrap_or_default();
    let mut counts = serde_json::Map::new();
    if let Some(fs) = results.kano.get(&k.id) {
        for f in fs {
            let e = counts.entry(f.category.as_str()).or_insert(json!(0));
            *e = json!(e.as_u64().unwrap_or(0) + 1);
        }
    }
    let respondents = results.kano.get(&k.id).and_then(|fs| fs.iter().map(|f| f.n).max()).unwrap_or(0);
    json!({ "id": k.id, "title": k.data.title, "url": url(RefKind::Kano, &k.id), "features": features,
            "category_counts": counts, "respondents": respondents,
            "has_history": k.data.features.iter().any(|f| !f.history.is_empty()) })
}

fn period_value(p: &PeriodResult) -> Value {
    let nps = p.nps.map(|n| n.to_string());
    json!({
        "period": p.period, "promoters": p.counts.promoters, "passives": p.counts.passives,
        "detractors": p.counts.detractors, "respondents": p.counts.respondents(),
        "nps": nps, "nps_text": nps.as_deref().map(display_minus),
        "margin": p.margin.map(|m| format!("{m:.1}")),
        "from_scores": p.distribution.is_some(),
        "distribution": p.distribution.map(|d| d.to_vec()),
    })
}

/// An NPS series with its computed periods.
pub fn nps_card(site: &Site, results: &Results, i: usize) -> Value {
    let n = &site.nps[i];
    let periods: Vec<Value> =
        results.nps.get(&n.id).map(|ps| ps.iter().map(period_value).collect()).unwrap_or_default();
    let latest = periods.last().cloned();
    json!({ "id": n.id, "title": n.data.title, "url": url(RefKind::Nps, &n.id), "periods": periods, "latest": latest })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_formatting_helpers() {
        assert_eq!(initials("Sanne the Starter"), "SS");
        assert_eq!(initials("Bert"), "B");
        assert_eq!(fixed2(-0.8333), "-0.83");
        assert_eq!(fixed2(-0.0001), "0.00");
        assert_eq!(display_minus("-0.83"), "\u{2212}0.83");
        assert_eq!(day_text(3.0), "3");
        assert_eq!(day_text(2.5), "2.5");
    }
}
