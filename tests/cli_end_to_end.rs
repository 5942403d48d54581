//! The built binary, driven as a script would: new → add-docs → import-claims → export.

mod common;

use claimdesk::io::{CSV_COLUMNS, load_project};
use common::{char_slice, claimdesk, claimdesk_ok, corpus_file};

const OUTLETS: [(&str, &str); 5] = [
    ("000_23c3bec692f3bafe", "Kyiv Independent"),
    ("001_9859e453a16b35a8", "Unnamed Russian-language outlet"),
    ("002_b17bde02f82c6ff1", "Unnamed Spanish-language outlet"),
    ("003_2347387b37756910", "Newsroom"),
    ("004_b01ad7ff62b9003e", "Kyiv Independent"),
];

/// Quotes chosen to hold curly quotes, dashes and other non-ASCII text.
fn claims_csv() -> String {
    let mut csv = String::from("document_id,quote,label,value,unit,note\n");
    let pick = |stem: &str, needle: &str| {
        let text = std::fs::read_to_string(corpus_file(stem)).unwrap();
        assert_eq!(text.matches(needle).count(), 1, "{needle} once in {stem}");
        needle.replace('"', "\"\"")
    };
    for (stem, needle, label, value, unit) in [
        ("000_23c3bec692f3bafe", "24", "numeric", "24", "people"),
        (
            "001_9859e453a16b35a8",
            "“legitimate right to defence.”",
            "quote",
            "",
            "",
        ),
        ("002_b17bde02f82c6ff1", "108", "numeric", "108", "people"),
        (
            "003_2347387b37756910",
            "453",
            "numeric",
            "453",
            "apartments",
        ),
    ] {
        let _ = needle;
        csv.push_str(&format!(
            "{stem},\"{}\",{label},{value},{unit},=cmd|' /C calc'!A0\n",
            pick(stem, needle)
        ));
    }
    csv
}

#[test]
fn a_project_built_from_the_corpus_exports_exact_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("belgorod.ron");
    claimdesk_ok([
        "new".as_ref(),
        project.as_os_str(),
        "--name".as_ref(),
        "Belgorod".as_ref(),
    ]);
    for (stem, outlet) in OUTLETS {
        claimdesk_ok([
            "add-docs".as_ref(),
            project.as_os_str(),
            corpus_file(stem).as_os_str(),
            "--source".as_ref(),
            outlet.as_ref(),
        ]);
    }
    let loaded = load_project(&project).unwrap();
    assert_eq!(loaded.documents.len(), 5);
    assert_eq!(
        loaded.sources.len(),
        4,
        "both Kyiv Independent articles share one source"
    );

    let csv_in = dir.path().join("claims.csv");
    std::fs::write(&csv_in, claims_csv()).unwrap();
    claimdesk_ok([
        "import-claims".as_ref(),
        project.as_os_str(),
        csv_in.as_os_str(),
    ]);

    let csv_out = dir.path().join("out.csv");
    claimdesk_ok([
        "export".as_ref(),
        project.as_os_str(),
        "--csv".as_ref(),
        csv_out.as_os_str(),
    ]);
    let mut reader = csv::Reader::from_path(&csv_out).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, CSV_COLUMNS);
    let loaded = load_project(&project).unwrap();
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        let document = loaded.document(&record[1].into()).unwrap();
        let (start, end): (usize, usize) = (record[6].parse().unwrap(), record[7].parse().unwrap());
        assert_eq!(char_slice(&document.text, start, end), &record[8]);
        assert_eq!(
            &record[22], "'=cmd|' /C calc'!A0",
            "formulas are neutralised"
        );
        rows += 1;
    }
    assert_eq!(rows, 4);
    let quote = &loaded.claims[1].quote;
    assert!(
        quote.starts_with('“'),
        "the non-ASCII quote is stored exactly: {quote}"
    );
}

#[test]
fn export_to_standard_output_writes_the_header_first() {
    let output = claimdesk_ok([
        "export".as_ref(),
        common::sample_project().as_os_str(),
        "--csv".as_ref(),
        "-".as_ref(),
    ]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with(&CSV_COLUMNS.join(",")));
}

#[test]
fn a_document_id_already_taken_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    claimdesk_ok(["new".as_ref(), project.as_os_str()]);
    let file = corpus_file("000_23c3bec692f3bafe");
    claimdesk_ok(["add-docs".as_ref(), project.as_os_str(), file.as_os_str()]);
    let before = std::fs::read(&project).unwrap();
    let output = claimdesk(["add-docs".as_ref(), project.as_os_str(), file.as_os_str()]);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("000_23c3bec692f3bafe") && message.contains("already"),
        "{message}"
    );
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[test]
fn a_non_utf8_file_is_refused_and_a_bom_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    claimdesk_ok(["new".as_ref(), project.as_os_str()]);
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9 au lait").unwrap();
    let before = std::fs::read(&project).unwrap();
    let output = claimdesk(["add-docs".as_ref(), project.as_os_str(), latin1.as_os_str()]);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("latin1.txt") && message.contains("UTF-8"),
        "{message}"
    );
    assert_eq!(std::fs::read(&project).unwrap(), before);

    let bom = dir.path().join("bom.txt");
    std::fs::write(&bom, "\u{feff}Headline\nBody").unwrap();
    claimdesk_ok([
        "add-docs".as_ref(),
        project.as_os_str(),
        bom.as_os_str(),
        "--source".as_ref(),
        "Wire".as_ref(),
    ]);
    let loaded = load_project(&project).unwrap();
    assert_eq!(loaded.documents[0].text, "Headline\nBody");
    assert_eq!(loaded.documents[0].title, "Headline");
    assert_eq!(loaded.sources[0].name, "Wire");
}

#[test]
fn a_csv_with_one_bad_row_imports_nothing_and_names_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    claimdesk_ok(["new".as_ref(), project.as_os_str()]);
    let file = corpus_file("003_2347387b37756910");
    claimdesk_ok(["add-docs".as_ref(), project.as_os_str(), file.as_os_str()]);
    let before = std::fs::read(&project).unwrap();
    let cases = [
        (
            "value",
            "document_id,quote,value\n003_2347387b37756910,453,12\n003_2347387b37756910,108,>=\n",
        ),
        (
            "not in the document",
            "document_id,quote\n003_2347387b37756910,453\n003_2347387b37756910,no such words\n",
        ),
        (
            "occurs",
            "document_id,quote\n003_2347387b37756910,453\n003_2347387b37756910,the\n",
        ),
        (
            "unknown column",
            "document_id,quote,colour\n003_2347387b37756910,453,red\n",
        ),
    ];
    for (expected, body) in cases {
        let csv_path = dir.path().join("bad.csv");
        std::fs::write(&csv_path, body).unwrap();
        let output = claimdesk([
            "import-claims".as_ref(),
            project.as_os_str(),
            csv_path.as_os_str(),
        ]);
        assert!(!output.status.success());
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(
            message.contains("bad.csv") && message.contains(expected),
            "{message}"
        );
        if expected != "unknown column" {
            assert!(message.contains("line 3"), "{message}");
        }
        assert_eq!(
            std::fs::read(&project).unwrap(),
            before,
            "nothing written for {expected}"
        );
    }
}

#[test]
fn new_refuses_to_overwrite_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    claimdesk_ok(["new".as_ref(), project.as_os_str()]);
    let output = claimdesk(["new".as_ref(), project.as_os_str()]);
    assert!(!output.status.success());
}

#[test]
fn import_claims_with_propose_values_reads_the_figures_of_the_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("belgorod.ron");
    std::fs::copy(common::sample_project(), &project).unwrap();
    let sample = load_project(&project).unwrap();
    // Quotes that occur once in their document, and what is proposed for
    // each; the last row gives its own value, which it keeps.
    let rows = [
        (
            "000_23c3bec692f3bafe",
            "at least 500 missiles and drones",
            ">=500",
            "missiles",
        ),
        (
            "000_23c3bec692f3bafe",
            "dozens of civilians",
            "24..99",
            "people",
        ),
        (
            "001_9859e453a16b35a8",
            "more than a hundred people were injured",
            ">100",
            "people",
        ),
        (
            "002_b17bde02f82c6ff1",
            "wounding hundreds more",
            "200..999",
            "people",
        ),
        (
            "002_b17bde02f82c6ff1",
            "at least seven people were injured",
            ">=7",
            "people",
        ),
        (
            "002_b17bde02f82c6ff1",
            "158 missiles and drones",
            "158",
            "missiles",
        ),
        ("003_2347387b37756910", "injuring 21 people", "21", "people"),
        (
            "004_b01ad7ff62b9003e",
            "left over 160 more injured",
            ">160",
            "people",
        ),
        ("002_b17bde02f82c6ff1", "Russian missile protest", "", ""),
        ("000_23c3bec692f3bafe", "killing over 5o people", "", ""),
    ];
    let mut csv = String::from("document_id,quote,value,unit\n");
    for (document, quote, _, _) in rows {
        let text = &sample.document(&document.into()).unwrap().text;
        assert_eq!(text.matches(quote).count(), 1, "{quote} once in {document}");
        csv.push_str(&format!("{document},{quote},,\n"));
    }
    csv.push_str("002_b17bde02f82c6ff1,14 adults and two children dead,16,people\n");
    let csv_path = dir.path().join("claims.csv");
    std::fs::write(&csv_path, csv).unwrap();

    claimdesk_ok([
        "import-claims".as_ref(),
        project.as_os_str(),
        csv_path.as_os_str(),
        "--propose-values".as_ref(),
    ]);

    let loaded = load_project(&project).unwrap();
    let imported = &loaded.claims[sample.claims.len()..];
    assert_eq!(imported.len(), rows.len() + 1);
    for (claim, (_, quote, value, unit)) in imported.iter().zip(rows) {
        assert_eq!(claim.quote, quote);
        assert_eq!(
            claim.value.map(|v| v.to_string()).unwrap_or_default(),
            value,
            "{quote}"
        );
        assert_eq!(claim.unit, unit, "{quote}");
    }
    let kept = &imported[rows.len()];
    assert_eq!(kept.quote, "14 adults and two children dead");
    assert_eq!(kept.value.map(|v| v.to_string()).as_deref(), Some("16"));
    assert_eq!(kept.unit, "people");
}
