//! Project files: round trips, property tests and bad input.

mod common;

use claimdesk::io::{FileError, load_project, parse_project, project_to_string, save_project};
use claimdesk::model::{Claim, Document, DocumentId, Label, Project, Quantity, Source, Span, span};
use proptest::prelude::*;
use std::path::Path;

#[test]
fn saving_an_unchanged_sample_project_gives_identical_bytes() {
    let path = common::sample_project();
    let original = std::fs::read_to_string(&path).unwrap();
    let project = load_project(&path).unwrap();
    assert_eq!(project_to_string(&project).unwrap(), original);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.ron");
    save_project(&copy, &project).unwrap();
    let reloaded = load_project(&copy).unwrap();
    assert_eq!(reloaded, project);
    save_project(&copy, &reloaded).unwrap();
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), original);
}

#[test]
fn the_file_starts_with_its_format_version_and_keeps_text_readable() {
    let text = std::fs::read_to_string(common::sample_project()).unwrap();
    assert!(
        text.starts_with("(\n    format_version: 1,\n"),
        "{}",
        &text[..40]
    );
    assert!(!text.contains('\r'));
    // Line breaks in document text are real line breaks, not "\n"
    // escapes; in a claim's strings they are escaped, so that each claim
    // is one line (42 claims, 42 lines).
    let (head, claims) = text.split_once("    claims: [\n").expect("a claims list");
    assert!(!head.contains("\\n"));
    let claims = &claims[..claims.find("\n    ],").expect("the list ends")];
    assert_eq!(claims.lines().count(), 42);
    assert!(claims.lines().all(|l| l.starts_with("        (id: \"c-")));
    assert!(
        claims.contains("\\n"),
        "the sample has claims across paragraphs"
    );
    assert!(
        text.lines().all(|l| l.chars().count() < 4000),
        "no endless lines"
    );
}

fn assert_load_fails_untouched(name: &str, bytes: &[u8]) -> FileError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let error = load_project(&path).expect_err(name);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} unchanged");
    assert!(
        error.to_string().contains(name),
        "the error names the file: {error}"
    );
    error
}

#[test]
fn a_truncated_file_reports_line_and_column_and_is_left_as_it_was() {
    let text = std::fs::read(common::sample_project()).unwrap();
    let error = assert_load_fails_untouched("truncated.ron", &text[..text.len() / 2]);
    assert!(
        matches!(error, FileError::Parse { line, .. } if line > 1),
        "{error}"
    );
}

#[test]
fn a_large_file_with_a_bad_claim_near_its_end_reports_that_line() {
    // Large enough to be parsed on every core as it is read (the pieces
    // are let go as they are parsed); the error still needs its exact
    // position.
    let project = claimdesk::synth::generate(40, 4_000, 8);
    let text = project_to_string(&project).unwrap();
    assert!(text.len() > 2 << 20, "{} bytes", text.len());
    let at = text.rfind("credibility: ").expect("a graded claim") + "credibility: ".len();
    let line = text[..at].lines().count();
    let bad = format!("{}9{}", &text[..at], &text[at + 1..]);
    let error = assert_load_fails_untouched("late-error.ron", bad.as_bytes());
    assert!(
        matches!(error, FileError::Parse { line: l, .. } if l == line),
        "expected line {line}: {error}"
    );
    // And read whole, the same file without the fault loads, stamped.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    std::fs::write(&path, &text).unwrap();
    let (loaded, stamp) = claimdesk::io::load_project_stamped(&path).unwrap();
    assert_eq!(loaded, project);
    assert_eq!(
        stamp,
        claimdesk::io::FileStamp::read(&path).unwrap().unwrap()
    );
}

#[test]
fn a_large_file_with_windows_line_ends_reads_as_a_small_one_does() {
    // Large enough for the reader that parses while it reads; a comment on
    // the first line, as a hand edit leaves, so that it does not start "(\r\n".
    let project = claimdesk::synth::generate(40, 4_000, 8);
    let text = format!("// kept in git\n{}", project_to_string(&project).unwrap());
    assert!(text.len() > 2 << 20, "{} bytes", text.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crlf.ron");
    std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
    let loaded = load_project(&path).unwrap();
    assert!(
        loaded.documents.iter().all(|d| !d.text.contains('\r')),
        "line ends left in the documents' texts"
    );
    assert_eq!(loaded, project);
}

#[test]
fn a_large_project_is_saved_in_pieces_as_the_text_one_serialiser_writes() {
    // Enough claims to be written on several threads and saved piece by
    // piece; the file and its stamp are those of the whole text.
    let project = claimdesk::synth::generate(20, 3_000, 4);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pieces.ron");
    let stamp = save_project(&path, &project).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        project_to_string(&project).unwrap()
    );
    assert_eq!(
        stamp,
        claimdesk::io::FileStamp::read(&path).unwrap().unwrap()
    );
    assert_eq!(load_project(&path).unwrap(), project);
}

#[test]
fn a_large_file_with_a_byte_that_is_not_utf8_reports_where() {
    // The byte sits in a claim read on another thread, and in the fields
    // after the claims: either way the file is read again whole to say where.
    let project = claimdesk::synth::generate(40, 4_000, 9);
    let text = project_to_string(&project).unwrap();
    for at in [text.len() / 2, text.len() - 3] {
        let at = (at..).find(|&i| text.is_char_boundary(i)).unwrap();
        let mut bytes = text.clone().into_bytes();
        bytes.insert(at, 0xff);
        let error = assert_load_fails_untouched("not-utf8.ron", &bytes);
        assert!(
            matches!(error, FileError::NotUtf8 { offset, .. } if offset == at),
            "expected offset {at}: {error}"
        );
    }
}

#[test]
fn bad_files_give_clear_errors() {
    let wrong_shape = b"(format_version: 1, name: 42)";
    let error = assert_load_fails_untouched("wrong-shape.ron", wrong_shape);
    assert!(matches!(error, FileError::Parse { line: 1, .. }), "{error}");
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_load_fails_untouched("nested.ron", nested.as_bytes());
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(matches!(
        assert_load_fails_untouched("garbage.ron", &garbage),
        FileError::NotUtf8 { .. }
    ));
    assert!(matches!(
        assert_load_fails_untouched("empty.ron", b""),
        FileError::Empty { .. }
    ));
    let future = b"(format_version: 99, name: \"x\", something_new: [])";
    assert!(matches!(
        assert_load_fails_untouched("future.ron", future),
        FileError::NewerFormat { found: 99, .. }
    ));
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let error = load_project(Path::new("/nonexistent/claimdesk/p.ron")).unwrap_err();
    assert!(error.to_string().contains("/nonexistent/claimdesk/p.ron"));
}

#[test]
fn validation_names_what_serde_cannot_see() {
    let mut project = load_project(&common::sample_project()).unwrap();
    assert_eq!(project.validate(), Vec::<String>::new());
    project.claims[0].end = 1_000_000;
    let duplicate = project.claims[1].clone();
    project.claims.push(duplicate);
    project.claims[2].document = DocumentId::from("gone");
    let problems = project.validate().join("\n");
    assert!(problems.contains("past the text"), "{problems}");
    assert!(problems.contains("more than once"), "{problems}");
    assert!(
        problems.contains("'gone', which does not exist"),
        "{problems}"
    );
}

/// Text mixing what breaks naive code: emoji, combining marks, CRLF,
/// right-to-left script, quotes, backslashes, raw-string hashes.
fn awkward_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Belgorod",
        " ",
        "\r\n",
        "\n",
        "👩‍👩‍👧",
        "e\u{301}",
        "مرحبا",
        "שלום",
        "\"",
        "\\",
        "\"#",
        "r#\"",
        "24",
        "\t",
        "—",
        "‏",
    ]);
    prop::collection::vec(pieces, 1..40).prop_map(|p| p.concat())
}

fn quantity() -> impl Strategy<Value = Quantity> {
    let number = prop_oneof![
        (-1_000_000i64..1_000_000).prop_map(|n| n as f64),
        (-1e6f64..1e6f64)
    ];
    prop_oneof![
        number.clone().prop_map(Quantity::Exact),
        number.clone().prop_map(Quantity::AtLeast),
        number.clone().prop_map(Quantity::MoreThan),
        number.clone().prop_map(Quantity::AtMost),
        number.clone().prop_map(Quantity::LessThan),
        number.clone().prop_map(Quantity::About),
        (number.clone(), number).prop_map(|(a, b)| Quantity::Range(a.min(b), a.max(b))),
    ]
}

fn random_project() -> impl Strategy<Value = Project> {
    (
        awkward_text(),
        prop::collection::vec(
            (
                awkward_text(),
                awkward_text(),
                any::<u16>(),
                any::<u16>(),
                prop::option::of(quantity()),
            ),
            1..4,
        ),
    )
        .prop_map(|(name, docs)| {
            let mut project = Project::new(&name);
            let source = Source::new(&name);
            for (i, (title, text, a, b, value)) in docs.into_iter().enumerate() {
                let document = Document::new(
                    DocumentId::from(format!("d{i}")),
                    &title,
                    source.id.clone(),
                    text,
                );
                let len = span::char_len(&document.text);
                let (start, end) = ((a as usize) % len, (b as usize) % len + 1);
                if let Ok(anchor) = span::anchor(&document.text, Span::new(start.min(end - 1), end))
                {
                    let mut claim = Claim::new(
                        document.id.clone(),
                        anchor,
                        Label::default_set()[0].id.clone(),
                        &title,
                    );
                    claim.value = value;
                    claim.note = name.clone();
                    project.claims.push(claim);
                }
                project.documents.push(document);
            }
            project.sources.push(source);
            project
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn quantities_print_and_parse_back(q in quantity()) {
        let text = q.to_string();
        prop_assert_eq!(text.parse::<Quantity>(), Ok(q), "{}", text);
    }

    #[test]
    fn the_quantity_parser_never_panics(text in "\\PC{0,12}") {
        let _ = text.parse::<Quantity>();
    }

    #[test]
    fn random_projects_survive_save_and_load(project in random_project()) {
        let text = project_to_string(&project).unwrap();
        let loaded = parse_project(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&loaded, &project);
        prop_assert_eq!(project_to_string(&loaded).unwrap(), text);
        prop_assert!(loaded.validate().is_empty());
    }

    #[test]
    fn anchoring_at_known_bytes_agrees_with_counting_from_the_start(text in awkward_text(), start in 0usize..60, len in 1usize..20) {
        let span = Span::new(start, start + len);
        if let Ok(expected) = span::anchor(&text, span) {
            let from = span::byte_offset(&text, span.start).unwrap();
            let to = span::byte_offset(&text, span.end).unwrap();
            prop_assert_eq!(span::anchor_at(&text, span, from..to), Ok(expected));
            // Bytes that are not the span's are refused, never misread.
            if to < text.len() {
                prop_assert!(span::anchor_at(&text, span, from..text.len()).is_err());
            }
        }
    }

    #[test]
    fn the_text_index_finds_every_code_point_as_counting_does(
        pieces in prop::collection::vec(prop_oneof![awkward_text(), "[a-z ]{1,150}"], 1..12),
    ) {
        let text = pieces.concat();
        let index = span::TextIndex::new(&text);
        prop_assert_eq!(index.char_len(), text.chars().count());
        for at in 0..=text.chars().count() + 1 {
            prop_assert_eq!(index.byte_of(at), span::byte_offset(&text, at), "code point {}", at);
        }
    }

    #[test]
    fn any_span_is_an_error_or_exact_never_a_panic(text in awkward_text(), start in 0usize..200, end in 0usize..200) {
        match span::anchor(&text, Span::new(start, end)) {
            Ok(anchor) => prop_assert_eq!(anchor.quote, text.chars().skip(start).take(end - start).collect::<String>()),
            Err(_) => prop_assert!(start >= end || end > text.chars().count()),
        }
    }
}
