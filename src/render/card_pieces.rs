//! The cards of one `search/cards-N.js`, written in pieces.
//!
//! Cards share most of their markup (`<article class="card insight-card"
//! data-id="`, badges, chips) and many values ("high", "Impact: High"). A
//! card is cut where markup and text meet (text between tags, attribute
//! values) and a piece that occurs again in the file is written once, in the
//! file's table, and stands as its number in each card:
//! `{"t": ["<p class=\"", …], "c": [[0, "card-summary", 1, "Text", 2], …]}`.
//! The page joins a card's parts into the theme's HTML again (a string join,
//! not DOM building), so any theme's card markup round-trips unchanged.

use std::collections::HashMap;

use serde_json::Value;

/// The shortest piece worth a place in the table (a number costs about as
/// much as a string of two characters).
const MIN_SHARED: usize = 3;

/// `cards` as a table of shared pieces and each card's parts.
pub fn encode(cards: &[&str]) -> Value {
    let cut: Vec<Vec<&str>> = cards.iter().map(|c| pieces(c)).collect();
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (order, piece) in cut.iter().flatten().enumerate() {
        counts.entry(piece).or_insert((0, order)).0 += 1;
    }
    // The most frequent pieces get the shortest numbers; ties in order of first use.
    let mut shared: Vec<(&str, (usize, usize))> =
        counts.into_iter().filter(|(p, (n, _))| *n > 1 && p.len() >= MIN_SHARED).collect();
    shared.sort_by_key(|(_, (n, first))| (std::cmp::Reverse(*n), *first));
    let number: HashMap<&str, usize> = shared.iter().enumerate().map(|(i, (p, _))| (*p, i)).collect();
    let table: Vec<Value> = shared.iter().map(|(p, _)| Value::from(*p)).collect();
    let cards: Vec<Value> = cut
        .iter()
        .map(|parts| {
            let mut out: Vec<Value> = Vec::new();
            let mut text = String::new();
            for piece in parts {
                match number.get(piece) {
                    Some(&n) => {
                        if !text.is_empty() {
                            out.push(Value::from(std::mem::take(&mut text)));
                        }
                        out.push(Value::from(n));
                    }
                    None => text.push_str(piece),
                }
            }
            if !text.is_empty() {
                out.push(Value::from(text));
            }
            Value::Array(out)
        })
        .collect();
    serde_json::json!({ "t": table, "c": cards })
}

/// `html` cut where markup (tags, outside their quoted values) and content
/// (text, attribute values) meet; the pieces join to `html` again.
fn pieces(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut in_tag, mut in_quote) = (false, false);
    let (mut start, mut run_is_markup) = (0, false);
    for (i, c) in html.bytes().enumerate() {
        let markup = if in_quote {
            in_quote = c != b'"';
            !in_quote
        } else if in_tag {
            match c {
                b'"' => in_quote = true,
                b'>' => in_tag = false,
                _ => {}
            }
            true
        } else if c == b'<' {
            in_tag = true;
            true
        } else {
            false
        };
        // Cuts fall on ASCII bytes only, so always between characters.
        if i > start && markup != run_is_markup {
            out.push(&html[start..i]);
            start = i;
        }
        run_is_markup = markup;
    }
    if start < html.len() {
        out.push(&html[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cards `encode` wrote, joined again as the page does.
    fn decode(v: &Value) -> Vec<String> {
        let table = v["t"].as_array().unwrap();
        v["c"]
            .as_array()
            .unwrap()
            .iter()
            .map(|parts| {
                parts
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| match p.as_u64() {
                        Some(n) => table[n as usize].as_str().unwrap().to_string(),
                        None => p.as_str().unwrap().to_string(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn markup_and_content_are_cut_apart() {
        assert_eq!(
            pieces("<p class=\"a b\">Hé <b>x</b></p>"),
            ["<p class=\"", "a b", "\">", "Hé ", "<b>", "x", "</b></p>"]
        );
        assert_eq!(pieces("text only"), ["text only"]);
        assert_eq!(pieces(""), Vec::<&str>::new());
    }

    #[test]
    fn shared_pieces_are_written_once_and_every_card_round_trips() {
        let cards = [
            "<article class=\"card\" data-impact=\"high\"><h3>Één</h3><p>Impact: High</p></article>",
            "<article class=\"card\" data-impact=\"low\"><h3>Two &amp; \"three\"</h3><p>Impact: High</p></article>",
            "<article class='odd'>unclosed <b",
        ];
        let v = encode(&cards);
        assert_eq!(decode(&v), cards);
        let table: Vec<&str> = v["t"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
        // In both of the first two cards: the markup, and the text they share.
        assert!(table.contains(&"<article class=\"") && table.contains(&"Impact: High"), "{table:?}");
        // Once only, or too short: written in the card.
        assert!(!table.contains(&"Één") && !table.contains(&"low"), "{table:?}");
        assert_eq!(v["c"][0][0], 0, "the most frequent piece is number 0: {v}");
    }
}
