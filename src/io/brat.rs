//! Claims as brat standoff, the NLP corpora's format: per document a
//! `DOC.txt` holding its text and a `DOC.ann` holding its claims, and an
//! `annotation.conf` declaring the types, so that brat itself opens the
//! folder.
//!
//! A claim is a `T` line (its label as the type, code point offsets, as
//! brat counts), `A` lines for its credibility, verdict and hedging, and a
//! `#` AnnotatorNotes line holding its other fields (claimant, subject,
//! attribute, value, unit, as_of, note and its id) as one line of JSON.

use crate::edit::Edit;
use crate::model::{
    Claim, ClaimId, Credibility, Document, DocumentId, Project, Source, Span, TextIndex, Verdict,
};
use foldhash::HashSet;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The source of documents a brat folder brings that the project lacks.
pub const IMPORTED_SOURCE: &str = "Imported from brat";

/// Why a brat folder could not be written or read; nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum BratError {
    #[error("{path}: {cause}")]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("{0}: no .ann files with their .txt beside them")]
    Empty(PathBuf),
}

/// The other fields of a claim, as its AnnotatorNotes line holds them.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct Notes {
    #[serde(skip_serializing_if = "String::is_empty")]
    id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    claimant: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    subject: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    attribute: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    value: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    unit: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    as_of: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    note: String,
}

/// A file name for a document id: the id, with what a file name cannot
/// hold replaced.
fn file_stem(id: &DocumentId) -> String {
    id.as_str()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect()
}

/// The span's fragments without line ends, as brat wants them: a quote
/// that runs over a line end becomes `start end;start end`.
fn fragments(text: &TextIndex, span: Span) -> Vec<Span> {
    let Ok(quote) = text.slice(span) else {
        return vec![span];
    };
    let mut out = Vec::new();
    let mut start = span.start;
    for (n, c) in quote.chars().enumerate() {
        let at = span.start + n;
        if c == '\n' || c == '\r' {
            if at > start {
                out.push(Span::new(start, at));
            }
            start = at + 1;
        }
    }
    if span.end > start {
        out.push(Span::new(start, span.end));
    }
    if out.is_empty() {
        out.push(span);
    }
    out
}

/// One document's `.ann` text.
fn ann(project: &Project, document: &Document) -> String {
    let index = TextIndex::new(&document.text);
    let mut out = String::new();
    let (mut t, mut a, mut notes) = (0, 0, 0);
    for claim in project.claims_in(&document.id) {
        t += 1;
        let parts = fragments(&index, claim.span());
        let offsets: Vec<String> = parts
            .iter()
            .map(|s| format!("{} {}", s.start, s.end))
            .collect();
        let words: Vec<&str> = parts.iter().filter_map(|s| index.slice(*s).ok()).collect();
        let _ = writeln!(
            out,
            "T{t}\t{} {}\t{}",
            claim.label,
            offsets.join(";"),
            words.join(" ")
        );
        a += 1;
        let _ = writeln!(out, "A{a}\tCredibility T{t} {}", claim.credibility.number());
        a += 1;
        let _ = writeln!(out, "A{a}\tVerdict T{t} {}", claim.verdict.id());
        if claim.hedged {
            a += 1;
            let _ = writeln!(out, "A{a}\tHedged T{t}");
        }
        let fields = Notes {
            id: claim.id.to_string(),
            claimant: claim.claimant.clone(),
            subject: claim.subject.clone(),
            attribute: claim.attribute.clone(),
            value: claim
                .value
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            unit: claim.unit.clone(),
            as_of: claim.as_of.map(|d| d.to_string()).unwrap_or_default(),
            note: claim.note.clone(),
        };
        notes += 1;
        let json = serde_json::to_string(&fields).unwrap_or_default();
        let _ = writeln!(out, "#{notes}\tAnnotatorNotes T{t}\t{json}");
    }
    out
}

/// `annotation.conf`: the project's labels as entity types, and the
/// attributes claimdesk writes.
fn conf(project: &Project) -> String {
    let mut out = String::from("[entities]\n");
    for label in &project.labels {
        let _ = writeln!(out, "{}", label.id);
    }
    out.push_str("\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    out.push_str("\n[events]\n\n[attributes]\n");
    out.push_str("Credibility\tArg:<ENTITY>, Value:1|2|3|4|5|6\n");
    let verdicts: Vec<&str> = Verdict::ALL.iter().map(|v| v.id()).collect();
    let _ = writeln!(out, "Verdict\tArg:<ENTITY>, Value:{}", verdicts.join("|"));
    out.push_str("Hedged\tArg:<ENTITY>\n");
    out
}

/// Writes `dir/DOC.txt` and `dir/DOC.ann` per document and
/// `dir/annotation.conf`; returns how many documents.
pub fn export_brat(project: &Project, dir: &Path) -> Result<usize, BratError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |cause| BratError::Io { path, cause }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    for document in &project.documents {
        let stem = file_stem(&document.id);
        let txt = dir.join(format!("{stem}.txt"));
        std::fs::write(&txt, &document.text).map_err(io(&txt))?;
        let ann_path = dir.join(format!("{stem}.ann"));
        std::fs::write(&ann_path, ann(project, document)).map_err(io(&ann_path))?;
    }
    let conf_path = dir.join("annotation.conf");
    std::fs::write(&conf_path, conf(project)).map_err(io(&conf_path))?;
    Ok(project.documents.len())
}

/// What a brat folder brings: one edit adding its documents (and their
/// source) and claims, and how many claims the project already had.
pub struct Imported {
    pub edit: Edit,
    pub documents: usize,
    pub claims: usize,
    pub skipped: usize,
}

/// Reads a brat folder's `.txt`/`.ann` pairs as documents (id = file stem;
/// added when the project lacks them, refused when their text differs)
/// and claims, all or none. A discontinuous span becomes one claim over
/// its fragments, with a note saying so.
pub fn import_brat(project: &Project, dir: &Path, author: &str) -> Result<Imported, BratError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |cause| BratError::Io { path, cause }
    };
    let mut anns: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ann") && p.with_extension("txt").is_file())
        .collect();
    anns.sort();
    if anns.is_empty() {
        return Err(BratError::Empty(dir.to_owned()));
    }
    let mut edits = Vec::new();
    let mut source_id = project.source_named(IMPORTED_SOURCE).map(|s| s.id.clone());
    let mut taken: HashSet<String> = project.claims.iter().map(|c| c.id.to_string()).collect();
    let (mut documents, mut claims, mut skipped) = (0, Vec::new(), 0);
    for ann_path in &anns {
        let txt_path = ann_path.with_extension("txt");
        // Never more than a document may hold, whatever the folder holds.
        let bytes = read_limited(&txt_path)?;
        let text = String::from_utf8(bytes).map_err(|e| BratError::File {
            path: txt_path.clone(),
            message: format!("not UTF-8: {e}"),
        })?;
        let stem = ann_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = DocumentId::from(stem.as_str());
        let document = match project.document(&id) {
            Some(document) if document.text == text => document.clone(),
            Some(_) => {
                return Err(BratError::File {
                    path: txt_path,
                    message: format!("its text differs from document '{id}' of the project"),
                });
            }
            None => {
                let source = match &source_id {
                    Some(source) => source.clone(),
                    None => {
                        let source = Source::new(IMPORTED_SOURCE);
                        let id = source.id.clone();
                        edits.push(Edit::add_source(source));
                        source_id = Some(id.clone());
                        id
                    }
                };
                let title = crate::io::documents::propose_title(&text);
                let document = Document::new(id.clone(), &title, source, text);
                if let Err(problem) = crate::model::project::check_document_text(&document.text) {
                    return Err(BratError::File {
                        path: txt_path,
                        message: problem,
                    });
                }
                edits.push(Edit::add_document(document.clone()));
                documents += 1;
                document
            }
        };
        let content = String::from_utf8(read_limited(ann_path)?).map_err(|e| BratError::File {
            path: ann_path.clone(),
            message: format!("not UTF-8: {e}"),
        })?;
        let read = read_ann(project, &document, &content, author).map_err(|(line, message)| {
            BratError::Line {
                path: ann_path.clone(),
                line,
                message,
            }
        })?;
        for (line, claim) in read {
            if !taken.insert(claim.id.to_string()) {
                if project.claim(&claim.id).is_some() {
                    skipped += 1;
                    continue;
                }
                return Err(BratError::Line {
                    path: ann_path.clone(),
                    line,
                    message: format!("claim id '{}' comes twice", claim.id),
                });
            }
            claims.push(claim);
        }
    }
    let count = claims.len();
    edits.extend(claims.into_iter().map(Edit::add_claim));
    Ok(Imported {
        edit: Edit::Batch(edits),
        documents,
        claims: count,
        skipped,
    })
}

/// A file of the folder, refused past the size of a document.
fn read_limited(path: &Path) -> Result<Vec<u8>, BratError> {
    crate::io::read_limited(path, crate::model::MAX_DOCUMENT_BYTES as u64).map_err(|e| {
        BratError::File {
            path: path.to_owned(),
            message: e.to_string(),
        }
    })
}

/// The claims of one `.ann` text, each with its `T` line's number; an
/// error is a line number and what is wrong there.
fn read_ann(
    project: &Project,
    document: &Document,
    content: &str,
    author: &str,
) -> Result<Vec<(usize, Claim)>, (usize, String)> {
    let index = TextIndex::new(&document.text);
    let mut claims: Vec<(String, usize, Claim)> = Vec::new();
    let find = |claims: &mut Vec<(String, usize, Claim)>, id: &str| {
        claims.iter().position(|(t, _, _)| t == id)
    };
    for (n, line) in content.lines().enumerate() {
        let number = n + 1;
        let bad = |message: String| (number, message);
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let (id, body, rest) = (
            fields.next().unwrap_or_default(),
            fields.next().unwrap_or_default(),
            fields.next(),
        );
        match id.chars().next() {
            Some('T') => {
                let (kind, offsets) = body
                    .split_once(' ')
                    .ok_or_else(|| bad(format!("'{body}' is not 'TYPE START END'")))?;
                let label = project
                    .labels
                    .iter()
                    .find(|l| l.id.as_str() == kind || l.name == kind)
                    .map(|l| l.id.clone())
                    .ok_or_else(|| bad(format!("type '{kind}' is no label of the project")))?;
                let mut parts = Vec::new();
                for part in offsets.split(';') {
                    let numbers: Vec<usize> = part
                        .split_whitespace()
                        .map(str::parse)
                        .collect::<Result<_, _>>()
                        .map_err(|_| bad(format!("'{part}' is not 'START END'")))?;
                    let [start, end] = numbers[..] else {
                        return Err(bad(format!("'{part}' is not 'START END'")));
                    };
                    parts.push(Span::new(start, end));
                }
                let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
                    return Err(bad("a span without offsets".into()));
                };
                let span = Span::new(first.start, last.end);
                let anchor = index.anchor(span).map_err(|e| bad(e.to_string()))?;
                let words: Vec<&str> = parts
                    .iter()
                    .map(|s| index.slice(*s).map_err(|e| bad(e.to_string())))
                    .collect::<Result<_, _>>()?;
                if let Some(text) = rest
                    && text != words.join(" ")
                {
                    return Err(bad(format!(
                        "its text '{}' is not the words at its offsets",
                        crate::model::shorten(text, 40)
                    )));
                }
                let mut claim = Claim::new(document.id.clone(), anchor, label, author);
                if parts.len() > 1 {
                    claim.note = format!(
                        "Imported from brat as {} discontinuous fragments ({offsets}); the claim covers them and what lies between.",
                        parts.len()
                    );
                }
                claims.push((id.to_owned(), number, claim));
            }
            Some('A') | Some('M') => {
                let words: Vec<&str> = body.split_whitespace().collect();
                let (name, target, value) = match words[..] {
                    [name, target] => (name, target, None),
                    [name, target, value] => (name, target, Some(value)),
                    _ => return Err(bad(format!("'{body}' is not 'NAME T VALUE'"))),
                };
                let at = find(&mut claims, target)
                    .ok_or_else(|| bad(format!("'{target}' is no span above")))?;
                let claim = &mut claims[at].2;
                match (name, value) {
                    ("Credibility", Some(value)) => {
                        let grade: u8 = value
                            .parse()
                            .map_err(|_| bad(format!("credibility '{value}'")))?;
                        claim.credibility =
                            Credibility::try_from(grade).map_err(|e| bad(e.to_string()))?;
                    }
                    ("Verdict", Some(value)) => {
                        claim.verdict = value.parse().map_err(|e| bad(format!("{e}")))?;
                    }
                    ("Hedged", _) => claim.hedged = true,
                    // Attributes of other tools are not claimdesk's.
                    _ => {}
                }
            }
            Some('#') => {
                let target = body
                    .strip_prefix("AnnotatorNotes ")
                    .map(str::trim)
                    .unwrap_or_default();
                let Some(at) = find(&mut claims, target) else {
                    continue;
                };
                let text = rest.unwrap_or_default();
                let claim = &mut claims[at].2;
                match serde_json::from_str::<Notes>(text) {
                    Ok(notes) => apply_notes(claim, notes).map_err(bad)?,
                    // A note written by a person in brat: the claim's note.
                    Err(_) => claim.note = text.to_owned(),
                }
            }
            // Relations, events, equivalences, normalisations: not claims.
            _ => {}
        }
    }
    Ok(claims
        .into_iter()
        .map(|(_, line, claim)| (line, claim))
        .collect())
}

fn apply_notes(claim: &mut Claim, notes: Notes) -> Result<(), String> {
    if !notes.id.is_empty() {
        claim.id = ClaimId::from(notes.id.as_str());
    }
    claim.claimant = notes.claimant;
    claim.subject = notes.subject;
    claim.attribute = notes.attribute;
    claim.unit = notes.unit;
    if !notes.value.is_empty() {
        claim.value = Some(notes.value.parse().map_err(|e| format!("its value: {e}"))?);
    }
    if !notes.as_of.is_empty() {
        claim.as_of = Some(
            notes
                .as_of
                .parse()
                .map_err(|e| format!("its date '{}': {e}", notes.as_of))?,
        );
    }
    if !notes.note.is_empty() {
        claim.note = notes.note;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LabelId;

    /// The label ids `annotation.conf` declares.
    fn declared(conf: &str) -> Vec<LabelId> {
        conf.lines()
            .skip(1)
            .take_while(|l| !l.is_empty())
            .map(LabelId::from)
            .collect()
    }

    #[test]
    fn the_sample_round_trips_through_a_brat_folder() {
        let project = crate::sample_project();
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(export_brat(&project, dir.path()).expect("writes"), 5);
        let conf = std::fs::read_to_string(dir.path().join("annotation.conf")).unwrap();
        let labels: Vec<LabelId> = project.labels.iter().map(|l| l.id.clone()).collect();
        assert_eq!(declared(&conf), labels);
        let mut empty = project.clone();
        empty.claims.clear();
        empty.reindex();
        let imported = import_brat(&empty, dir.path(), "x").expect("reads");
        assert_eq!(imported.documents, 0);
        assert_eq!(imported.claims, project.claims.len());
        crate::edit::apply(&mut empty, imported.edit).expect("applies");
        for claim in &project.claims {
            let back = empty.claim(&claim.id).expect("same id");
            // What brat does not carry is copied over; the rest must agree.
            let mut back = back.clone();
            back.author = claim.author.clone();
            back.created = claim.created;
            back.modified = claim.modified;
            back.links = claim.links.clone();
            back.credibility_notes = claim.credibility_notes.clone();
            assert_eq!(&back, claim);
        }
    }

    #[test]
    fn a_discontinuous_span_is_one_claim_with_a_note_and_documents_come_in() {
        let mut project = Project::new("brat");
        project.labels = crate::model::Label::default_set();
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("d1.txt"), "The toll rose to 24 by Sunday.").unwrap();
        std::fs::write(
            dir.path().join("d1.ann"),
            "T1\tnumeric 4 8;17 19\ttoll 24\nA1\tCredibility T1 2\n#1\tAnnotatorNotes T1\tchecked twice\n",
        )
        .unwrap();
        let imported = import_brat(&project, dir.path(), "x").expect("reads");
        assert_eq!((imported.documents, imported.claims), (1, 1));
        crate::edit::apply(&mut project, imported.edit).expect("applies");
        let claim = &project.claims[0];
        assert_eq!((claim.start, claim.end), (4, 19));
        assert_eq!(claim.credibility, Credibility::Probable);
        assert_eq!(claim.note, "checked twice");
        assert_eq!(project.sources[0].name, IMPORTED_SOURCE);

        std::fs::write(
            dir.path().join("d1.ann"),
            "T1\tnumeric 4 8;17 19\ttoll 24\n",
        )
        .unwrap();
        let mut fresh = Project::new("brat");
        fresh.labels = crate::model::Label::default_set();
        let imported = import_brat(&fresh, dir.path(), "x").expect("reads");
        crate::edit::apply(&mut fresh, imported.edit).expect("applies");
        assert!(fresh.claims[0].note.contains("2 discontinuous fragments"));
    }

    #[test]
    fn a_text_that_differs_or_a_bad_line_is_refused_with_its_file_and_line() {
        let project = crate::sample_project();
        let dir = tempfile::tempdir().expect("temp dir");
        export_brat(&project, dir.path()).expect("writes");
        let id = &project.documents[0].id;
        let ann_path = dir.path().join(format!("{id}.ann"));
        let mut ann = std::fs::read_to_string(&ann_path).unwrap();
        ann.push_str("T99\tnumeric 5 x\tbroken\n");
        std::fs::write(&ann_path, &ann).unwrap();
        let error = import_brat(&project, dir.path(), "x")
            .err()
            .expect("refused");
        let message = error.to_string();
        assert!(message.contains(&format!("{id}.ann:")), "{message}");
        assert!(message.contains("is not 'START END'"), "{message}");

        std::fs::write(dir.path().join(format!("{id}.txt")), "another text").unwrap();
        let error = import_brat(&project, dir.path(), "x")
            .err()
            .expect("refused");
        assert!(error.to_string().contains("its text differs"), "{error}");
    }
}
