//! Property tests of the field's formats: no input makes an importer
//! panic, and any claims on any text go out and come back on the same
//! code points (W3C by code points, Label Studio by UTF-16 units).

use claimdesk::io::{label_studio, w3c};
use claimdesk::model::{Claim, Document, DocumentId, LabelId, Project, Source, Span, span};
use claimdesk::{Edit, apply};
use proptest::prelude::*;

/// A project of one document holding `text`, with a claim on each span
/// that fits it.
fn project(text: &str, spans: &[(usize, usize)]) -> Project {
    let mut project = Project::new("props");
    let source = Source::new("Outlet");
    let id = source.id.clone();
    apply(&mut project, Edit::add_source(source)).expect("source");
    let document = Document::new(DocumentId::from("d"), "D", id, text.to_owned());
    apply(&mut project, Edit::add_document(document)).expect("document");
    let len = span::char_len(text);
    for &(a, b) in spans {
        let (start, end) = (a % (len + 1), b % (len + 1));
        let (start, end) = (start.min(end), start.max(end));
        let Ok(anchor) = span::anchor(text, Span::new(start, end)) else {
            continue;
        };
        let claim = Claim::new(DocumentId::from("d"), anchor, LabelId::from("event"), "p");
        let _ = apply(&mut project, Edit::add_claim(claim));
    }
    project
}

/// Text from pieces that trip offsets up.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("a".to_owned()),
            Just(" ".to_owned()),
            Just("\r\n".to_owned()),
            Just("👍🏽".to_owned()),
            Just("🇺🇦".to_owned()),
            Just("e\u{301}".to_owned()),
            Just("שלום".to_owned()),
            Just("\"q\"".to_owned()),
            "\\PC{0,3}",
        ],
        1..40,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn claims_on_any_text_come_back_on_the_same_code_points(
        text in text(),
        spans in proptest::collection::vec((0usize..200, 0usize..200), 0..6),
    ) {
        let project = project(&text, &spans);
        let mut empty = project.clone();
        empty.claims.clear();
        let places = |claims: &[Claim]| -> Vec<(String, usize, usize)> {
            claims.iter().map(|c| (c.id.to_string(), c.start, c.end)).collect()
        };
        let json = w3c::export_w3c(&project).unwrap();
        let (claims, _) = w3c::import_w3c(&empty, &json, "p").unwrap_or_default();
        prop_assert_eq!(places(&claims), places(&project.claims));
        let json = label_studio::export_label_studio(&project).unwrap();
        let (claims, _) = label_studio::import_label_studio(&empty, &json, "p").unwrap();
        prop_assert_eq!(places(&claims), places(&project.claims));
    }

    #[test]
    fn no_input_makes_an_importer_panic(input in "\\PC{0,200}", json in json()) {
        let project = project("Some text 👍🏽 with 24 killed.", &[(5, 9)]);
        let _ = w3c::import_w3c(&project, &input, "p");
        let _ = w3c::import_w3c(&project, &json, "p");
        let _ = label_studio::import_label_studio(&project, &input, "p");
        let _ = label_studio::import_label_studio(&project, &json, "p");
    }
}

/// JSON shaped like the formats, with values that do not fit.
fn json() -> impl Strategy<Value = String> {
    let number = prop_oneof![Just(-1i64), 0i64..40, Just(i64::MAX)];
    (number.clone(), number, "\\PC{0,12}").prop_map(|(start, end, words)| {
        let words = serde_json::to_string(&words).unwrap_or_default();
        format!(
            r#"[{{"data": {{"text": "Some text 👍🏽 with 24 killed."}}, "annotations": [{{"result": [{{"type": "labels", "value": {{"start": {start}, "end": {end}, "text": {words}, "labels": [{words}]}}}}]}}]}},
               {{"type": "Annotation", "id": "urn:claimdesk:claim:x", "target": {{"source": "urn:claimdesk:document:d", "selector": [{{"type": "TextPositionSelector", "start": {start}, "end": {end}}}, {{"type": "TextQuoteSelector", "exact": {words}}}]}}}}]"#
        )
    })
}
