//! Just enough PDF reading for `cxsite pdf`: count the pages of a file and
//! find on which page each named destination (an element id that a link
//! points to) landed. Chromium writes its page tree and destinations as
//! plain dictionaries, which is all this understands; anything else gives
//! `None` and the caller carries on without the information.

use std::collections::{BTreeMap, HashMap};

/// Whether `bytes` look like a PDF file (they start with `%PDF-`).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// The number of pages: the objects of `/Type /Page` (not `/Pages`), or
/// else the largest `/Count` of a page-tree node. `None` when neither is
/// found (a PDF that keeps its objects in compressed object streams).
pub fn count_pages(pdf: &[u8]) -> Option<usize> {
    let pages = objects(pdf).values().filter(|body| is_page(body)).count();
    if pages > 0 {
        return Some(pages);
    }
    find_all(pdf, b"/Count").filter_map(|at| number(skip_space(&pdf[at + 6..])).map(|(n, _)| n)).max()
}

fn is_page(body: &[u8]) -> bool {
    find_all(body, b"/Type").any(|at| {
        skip_space(&body[at + 5..])
            .strip_prefix(b"/Page".as_slice())
            .is_some_and(|after| !after.first().is_some_and(|c| c.is_ascii_alphanumeric()))
    })
}

/// Named destinations → 1-based page number, read from the catalogue's
/// `/Dests` dictionary and the page tree. `None` when the file has no such
/// dictionary or its page tree cannot be followed.
pub fn destinations(pdf: &[u8]) -> Option<BTreeMap<String, usize>> {
    let objects = objects(pdf);
    let catalog =
        objects.values().find(|body| contains(body, b"/Type /Catalog") || contains(body, b"/Type/Catalog"))?;
    let root = reference_after(catalog, b"/Pages")?;
    let dests = reference_after(catalog, b"/Dests").and_then(|n| objects.get(&n).copied())?;
    let mut order = Vec::new();
    walk_pages(&objects, root, &mut order, 0)?;
    let page_of: HashMap<u32, usize> = order.iter().enumerate().map(|(i, &obj)| (obj, i + 1)).collect();
    let mut out = BTreeMap::new();
    // Entries look like `/name [12 0 R /XYZ 0 838.2 0]`.
    let mut rest = dests;
    while let Some(slash) = rest.iter().position(|&c| c == b'/') {
        rest = &rest[slash + 1..];
        let end = rest.iter().position(|&c| c.is_ascii_whitespace() || b"[]<>/()".contains(&c)).unwrap_or(rest.len());
        let name = decode_name(&rest[..end]);
        rest = skip_space(&rest[end..]);
        if let Some(array) = rest.strip_prefix(b"[".as_slice()) {
            if let Some((obj, _)) = number(skip_space(array)) {
                if let Some(&page) = page_of.get(&(obj as u32)) {
                    out.insert(name, page);
                }
            }
        }
    }
    Some(out)
}

/// Object number → the bytes between `N 0 obj` and `endobj`.
fn objects(pdf: &[u8]) -> HashMap<u32, &[u8]> {
    let mut out = HashMap::new();
    for at in find_all(pdf, b" obj") {
        // Walk back over "N G" at the start of a line.
        let head = &pdf[..at];
        let line_start = head.iter().rposition(|&c| c == b'\n' || c == b'\r').map(|i| i + 1).unwrap_or(0);
        let mut parts = head[line_start..].split(|&c| c == b' ');
        let (Some(num), Some(gen), None) = (parts.next(), parts.next(), parts.next()) else { continue };
        if gen.is_empty() || !gen.iter().all(u8::is_ascii_digit) {
            continue;
        }
        let Some(num) = std::str::from_utf8(num).ok().and_then(|s| s.parse::<u32>().ok()) else { continue };
        let body = &pdf[at + 4..];
        let end = find(body, b"endobj").unwrap_or(body.len());
        // A stream's data is not needed, and may be binary.
        let end = find(&body[..end], b"stream").unwrap_or(end);
        out.insert(num, &body[..end]);
    }
    out
}

fn walk_pages(objects: &HashMap<u32, &[u8]>, node: u32, order: &mut Vec<u32>, depth: usize) -> Option<()> {
    if depth > 64 {
        return None;
    }
    let body = objects.get(&node)?;
    let is_tree = contains(body, b"/Kids");
    if !is_tree {
        order.push(node);
        return Some(());
    }
    let kids = &body[find(body, b"/Kids")? + 5..];
    let kids = &kids[find(kids, b"[")? + 1..];
    let kids = &kids[..find(kids, b"]")?];
    let nums: Vec<&[u8]> = kids.split(|c| c.is_ascii_whitespace()).filter(|t| !t.is_empty()).collect();
    for triple in nums.chunks(3) {
        if let [n, _, r] = triple {
            if *r != b"R" {
                return None;
            }
            let kid = std::str::from_utf8(n).ok()?.parse().ok()?;
            walk_pages(objects, kid, order, depth + 1)?;
        }
    }
    Some(())
}

/// `N` in `KEY N 0 R` inside `body`.
fn reference_after(body: &[u8], key: &[u8]) -> Option<u32> {
    let mut from = 0;
    while let Some(i) = find(&body[from..], key) {
        let after = &body[from + i + key.len()..];
        // `/Pages` must not match `/PagesFoo`; the value must be a reference.
        if !after.first().is_some_and(|c| c.is_ascii_alphanumeric()) {
            if let Some((n, rest)) = number(skip_space(after)) {
                let rest = skip_space(rest);
                if let Some((_, rest)) = number(rest) {
                    if skip_space(rest).starts_with(b"R") {
                        return u32::try_from(n).ok();
                    }
                }
            }
        }
        from += i + key.len();
    }
    None
}

/// A PDF name with `#xx` escapes decoded.
fn decode_name(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' {
            if let Some(b) =
                raw.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn number(s: &[u8]) -> Option<(usize, &[u8])> {
    let len = s.iter().take_while(|c| c.is_ascii_digit()).count();
    let n = std::str::from_utf8(&s[..len]).ok()?.parse().ok()?;
    Some((n, &s[len..]))
}

fn skip_space(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find(hay, needle).is_some()
}

fn find_all<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let i = find(&hay[from..], needle)?;
        let at = from + i;
        from = at + needle.len();
        Some(at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape Chromium writes: a two-level page tree and a `/Dests` dictionary.
    const SAMPLE: &[u8] = b"%PDF-1.4\n%\xd3\xeb\xe9\xe1\n\
1 0 obj\n<</Type /Catalog\n/Pages 9 0 R\n/Dests 10 0 R>>\nendobj\n\
2 0 obj\n<</Type /Page\n/Parent 7 0 R>>\nendobj\n\
3 0 obj\n<</Length 4 /Filter /FlateDecode>> stream\nx\x9c endobj /Type /Page\nendstream\nendobj\n\
4 0 obj\n<</Type /Page\n/Parent 7 0 R>>\nendobj\n\
5 0 obj\n<</Type /Page\n/Parent 8 0 R>>\nendobj\n\
7 0 obj\n<</Type /Pages\n/Count 2\n/Kids [2 0 R 4 0 R]\n/Parent 9 0 R>>\nendobj\n\
8 0 obj\n<</Type /Pages\n/Count 1\n/Kids [5 0 R]\n/Parent 9 0 R>>\nendobj\n\
9 0 obj\n<</Type /Pages\n/Count 3\n/Kids [7 0 R 8 0 R]>>\nendobj\n\
10 0 obj\n<</main [2 0 R /XYZ 0 841.9 0]\n/intro [4 0 R /XYZ 0 838.1 0]\n/end#2Dnote [5 0 R /XYZ 0 300 0]>>\nendobj\n\
trailer\n<</Root 1 0 R>>\n%%EOF";

    #[test]
    fn counts_pages_not_page_trees() {
        assert!(is_pdf(SAMPLE));
        // Three page objects; the look-alike inside stream data does not count.
        assert_eq!(count_pages(SAMPLE), Some(3));
        assert_eq!(count_pages(b"%PDF-1.7 /Type/Pages /Count 12 /Kids [] /Count 5"), Some(12));
        assert_eq!(count_pages(b"%PDF-1.7 nothing here"), None);
    }

    #[test]
    fn finds_the_page_of_each_destination() {
        let d = destinations(SAMPLE).expect("destinations");
        assert_eq!(d.get("main"), Some(&1));
        assert_eq!(d.get("intro"), Some(&2));
        assert_eq!(d.get("end-note"), Some(&3));
        assert_eq!(destinations(b"%PDF-1.4 no catalogue"), None);
    }
}
