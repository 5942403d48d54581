//! Any bytes given to the CSV importer against the sample project: an error
//! or claims whose quotes match their documents, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn sample() -> &'static claimdesk::Project {
    static SAMPLE: OnceLock<claimdesk::Project> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let text = include_str!("../../projects/belgorod-strike.ron");
        claimdesk::io::parse_project(text).expect("the sample project parses")
    })
}

fuzz_target!(|bytes: &[u8]| {
    let project = sample();
    if let Ok(claims) = claimdesk::io::import_claims(project, bytes, "fuzz") {
        for claim in claims {
            let document = project.document(&claim.document).expect("imported claims name real documents");
            let quote = claimdesk::model::span::slice(&document.text, claim.span());
            assert_eq!(quote, Some(claim.quote.as_str()));
        }
    }
});
