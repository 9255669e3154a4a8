//! report.html draws each journey, Kano study and NPS series once.
//!
//! Chapters are rendered on their own (and reused in `serve`), so a journey
//! that three chapters embed would be drawn three times on the one report
//! page: tens of kilobytes each, and the same element ids three times. When
//! report.html puts the chapters together, an embed of something already
//! drawn earlier on the page keeps the theme's heading (its kind and linked
//! title) and points to the full drawing instead, naming the chapter that
//! holds it (on paper a link cannot be followed).

use std::collections::HashMap;

/// The embed figures drawn only once on report.html, by their class.
const DRAWN_ONCE: [&str; 3] = ["embed-journey", "embed-kano", "embed-nps"];

/// Where report.html's chapters are being put together: what is drawn so far.
#[derive(Default)]
pub struct Repeats {
    /// Each page drawn so far, and the title of the chapter that draws it.
    drawn: HashMap<String, String>,
}

impl Repeats {
    /// `body` (the chapter titled `chapter`, in page order) with each embed
    /// drawn earlier on the page folded into a pointer with the text `again`,
    /// its `{chapter}` replaced by the title of the chapter that draws it;
    /// the first drawing of each gets the id the pointers link to.
    pub fn fold(&mut self, body: &str, chapter: &str, again: &str) -> String {
        let mut out = String::with_capacity(body.len());
        let mut rest = body;
        while let Some(at) = rest.find("<figure class=\"embed ") {
            out.push_str(&rest[..at]);
            let figure = &rest[at..];
            let Some(end) = figure.find("</figure>").map(|e| e + "</figure>".len()) else { break };
            let whole = &figure[..end];
            match Embed::read(whole) {
                Some(embed) => match self.drawn.get(embed.target) {
                    Some(first) => embed.pointer(&mut out, &again.replace("{chapter}", first)),
                    None => {
                        self.drawn.insert(embed.target.to_string(), chapter.to_string());
                        embed.with_id(&mut out);
                    }
                },
                None => out.push_str(whole),
            }
            rest = &figure[end..];
        }
        out.push_str(rest);
        out
    }
}

/// One embed figure of a kind drawn once.
struct Embed<'a> {
    /// The whole `<figure …>…</figure>`.
    html: &'a str,
    /// The length of its start tag without the closing `>`.
    open: usize,
    /// Where its heading (`</h3>`) ends.
    heading_end: usize,
    /// The page its title links to, as written (`journeys/j.html`).
    target: &'a str,
}

impl<'a> Embed<'a> {
    /// The parts of `html` if it is an embed drawn once with a linked heading.
    fn read(html: &'a str) -> Option<Embed<'a>> {
        let open = html.find('>')?;
        let classes = html[..open].split_once("class=\"")?.1.split('"').next()?;
        if !classes.split(' ').any(|c| DRAWN_ONCE.contains(&c)) || html[..open].contains(" id=") {
            return None;
        }
        let heading_end = html.find("</h3>")? + "</h3>".len();
        let href = html[..heading_end].find("<a href=\"")? + "<a href=\"".len();
        let target = html[href..heading_end].split('"').next()?;
        Some(Embed { html, open, heading_end, target })
    }

    /// The id of the first drawing: the target page, as a fragment.
    fn id(&self) -> String {
        let page = self.target.trim_end_matches(".html");
        let safe: String = page.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect();
        format!("drawn-{safe}")
    }

    /// The figure as drawn, with its id.
    fn with_id(&self, out: &mut String) {
        out.push_str(&self.html[..self.open]);
        out.push_str(&format!(" id=\"{}\"", self.id()));
        out.push_str(&self.html[self.open..]);
    }

    /// The figure's start and heading, and a link to the first drawing.
    fn pointer(&self, out: &mut String, again: &str) {
        let start = &self.html[..self.open];
        match start.find("class=\"") {
            Some(c) => {
                let c = c + "class=\"".len();
                out.push_str(&start[..c]);
                out.push_str("embed-repeat ");
                out.push_str(&start[c..]);
            }
            None => out.push_str(start),
        }
        out.push_str(&self.html[self.open..self.heading_end]);
        out.push_str(&format!(
            "<figcaption class=\"muted\"><a href=\"#{}\">{}</a></figcaption></figure>",
            self.id(),
            crate::html::escape_html(again)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journey(id: &str, drawing: &str) -> String {
        format!(
            "<figure class=\"embed embed-journey card\"><p class=\"embed-kind\">Journey</p><h3 class=\"card-title\"><a href=\"journeys/{id}.html\">J {id}</a></h3><svg id=\"jm-{id}\">{drawing}</svg></figure>"
        )
    }

    #[test]
    fn a_drawing_is_shown_once_and_pointed_to_after() {
        let mut r = Repeats::default();
        let one = r.fold(&format!("<p>a</p>{}<p>b</p>", journey("j1", "BIG")), "One & only", "Shown in {chapter}");
        assert_eq!(
            one,
            "<p>a</p><figure class=\"embed embed-journey card\" id=\"drawn-journeys-j1\"><p class=\"embed-kind\">Journey</p><h3 class=\"card-title\"><a href=\"journeys/j1.html\">J j1</a></h3><svg id=\"jm-j1\">BIG</svg></figure><p>b</p>"
        );
        // Later chapters: j1 again is a pointer; j2 is drawn.
        let two = r.fold(&format!("{}{}", journey("j1", "BIG"), journey("j2", "OTHER")), "Two", "Shown in {chapter}");
        assert!(!two.contains("BIG") && two.contains("OTHER"), "{two}");
        assert!(two.starts_with(
            "<figure class=\"embed-repeat embed embed-journey card\"><p class=\"embed-kind\">Journey</p><h3 class=\"card-title\"><a href=\"journeys/j1.html\">J j1</a></h3><figcaption class=\"muted\"><a href=\"#drawn-journeys-j1\">Shown in One &amp; only</a></figcaption></figure>"
        ), "{two}");
        // A third time, from a later chapter: still the chapter that draws it.
        let three = r.fold(&journey("j2", "OTHER"), "Three", "Shown in {chapter}");
        assert!(three.contains(">Shown in Two</a>") && !three.contains("OTHER"), "{three}");
        assert_eq!(two.matches("id=\"jm-").count(), 1, "{two}");
    }

    #[test]
    fn other_embeds_and_unknown_markup_stay_as_written() {
        let mut r = Repeats::default();
        let card = "<figure class=\"embed embed-insight card\"><h3 class=\"card-title\"><a href=\"insights/i.html\">I</a></h3></figure>";
        let text =
            format!("{card}{card}<figure class=\"embed embed-nps card\">no heading</figure><figure class=\"embed ");
        assert_eq!(r.fold(&text, "c", "x"), text);
    }
}
