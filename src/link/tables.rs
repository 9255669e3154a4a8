//! The CSV files: raw Kano answers and raw NPS scores, read row by row so
//! every bad row is reported with its line.

use std::collections::BTreeMap;

use crate::analysis::kano::{self, Answer};
use crate::diagnostics::{unknown_id_help, Diagnostic, Diagnostics};
use crate::load::{SourceFile, Sources};
use crate::model::kano::Tally;

/// A CSV file parsed into its header and rows with their 1-based line numbers.
struct Table {
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

fn read_table(file: &SourceFile, diags: &mut Diagnostics) -> Option<Table> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(true).from_reader(file.text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.to_ascii_lowercase()).collect(),
        Err(e) => {
            diags.push(
                Diagnostic::error(&file.rel, 1, 1, format!("cannot read the CSV header: {e}"))
                    .with_help("the first line names the columns, separated by commas"),
            );
            return None;
        }
    };
    let mut rows = Vec::new();
    for rec in reader.records() {
        match rec {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                if r.iter().all(str::is_empty) {
                    continue;
                }
                rows.push((line, r.iter().map(str::to_string).collect()));
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                diags.push(
                    Diagnostic::error(&file.rel, line, 1, format!("cannot read this CSV row: {e}"))
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
            Diagnostic::error(&file.rel, 1, 1, format!("the CSV has no `{name}` column"))
                .with_help(format!("the header row is: {}", table.header.join(","))),
        );
    }
    found
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
        for (line, row) in &table.rows {
            let get = |i: usize| row.get(i).map(String::as_str).unwrap_or("");
            let feature = get(fc);
            if !features.contains(&feature) {
                diags.push(
                    Diagnostic::error(
                        &file.rel,
                        *line,
                        1,
                        format!("unknown feature `{feature}` (not in {})", study.file.rel),
                    )
                    .with_help(unknown_id_help("feature", feature, features.iter().copied())),
                );
                continue;
            }
            let mut answers = [None, None];
            for (slot, (col, what)) in answers.iter_mut().zip([(func, "functional"), (dys, "dysfunctional")]) {
                let value = get(col);
                *slot = Answer::parse(value);
                if slot.is_none() {
                    diags.push(
                        Diagnostic::error(
                            &file.rel,
                            *line,
                            1,
                            format!("`{value}` is not a Kano answer ({what} column)"),
                        )
                        .with_help(format!("answers are {}", Answer::CHOICES)),
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
            for (line, row) in &table.rows {
                let value = row.get(col).map(String::as_str).unwrap_or("");
                match value.parse::<u8>() {
                    Ok(s) if s <= 10 => scores.push(s),
                    _ => diags.push(
                        Diagnostic::error(&file.rel, *line, 1, format!("`{value}` is not an NPS score"))
                            .with_help("scores are whole numbers from 0 to 10"),
                    ),
                }
            }
            out.insert((series.id.clone(), i), scores);
        }
    }
    out
}
