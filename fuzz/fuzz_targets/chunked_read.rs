//! Any bytes read the way a large project file is opened, in pieces on
//! several threads, but with pieces small enough to cut a fuzzed input
//! many times over: the same project as the whole parse, or a fallback to
//! it; never another project, never a panic.
//!
//! The first four bytes choose the cutting and the rest is the file, so
//! that libFuzzer explores both: the bytes read at a time, the length of a
//! run of claims, the threads, and a read that fails.
#![no_main]

use claimdesk::Project;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let Some((&[read, run, threads, fail], bytes)) = input.split_first_chunk::<4>() else {
        return;
    };
    // Squares, so that small pieces, which make the most cuts, come up
    // most often: reads of 1 to 4,065 bytes, runs of 1 to 65,026.
    let read_bytes = 1 + usize::from(read) * usize::from(read) / 16;
    let run_bytes = 1 + usize::from(run) * usize::from(run);
    let threads = 1 + usize::from(threads % 3);
    // One input in four has a read fail, early or late in the file.
    let fail_at_read = (fail >= 0xC0).then(|| usize::from(fail - 0xC0) * 16);
    // From a megabyte on, `parse_project` reads in pieces itself and would
    // be compared with itself; libFuzzer's inputs here are far shorter.
    if bytes.len() >= 1 << 20 {
        return;
    }
    let whole = std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| claimdesk::io::parse_project(text).ok());
    match Project::read_in_pieces(bytes, read_bytes, run_bytes, threads, fail_at_read) {
        Ok(Some(project)) => {
            // The last read, which finds the end, is number len / read_bytes:
            // a project comes out only when every read succeeded.
            let last_read = bytes.len().div_ceil(read_bytes);
            assert!(
                fail_at_read.is_none_or(|fail| fail > last_read),
                "a project despite the failed read {fail_at_read:?}"
            );
            match whole {
                Some(whole) => assert!(
                    whole == project,
                    "read in pieces as another project than the whole parse: {} claims against {}",
                    project.claims.len(),
                    whole.claims.len()
                ),
                None => panic!("read in pieces as a project, which the whole parse refuses"),
            }
        }
        Ok(None) => {}
        Err(error) => assert!(fail_at_read.is_some(), "an error no read caused: {error}"),
    }
});
