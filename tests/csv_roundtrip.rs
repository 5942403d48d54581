//! Claims exported as CSV and imported again come back the same.

mod common;

use claimdesk::io::{export_claims, import_claims, load_project};
use claimdesk::{Edit, apply};

fn export(project: &claimdesk::Project) -> Vec<u8> {
    let mut bytes = Vec::new();
    export_claims(project, &mut bytes).unwrap();
    bytes
}

#[test]
fn the_sample_export_imports_into_a_fresh_project_and_exports_byte_identical() {
    let mut sample = load_project(&common::sample_project()).unwrap();
    // Cells a spreadsheet would run as formulas, and one already neutralised.
    sample.claims[0].note = "=HYPERLINK(\"http://x\")".into();
    sample.claims[1].claimant = "+7 (495) ministry".into();
    sample.claims[2].subject = "'quoted".into();
    sample.claims[3].note = "@mention\tand a tab".into();
    let first = export(&sample);
    let text = String::from_utf8(first.clone()).unwrap();
    assert!(
        text.contains("'=HYPERLINK") && text.contains("'+7 (495)") && text.contains("''quoted")
    );

    let mut fresh = sample.clone();
    fresh.claims.clear();
    let claims = import_claims(&fresh, first.as_slice(), "importer").unwrap();
    assert_eq!(claims.len(), sample.claims.len());
    apply(
        &mut fresh,
        Edit::Batch(claims.into_iter().map(Edit::add_claim).collect()),
    )
    .unwrap();
    assert_eq!(export(&fresh), first);
    for (imported, original) in fresh.claims.iter().zip(&sample.claims) {
        assert_eq!(imported.id, original.id, "claim ids are kept");
        assert_eq!(
            imported.note, original.note,
            "formula text comes back as text"
        );
        assert_eq!(imported.value, original.value);
    }
}

#[test]
fn numbers_stay_numbers() {
    let sample = load_project(&common::sample_project()).unwrap();
    let bytes = export(&sample);
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    for record in reader.records() {
        let record = record.unwrap();
        for column in [6, 7, 18] {
            assert!(
                record[column].parse::<f64>().is_ok(),
                "{:?}",
                &record[column]
            );
        }
        for column in [14, 15] {
            assert!(record[column].is_empty() || record[column].parse::<f64>().is_ok());
        }
    }
}

#[test]
fn a_missing_label_takes_the_first_and_missing_grades_take_the_defaults() {
    let sample = load_project(&common::sample_project()).unwrap();
    let document = &sample.documents[0];
    let quote: String = document.text.chars().skip(10).take(12).collect();
    let csv = format!("document_id,start,end\n{},10,22\n", document.id);
    let claims = import_claims(&sample, csv.as_bytes(), "me").unwrap();
    assert_eq!(claims[0].label, sample.labels[0].id);
    assert_eq!(claims[0].quote, quote);
    assert_eq!(
        claims[0].credibility,
        claimdesk::Credibility::CannotBeJudged
    );
    assert_eq!(claims[0].verdict, claimdesk::Verdict::Unassessed);
    assert_eq!(claims[0].author, "me");
}

#[test]
fn a_quote_that_disagrees_with_its_offsets_is_refused() {
    let sample = load_project(&common::sample_project()).unwrap();
    let document = &sample.documents[0];
    let csv = format!(
        "document_id,start,end,quote\n{},0,5,nothing like it\n",
        document.id
    );
    let error = import_claims(&sample, csv.as_bytes(), "me")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("line 2") && error.contains("not the text at 0..5"),
        "{error}"
    );
}
