//! Where a quoted YAML value that is never closed begins. The parser only
//! notices at the end of the file ("unexpected end of stream"); the author
//! needs the line where the quote opened.

/// The 1-based `(line, column)` and the quote character of a quoted value
/// still open at the end of `text`, if there is one. A quote opens a value
/// only where a value starts (after `key: `, `- `, `[`, `{` or `,`, or at the
/// start of a line), so an apostrophe inside plain text does not count.
pub fn unclosed(text: &str) -> Option<(usize, usize, char)> {
    let mut open: Option<(usize, usize, char)> = None;
    for (n, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        let mut value_start = open.is_none();
        while i < chars.len() {
            let ch = chars[i];
            match open {
                Some((_, _, '"')) => match ch {
                    '\\' => i += 1,
                    '"' => open = None,
                    _ => {}
                },
                Some((_, _, q)) => {
                    if ch == q {
                        if chars.get(i + 1) == Some(&q) {
                            i += 1; // '' is a quote inside a single-quoted value
                        } else {
                            open = None;
                        }
                    }
                }
                None => {
                    let after_space = i == 0 || chars[i - 1].is_whitespace();
                    if ch == '#' && after_space {
                        break; // a comment
                    }
                    if value_start && (ch == '"' || ch == '\'') {
                        open = Some((n + 1, i + 1, ch));
                    } else if matches!(ch, '[' | '{' | ',')
                        || (matches!(ch, ':' | '-') && chars.get(i + 1).is_none_or(|c| c.is_whitespace()))
                    {
                        value_start = true;
                    } else if !ch.is_whitespace() {
                        value_start = false;
                    }
                }
            }
            i += 1;
        }
    }
    open
}

#[cfg(test)]
mod tests {
    use super::unclosed;

    #[test]
    fn the_quote_that_is_never_closed_is_found_where_it_opens() {
        assert_eq!(unclosed("title: A\nsummary: \"B is\nlong\nimpact: high\n"), Some((2, 10, '"')));
        assert_eq!(unclosed("evidence:\n  - quote: 'It''s late\n    source: x\n"), Some((2, 12, '\'')));
        assert_eq!(unclosed("tags: [a, \"b]\n"), Some((1, 11, '"')));
    }

    #[test]
    fn closed_quotes_apostrophes_and_comments_are_not_counted() {
        assert_eq!(unclosed("title: \"A \\\" B\"\nsummary: 'It''s fine'\n"), None);
        assert_eq!(unclosed("title: Sanne's \"first\" invoice\n"), None);
        assert_eq!(unclosed("title: A # don't \"\nsummary: \"two\n  lines\"\n"), None);
    }
}
