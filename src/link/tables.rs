//! The CSV files: raw Kano answers and raw NPS scores, read row by row so
//! every bad row is reported with its line.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostics::{did_you_mean, unknown_id_help, Code, Diagnostic, Diagnostics};
use crate::load::Sources;
use crate::model::kano::{self, Answer, Tally};
use crate::model::SourceFile;

/// A CSV file parsed into its header and rows.
struct Table {
    header: Vec<String>,
    rows: Vec<Row>,
}

/// One data row: where it starts in the file, and its fields (trimmed).
struct Row {
    /// 1-based line of the row's first character.
    line: usize,
    /// Byte offset of the row's first character.
    byte: usize,
    fields: Vec<String>,
}

impl Row {
    fn get(&self, i: usize) -> &str {
        self.fields.get(i).map(String::as_str).unwrap_or("")
    }

    /// The 1-based `(line, column)` where field `index` starts in `text`,
    /// after the spaces that trimming dropped.
    fn pos(&self, text: &str, index: usize) -> (usize, usize) {
        let (mut line, mut col, mut field, mut quoted) = (self.line, 1, 0, false);
        for ch in text.get(self.byte..).unwrap_or("").chars() {
            if field == index && !(ch == ' ' || ch == '\t') {
                break;
            }
            match ch {
                '"' => quoted = !quoted,
                ',' if !quoted => field += 1,
                '\n' | '\r' if !quoted => break,
                '\n' => {
                    line += 1;
                    col = 0;
                }
                _ => {}
            }
            col += 1;
        }
        (line, col)
    }
}

/// The byte offset of a record's first character. The csv crate's position
/// is where reading it began, before the blank lines it skipped.
fn row_start(text: &str, at: &csv::Position) -> usize {
    let at = at.byte() as usize;
    at + text.get(at..).map_or(0, |t| t.len() - t.trim_start_matches(['\r', '\n']).len())
}

fn read_table(file: &SourceFile, diags: &mut Diagnostics) -> Option<Table> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(true).from_reader(file.text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.to_ascii_lowercase()).collect(),
        Err(e) => {
            diags.push(
                Diagnostic::error(Code::BadCsv, &file.rel, 1, 1, format!("cannot read the CSV header: {e}"))
                    .with_help("the first line names the columns, separated by commas"),
            );
            return None;
        }
    };
    let mut rows = Vec::new();
    // The line of a byte offset, counted forward from the last one asked for:
    // the csv crate's own line number does not count blank lines or CRLF
    // line ends (a bad score after a blank line was reported a line early).
    let mut counted = (0, 1);
    let mut line_at = |byte: usize| {
        let (from, line) = counted;
        let upto = byte.clamp(from, file.text.len());
        let line = line + file.text.as_bytes()[from..upto].iter().filter(|&&b| b == b'\n').count();
        counted = (upto, line);
        line
    };
    for rec in reader.records() {
        match rec {
            Ok(r) => {
                let byte = r.position().map_or(0, |p| row_start(&file.text, p));
                if r.iter().all(str::is_empty) {
                    continue;
                }
                let row = Row { line: line_at(byte), byte, fields: r.iter().map(str::to_string).collect() };
                // No answer, id or score holds a line break: a quote was left open, and
                // the rest of the file (up to the next quote) became this one value.
                if let Some(at) = row.fields.iter().position(|f| f.contains('\n')) {
                    let (l, c) = row.pos(&file.text, at);
                    diags.push(
                        Diagnostic::error(Code::BadCsv, &file.rel, l, c, "this value's opening `\"` is never closed")
                            .with_help("close the quote on this line, or remove it (the rows after it were read as part of this value)"),
                    );
                    continue;
                }
                rows.push(row);
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| line_at(row_start(&file.text, p)));
                diags.push(
                    Diagnostic::error(Code::BadCsv, &file.rel, line, 1, format!("cannot read this CSV row: {e}"))
                        .with_help("check quotes and commas on this line"),
                );
            }
        }
    }
    Some(Table { header, rows })
}

/// A CSV written with `;` between its columns (as a spreadsheet does in
/// many European languages) is one error, not one per missing column.
fn semicolons(table: &Table, file: &SourceFile, diags: &mut Diagnostics) -> bool {
    let one_column = table.header.len() == 1 && table.header[0].contains(';');
    if one_column {
        diags.push(
            Diagnostic::error(Code::BadCsv, &file.rel, 1, 1, "the columns are separated by `;`, not by commas")
                .with_help("save the file as CSV with commas (in a spreadsheet: CSV UTF-8, comma-delimited), or replace each `;` by `,`"),
        );
    }
    one_column
}

/// A value as a message shows it: at most 40 characters (an unclosed quote
/// makes a field of the rest of the file).
fn shortened(value: &str) -> String {
    match value.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &value[..at]),
        None => value.to_string(),
    }
}

fn column(table: &Table, file: &SourceFile, name: &str, diags: &mut Diagnostics) -> Option<usize> {
    let found = table.header.iter().position(|h| h == name);
    if found.is_none() {
        diags.push(
            Diagnostic::error(Code::BadCsv, &file.rel, 1, 1, format!("the CSV has no `{name}` column"))
                .with_help(format!("the header row is: {}", table.header.join(","))),
        );
    }
    found
}

/// Kano tallies per (study, feature) and NPS scores per (series, measurement).
pub(crate) type Tables = (BTreeMap<(String, String), Tally>, BTreeMap<(String, usize), Vec<u8>>);

/// The tables of the last link (by `serve`), with the files they were read
/// from and the problems found in them.
#[derive(Default)]
pub struct TableCache(std::sync::Mutex<Option<ReadTables>>);

/// The files tables were read from, the tables and the problems found in them.
type ReadTables = (Vec<Arc<SourceFile>>, Tables, Vec<Diagnostic>);

/// [`kano_responses`] and [`nps_scores`], taken from `cache` when no Kano
/// study, NPS series or table file changed since they were read (at 10k
/// insights the CSV files are some 15 ms of every save in `serve`).
pub(crate) fn read_cached(sources: &Sources, cache: Option<&TableCache>, diags: &mut Diagnostics) -> Tables {
    let inputs: Vec<Arc<SourceFile>> = (sources.kano.iter().map(|k| k.file.clone()))
        .chain(sources.nps.iter().map(|n| n.file.clone()))
        .chain(sources.tables.values().cloned())
        .collect();
    // Table files are read again on every load: compared by their text.
    let same_file =
        |a: &Arc<SourceFile>, b: &Arc<SourceFile>| Arc::ptr_eq(a, b) || (a.rel == b.rel && a.text == b.text);
    let same =
        |old: &[Arc<SourceFile>]| old.len() == inputs.len() && old.iter().zip(&inputs).all(|(a, b)| same_file(a, b));
    let kept = cache.and_then(|c| c.0.lock().ok());
    if let Some((_, tables, found)) = kept.as_deref().and_then(|k| k.as_ref()).filter(|(old, _, _)| same(old)) {
        diags.extend(found.iter().cloned());
        return tables.clone();
    }
    drop(kept);
    let mut found = Diagnostics::default();
    let tables = (kano_responses(sources, &mut found), nps_scores(sources, &mut found));
    let found = found.sorted();
    diags.extend(found.iter().cloned());
    if let Some(mut slot) = cache.and_then(|c| c.0.lock().ok()) {
        *slot = Some((inputs, tables.clone(), found));
    }
    tables
}

/// Tallies per (study, feature) from each study's `responses` CSV.
pub(crate) fn kano_responses(sources: &Sources, diags: &mut Diagnostics) -> BTreeMap<(String, String), Tally> {
    let mut out = BTreeMap::new();
    for study in &sources.kano {
        let Some(path) = &study.data.responses else {
            continue;
        };
        let Some(file) = sources.tables.get(path) else {
            continue;
        };
        let Some(table) = read_table(file, diags) else {
            continue;
        };
        if semicolons(&table, file, diags) {
            continue;
        }
        let cols: Vec<Option<usize>> = ["respondent", "feature", "functional", "dysfunctional"]
            .iter()
            .map(|c| column(&table, file, c, diags))
            .collect();
        let [Some(_), Some(fc), Some(func), Some(dys)] = cols[..] else {
            continue;
        };
        let features: Vec<&str> = study.data.features.iter().map(|f| f.id.as_str()).collect();
        // One error per unknown feature, at its first row, not one per row.
        let mut unknown: Vec<(&str, (usize, usize), usize)> = Vec::new();
        for row in &table.rows {
            let feature = row.get(fc);
            if !features.contains(&feature) {
                match unknown.iter_mut().find(|(f, _, _)| *f == feature) {
                    Some((_, _, rows)) => *rows += 1,
                    None => unknown.push((feature, row.pos(&file.text, fc), 1)),
                }
                continue;
            }
            let mut answers = [None, None];
            for (slot, (col, what)) in answers.iter_mut().zip([(func, "functional"), (dys, "dysfunctional")]) {
                let value = row.get(col);
                *slot = Answer::parse(value);
                if slot.is_none() {
                    let (l, c) = row.pos(&file.text, col);
                    diags.push(
                        Diagnostic::error(
                            Code::KanoData,
                            &file.rel,
                            l,
                            c,
                            format!("`{}` is not a Kano answer ({what} column)", shortened(value)),
                        )
                        .with_help(answer_help(value)),
                    );
                }
            }
            if let [Some(f), Some(d)] = answers {
                let tally = out.entry((study.id.clone(), feature.to_string())).or_insert_with(Tally::default);
                kano::add(tally, kano::evaluate(f, d));
            }
        }
        for (feature, (l, c), rows) in unknown {
            let message = match rows {
                1 => format!("unknown feature `{}` (not in {})", shortened(feature), study.file.rel),
                n => format!("unknown feature `{}` (not in {}), in {n} rows", shortened(feature), study.file.rel),
            };
            // A close id may be the one misspelt, in the study rather than in the CSV.
            let help = match did_you_mean(feature, features.iter().copied()) {
                Some(close) => format!(
                    "did you mean `{close}`? If the CSV is right, the feature's id in {} is misspelt",
                    study.file.rel
                ),
                None => unknown_id_help("feature", feature, features.iter().copied()),
            };
            diags.push(Diagnostic::error(Code::UnknownRef, &file.rel, l, c, message).with_help(help));
        }
    }
    out
}

/// The `help:` for a value that is not a Kano answer: the answer it is
/// probably meant to be, and the spellings there are.
fn answer_help(value: &str) -> String {
    let lower = value.trim().to_ascii_lowercase();
    let words = Answer::SPELLINGS.iter().map(|(s, _)| *s).filter(|s| !s.starts_with(|c: char| c.is_ascii_digit()));
    match did_you_mean(&lower, words) {
        Some(close) => format!("did you mean `{close}`? answers are {}", Answer::CHOICES),
        None => format!("answers are {}", Answer::CHOICES),
    }
}

/// Raw scores per (series, measurement index) from `scores` CSVs.
pub(crate) fn nps_scores(sources: &Sources, diags: &mut Diagnostics) -> BTreeMap<(String, usize), Vec<u8>> {
    let mut out = BTreeMap::new();
    for series in &sources.nps {
        for (i, m) in series.data.measurements.iter().enumerate() {
            let Some(path) = &m.scores else { continue };
            let Some(file) = sources.tables.get(path) else {
                continue;
            };
            let Some(table) = read_table(file, diags) else {
                continue;
            };
            let Some(col) = column(&table, file, "score", diags) else {
                continue;
            };
            let mut scores = Vec::with_capacity(table.rows.len());
            let mut bad = false;
            for row in &table.rows {
                let value = row.get(col);
                match value.parse::<u8>() {
                    Ok(s) if s <= 10 => scores.push(s),
                    _ => {
                        bad = true;
                        let (l, c) = row.pos(&file.text, col);
                        diags.push(
                            Diagnostic::error(
                                Code::NpsData,
                                &file.rel,
                                l,
                                c,
                                format!("`{}` is not an NPS score", shortened(value)),
                            )
                            .with_help("scores are whole numbers from 0 to 10"),
                        )
                    }
                }
            }
            // No scores because every one was wrong: those errors say so ("has no scores" would repeat them).
            if !(bad && scores.is_empty()) {
                out.insert((series.id.clone(), i), scores);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_by_column_through_spaces_and_quotes() {
        let text = "a,b,c\nr1, \"x,y\" ,  likes\n";
        let row = Row { line: 2, byte: 6, fields: vec![] };
        assert_eq!(row.pos(text, 0), (2, 1));
        assert_eq!(row.pos(text, 1), (2, 5));
        assert_eq!(row.pos(text, 2), (2, 14));
    }

    /// The (line, column) of the last field of each data row of `text`.
    fn last_fields(text: &str) -> Vec<(usize, usize)> {
        let file = SourceFile { rel: "t.csv".into(), text: text.into() };
        let table = read_table(&file, &mut Diagnostics::default()).expect("a table");
        table.rows.iter().map(|r| r.pos(text, r.fields.len() - 1)).collect()
    }

    #[test]
    fn rows_are_found_on_their_line_after_blank_lines_and_with_crlf() {
        // Counted by hand: the header is line 1.
        assert_eq!(last_fields("score\n8\n\n12\n"), [(2, 1), (4, 1)]);
        assert_eq!(last_fields("score\n8\n\n\n\n12\n"), [(2, 1), (6, 1)]);
        assert_eq!(last_fields("score\r\n8\r\n9\r\n13\r\n"), [(2, 1), (3, 1), (4, 1)]);
        assert_eq!(last_fields("r,f\r\na, x\r\n\r\nb,\"y, z\"\r\nc,w\r\n"), [(2, 4), (4, 3), (5, 3)]);
        // A quoted value over two lines is a quote left open: an error where it opens, the row left out.
        let text = "r,f\na,x\nb,\"y\nz\"\nc,w\n";
        let mut diags = Diagnostics::default();
        let table = read_table(&SourceFile { rel: "t.csv".into(), text: text.into() }, &mut diags);
        assert_eq!(table.map(|t| t.rows.len()), Some(2));
        let found = diags.sorted();
        assert_eq!((found.len(), found[0].line, found[0].col), (1, 3, 3), "{found:?}");
    }

    #[test]
    fn a_near_answer_gets_a_suggestion() {
        assert!(answer_help("likes").starts_with("did you mean `like`?"), "{}", answer_help("likes"));
        assert!(answer_help("Dislkie").starts_with("did you mean `dislike`?"));
        assert!(answer_help("maybe").starts_with("answers are"), "{}", answer_help("maybe"));
    }
}
