//! Any bytes given to the project loader: an error or a project, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(project) = claimdesk::io::parse_project_bytes(Path::new("fuzz.ron"), bytes) {
        // Validation walks every span of a project that parsed.
        let _ = project.validate();
        let _ = claimdesk::io::project_to_string(&project);
    }
});
