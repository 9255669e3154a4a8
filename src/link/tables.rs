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
                '\n' if !quoted => break,
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
    for rec in reader.records() {
        match rec {
            Ok(r) => {
                let (line, byte) = r.position().map_or((0, 0), |p| (p.line() as usize, p.byte() as usize));
                if r.iter().all(str::is_empty) {
                    continue;
                }
                rows.push(Row { line, byte, fields: r.iter().map(str::to_string).collect() });
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                diags.push(
                    Diagnostic::error(Code::BadCsv, &file.rel, line, 1, format!("cannot read this CSV row: {e}"))
                        .with_help("check quotes and commas on this line"),
                );
            }
        }
    }
    Some(Table { header, rows })
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
        let cols: Vec<Option<usize>> = ["respondent", "feature", "functional", "dysfunctional"]
            .iter()
            .map(|c| column(&table, file, c, diags))
            .collect();
        let [Some(_), Some(fc), Some(func), Some(dys)] = cols[..] else {
            continue;
        };
        let features: Vec<&str> = study.data.features.iter().map(|f| f.id.as_str()).collect();
        for row in &table.rows {
            let feature = row.get(fc);
            if !features.contains(&feature) {
                let (l, c) = row.pos(&file.text, fc);
                diags.push(
                    Diagnostic::error(
                        Code::UnknownRef,
                        &file.rel,
                        l,
                        c,
                        format!("unknown feature `{feature}` (not in {})", study.file.rel),
                    )
                    .with_help(unknown_id_help("feature", feature, features.iter().copied())),
                );
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
                            format!("`{value}` is not a Kano answer ({what} column)"),
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
            for row in &table.rows {
                let value = row.get(col);
                match value.parse::<u8>() {
                    Ok(s) if s <= 10 => scores.push(s),
                    _ => {
                        let (l, c) = row.pos(&file.text, col);
                        diags.push(
                            Diagnostic::error(Code::NpsData, &file.rel, l, c, format!("`{value}` is not an NPS score"))
                                .with_help("scores are whole numbers from 0 to 10"),
                        )
                    }
                }
            }
            out.insert((series.id.clone(), i), scores);
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

    #[test]
    fn a_near_answer_gets_a_suggestion() {
        assert!(answer_help("likes").starts_with("did you mean `like`?"), "{}", answer_help("likes"));
        assert!(answer_help("Dislkie").starts_with("did you mean `dislike`?"));
        assert!(answer_help("maybe").starts_with("answers are"), "{}", answer_help("maybe"));
    }
}
