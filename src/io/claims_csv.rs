//! Claims as CSV (PRODUCT §7): one row per claim, for spreadsheets and
//! statistics, and back.
//!
//! Text cells that a spreadsheet would run as a formula are neutralised with
//! a leading `'`; a cell that already starts with `'` gets one more, so
//! import can always strip exactly one and get the text back.

use crate::model::{
    Claim, ClaimId, Credibility, Document, DocumentId, LabelId, Project, Quantity, Source,
    SourceId, Span, TextIndex, Verdict, admiralty, propose_missing, span,
};
use crate::progress::Progress;
use foldhash::{HashMap, HashMapExt, HashSet};
use rayon::prelude::*;

/// The columns, in the order they are written.
pub const CSV_COLUMNS: [&str; 23] = [
    "claim_id",
    "document_id",
    "document_title",
    "source_id",
    "source_name",
    "source_reliability",
    "start",
    "end",
    "quote",
    "label",
    "claimant",
    "subject",
    "attribute",
    "value",
    "value_min",
    "value_max",
    "unit",
    "as_of",
    "credibility",
    "admiralty",
    "verdict",
    "hedged",
    "note",
];

/// Columns that export writes but import ignores, because they are derived
/// from the project (a document's source, a value's interval).
const DERIVED_COLUMNS: [&str; 7] = [
    "document_title",
    "source_id",
    "source_name",
    "source_reliability",
    "value_min",
    "value_max",
    "admiralty",
];

/// Why claims could not be exported or imported.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("cannot write CSV: {0}")]
    Write(#[from] csv::Error),
    #[error("cannot write CSV: {0}")]
    Io(#[from] std::io::Error),
    /// A bad row, by the line of the file it starts on (the header is
    /// line 1; a cell with line breaks makes a row span several lines).
    #[error("line {line}: {message}")]
    Row { line: u64, message: String },
    #[error("header: {0}")]
    Header(String),
    #[error("export cancelled")]
    Cancelled,
    #[error(transparent)]
    Worker(#[from] crate::pool::WorkerFailed),
}

/// Writes every claim of the project as one CSV row, in project order.
pub fn export_claims<W: std::io::Write>(project: &Project, out: W) -> Result<(), CsvError> {
    export_claims_with(project, out, &Progress::default())
}

/// Exports like [`export_claims`], counting claims in `progress` and
/// stopping (with [`CsvError::Cancelled`]) when it is cancelled.
pub fn export_claims_with<W: std::io::Write>(
    project: &Project,
    out: W,
    progress: &Progress,
) -> Result<(), CsvError> {
    progress.stage("writing CSV", project.claims.len() as u64);
    let mut out = out;
    let mut header = csv_writer(Vec::new());
    header.write_record(CSV_COLUMNS)?;
    out.write_all(&header.into_inner().map_err(|e| e.into_error())?)?;
    // Look-ups built once: a linear search per claim would make exporting
    // 100,000 claims over 2,000 documents quadratic.
    let sources: HashMap<&SourceId, &Source> = project.sources.iter().map(|s| (&s.id, s)).collect();
    let documents: HashMap<&DocumentId, (&Document, Option<&Source>)> = project
        .documents
        .iter()
        .map(|d| (&d.id, (d, sources.get(&d.source).copied())))
        .collect();
    // Rows are independent: runs of claims are written on the pool's
    // threads into buffers, then copied out in order.
    let write_run = |claims: &[Claim]| -> Result<Vec<u8>, CsvError> {
        let mut writer = csv_writer(Vec::with_capacity(claims.len() * 256));
        for (n, claim) in claims.iter().enumerate() {
            if n % 1024 == 1023 {
                progress.go_on().map_err(|_| CsvError::Cancelled)?;
                progress.advance(1024);
            }
            let (document, source) = documents
                .get(&claim.document)
                .map_or((None, None), |&(d, s)| (Some(d), s));
            writer.write_record(claim_row(claim, document, source))?;
        }
        writer.into_inner().map_err(|e| e.into_error().into())
    };
    let runs: Vec<Result<Vec<u8>, CsvError>> = crate::pool::run("writing CSV", || {
        project
            .claims
            .par_chunks(ROWS_PER_RUN)
            .map(write_run)
            .collect()
    })?;
    for run in runs {
        out.write_all(&run?)?;
    }
    progress.finish_stage();
    out.flush()?;
    Ok(())
}

/// How many rows one task of the export writes: enough to dwarf the cost
/// of handing it to a thread, few enough that two cores share the work.
const ROWS_PER_RUN: usize = 4096;

/// A CSV writer with the file's conventions: `\n` line ends.
fn csv_writer<W: std::io::Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// The cells of one claim, in [`CSV_COLUMNS`] order.
fn claim_row(claim: &Claim, document: Option<&Document>, source: Option<&Source>) -> [String; 23] {
    let interval = claim.value.map(|q| q.interval());
    let bound = |b: Option<crate::model::Bound>| {
        b.and_then(|b| b.value())
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    let reliability = source.map(|s| s.reliability);
    [
        text_cell(claim.id.as_str()),
        text_cell(claim.document.as_str()),
        text_cell(document.map_or("", |d| d.title.as_str())),
        text_cell(source.map_or("", |s| s.id.as_str())),
        text_cell(source.map_or("", |s| s.name.as_str())),
        reliability.map(|r| r.to_string()).unwrap_or_default(),
        claim.start.to_string(),
        claim.end.to_string(),
        text_cell(&claim.quote),
        text_cell(claim.label.as_str()),
        text_cell(&claim.claimant),
        text_cell(&claim.subject),
        text_cell(&claim.attribute),
        claim.value.map(|q| q.to_string()).unwrap_or_default(),
        bound(interval.map(|i| i.low)),
        bound(interval.map(|i| i.high)),
        text_cell(&claim.unit),
        // A year before 1 is written with a sign, which a spreadsheet
        // would compute; the file may hold one though claimdesk never takes it.
        claim
            .as_of
            .map(|d| text_cell(&d.format("%Y-%m-%d").to_string()))
            .unwrap_or_default(),
        claim.credibility.to_string(),
        reliability
            .map(|r| admiralty(r, claim.credibility))
            .unwrap_or_default(),
        claim.verdict.id().to_owned(),
        claim.hedged.to_string(),
        text_cell(&claim.note),
    ]
}

/// Neutralises a text cell that a spreadsheet would run as a formula.
fn text_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The text a neutralised cell stands for.
fn untext_cell(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// How an import fills in what the rows leave out.
#[derive(Clone, Copy, Debug, Default)]
pub struct ImportOptions {
    /// Propose `value` and `unit` from each claim's quote where the row
    /// leaves them empty, as the workbench does for a span tagged by hand.
    pub propose_values: bool,
}

/// Reads claims from CSV against `project`. All or nothing: the first bad
/// row is reported by the line it starts on (the header is line 1) and no
/// claim is returned. The claims are not added; apply them as one edit.
pub fn import_claims(
    project: &Project,
    input: &[u8],
    author: &str,
) -> Result<Vec<Claim>, CsvError> {
    import_claims_with(project, input, author, ImportOptions::default())
}

/// Imports like [`import_claims`], filling in what `options` ask for.
pub fn import_claims_with(
    project: &Project,
    input: &[u8],
    author: &str,
    options: ImportOptions,
) -> Result<Vec<Claim>, CsvError> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| CsvError::Header(e.to_string()))?
        .clone();
    let columns = Columns::new(&headers)?;
    // Each document's text is indexed once, when a row first names it, so
    // that many claims on a long document do not each walk its text.
    let mut documents: HashMap<&DocumentId, TextIndex> = HashMap::new();
    let mut seen_ids: HashSet<ClaimId> = project.claims.iter().map(|c| c.id.clone()).collect();
    let mut claims = Vec::new();
    let mut last_start = None;
    for record in reader.records() {
        let record = record.map_err(|e| CsvError::Row {
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        let start = record.position().map_or((0, 0), |p| (p.line(), p.byte()));
        last_start = Some(start);
        let line = start.0;
        let bad = |message: String| CsvError::Row { line, message };
        if let Some((column, _)) = headers
            .iter()
            .zip(record.iter())
            .find(|(_, cell)| cell.contains('\0'))
        {
            return Err(bad(format!(
                "the cell of column '{column}' holds a NUL byte, which is not text"
            )));
        }
        let mut claim = columns
            .claim(project, &mut documents, &record, author)
            .map_err(bad)?;
        if options.propose_values {
            propose_missing(&mut claim);
        }
        if !seen_ids.insert(claim.id.clone()) {
            return Err(bad(format!("claim_id '{}' is already taken", claim.id)));
        }
        claims.push(claim);
    }
    // The csv crate reads a quote that is never closed as a cell running to
    // the end of the file; say so, rather than whatever that cell breaks.
    if let Some((line, byte)) = last_start
        && ends_in_open_quote(
            input
                .get(usize::try_from(byte).unwrap_or(usize::MAX)..)
                .unwrap_or(&[]),
        )
    {
        return Err(CsvError::Row {
            line,
            message: "a quote (\") opened in this row is never closed".into(),
        });
    }
    Ok(claims)
}

/// True when the last row, `row` (from its first byte to the end of the
/// file), leaves a quoted cell open: a `"` that starts a cell must be
/// closed by a lone `"`, and `""` inside it stands for one quote.
fn ends_in_open_quote(row: &[u8]) -> bool {
    let mut quoted = false;
    let mut cell_start = true;
    let mut bytes = row.iter().peekable();
    while let Some(&byte) = bytes.next() {
        match (quoted, byte) {
            (false, b'"') if cell_start => quoted = true,
            (true, b'"') if bytes.peek() == Some(&&b'"') => {
                bytes.next();
            }
            (true, b'"') => quoted = false,
            (false, b',' | b'\n' | b'\r') => {
                cell_start = true;
                continue;
            }
            _ => {}
        }
        cell_start = false;
    }
    quoted
}

/// Where each known column sits in the file.
struct Columns(HashMap<&'static str, usize>);

impl Columns {
    fn new(headers: &csv::StringRecord) -> Result<Self, CsvError> {
        let mut positions = HashMap::new();
        for (index, name) in headers.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}');
            let known = CSV_COLUMNS
                .iter()
                .find(|&&c| c == name)
                .ok_or_else(|| CsvError::Header(format!("unknown column '{name}'")))?;
            if positions.insert(*known, index).is_some() {
                return Err(CsvError::Header(format!("column '{name}' appears twice")));
            }
        }
        if !positions.contains_key("document_id") {
            return Err(CsvError::Header(
                "the column 'document_id' is required".into(),
            ));
        }
        let has_span = positions.contains_key("start") && positions.contains_key("end");
        if !has_span && !positions.contains_key("quote") {
            return Err(CsvError::Header(
                "give either the columns 'start' and 'end' or the column 'quote'".into(),
            ));
        }
        Ok(Self(positions))
    }

    /// The cell of `column`, un-neutralised and trimmed of nothing; empty
    /// when the column is absent.
    fn get<'r>(&self, record: &'r csv::StringRecord, column: &str) -> &'r str {
        let cell = self
            .0
            .get(column)
            .and_then(|&i| record.get(i))
            .unwrap_or("");
        if DERIVED_COLUMNS.contains(&column) {
            cell
        } else {
            untext_cell(cell)
        }
    }

    fn claim<'p>(
        &self,
        project: &'p Project,
        documents: &mut HashMap<&'p DocumentId, TextIndex<'p>>,
        record: &csv::StringRecord,
        author: &str,
    ) -> Result<Claim, String> {
        let document_id = DocumentId::from(self.get(record, "document_id"));
        if !documents.contains_key(&document_id) {
            let document = project
                .documents
                .iter()
                .find(|d| d.id == document_id)
                .ok_or_else(|| format!("document_id '{document_id}' is not in the project"))?;
            documents.insert(&document.id, TextIndex::new(&document.text));
        }
        let document = &documents[&document_id];
        let quote = self.get(record, "quote");
        let span = self.span(record, document.text(), quote)?;
        let anchor = document.anchor(span).map_err(|e| e.to_string())?;
        if !quote.is_empty() && anchor.quote != quote {
            return Err(format!(
                "the quote '{quote}' is not the text at {}..{}, which reads '{}'",
                span.start, span.end, anchor.quote
            ));
        }
        let label = match self.get(record, "label") {
            "" => project
                .labels
                .first()
                .map(|l| l.id.clone())
                .ok_or("the project has no labels")?,
            id => {
                let id = LabelId::from(id);
                project
                    .label(&id)
                    .ok_or_else(|| format!("label '{id}' is not in the project"))?;
                id
            }
        };
        let mut claim = Claim::new(document_id, anchor, label, author);
        let id = self.get(record, "claim_id").trim();
        if !id.is_empty() {
            claim.id = ClaimId::from(id);
        }
        claim.claimant = self.get(record, "claimant").to_owned();
        claim.subject = self.get(record, "subject").to_owned();
        claim.attribute = self.get(record, "attribute").to_owned();
        claim.unit = self.get(record, "unit").to_owned();
        claim.note = self.get(record, "note").to_owned();
        claim.value = optional(self.get(record, "value"), |v| {
            v.parse::<Quantity>().map_err(|e| format!("value: {e}"))
        })?;
        claim.as_of = optional(self.get(record, "as_of"), |d| {
            crate::model::time::parse_date(d).map_err(|e| format!("as_of: {e}"))
        })?;
        claim.credibility = optional(self.get(record, "credibility"), |c| {
            c.parse::<Credibility>().map_err(|e| e.to_string())
        })?
        .unwrap_or_default();
        claim.verdict = optional(self.get(record, "verdict"), |v| {
            v.parse::<Verdict>().map_err(|e| e.to_string())
        })?
        .unwrap_or_default();
        claim.hedged = optional(self.get(record, "hedged"), |h| {
            match h.to_ascii_lowercase().as_str() {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(format!("hedged '{h}' is neither true nor false")),
            }
        })?
        .unwrap_or(false);
        Ok(claim)
    }

    /// The span from `start`/`end`, or else from the one place the quote occurs.
    fn span(&self, record: &csv::StringRecord, text: &str, quote: &str) -> Result<Span, String> {
        let (start, end) = (self.get(record, "start"), self.get(record, "end"));
        if !start.is_empty() || !end.is_empty() {
            let number = |name: &str, cell: &str| {
                cell.trim()
                    .parse::<usize>()
                    .map_err(|_| format!("{name} '{cell}' is not a whole number of characters"))
            };
            return Ok(Span::new(number("start", start)?, number("end", end)?));
        }
        if quote.is_empty() {
            return Err("give start and end, or a quote".into());
        }
        match span::find_all(text, quote).as_slice() {
            [] => Err(format!("the quote '{quote}' is not in the document")),
            [only] => Ok(*only),
            many => Err(format!(
                "the quote '{quote}' occurs {} times in the document; give start and end",
                many.len()
            )),
        }
    }
}

/// Parses a cell that may be empty.
fn optional<T>(cell: &str, parse: impl Fn(&str) -> Result<T, String>) -> Result<Option<T>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        Ok(None)
    } else {
        parse(cell).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_written_on_threads_come_out_in_project_order() {
        let project = crate::synth::generate(20, 9_000, 4);
        let mut out = Vec::new();
        export_claims(&project, &mut out).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let ids: Vec<String> = reader
            .records()
            .map(|row| row.unwrap()[0].to_owned())
            .collect();
        let expected: Vec<&str> = project.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, expected);
    }

    #[test]
    fn proposing_values_fills_only_what_a_row_leaves_empty() {
        let project = crate::io::parse_project(include_str!("../../projects/belgorod-strike.ron"))
            .expect("the sample project parses");
        let csv = "document_id,quote,value,unit\n\
            002_b17bde02f82c6ff1,at least seven people were injured,,\n\
            002_b17bde02f82c6ff1,14 adults and two children dead,16,\n\
            002_b17bde02f82c6ff1,158 missiles and drones,158,\n\
            003_2347387b37756910,injuring 21 people,,victims\n\
            004_b01ad7ff62b9003e,left over 160 more injured,,\n";
        let values = |options| {
            import_claims_with(&project, csv.as_bytes(), "me", options)
                .unwrap()
                .into_iter()
                .map(|c| (c.value.map(|v| v.to_string()), c.unit))
                .collect::<Vec<_>>()
        };
        let some = |v: &str, unit: &str| (Some(v.to_owned()), unit.to_owned());
        let none = |unit: &str| (None, unit.to_owned());
        assert_eq!(
            values(ImportOptions {
                propose_values: true
            }),
            [
                some(">=7", "people"),
                some("16", ""),
                some("158", "missiles"),
                none("victims"),
                some(">160", "people"),
            ]
        );
        assert_eq!(
            values(ImportOptions::default()),
            [
                none(""),
                some("16", ""),
                some("158", ""),
                none("victims"),
                none("")
            ],
            "nothing is proposed unless asked for"
        );
    }

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for text in [
            "=SUM(A1)", "+1", "-5 dead", "@x", "\tx", "'quoted", "''", "plain",
        ] {
            assert_eq!(untext_cell(&text_cell(text)), text);
            assert!(!text_cell(text).starts_with(['=', '+', '-', '@', '\t', '\r']));
        }
    }
}
