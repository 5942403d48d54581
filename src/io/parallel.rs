//! Reading and writing a large project on every core.
//!
//! Claims are most of a big project file (about 600 bytes each, and an
//! investigation may hold 100,000 of them), and `ron` works through them one
//! field at a time on one thread. Here a light scan that knows RON's
//! strings, raw strings and comments cuts the top-level `claims` list into
//! runs between the commas that separate claims, copies each run out and
//! hands it to the other threads as soon as it is found; the rest of the
//! project (with the last run) is parsed the same way, and the text can be
//! let go once the scan is through. Saving does the reverse: runs of claims
//! are written on separate threads and spliced into the rest, byte for
//! byte what one `ron` serialiser writes.
//!
//! Whatever the scan cannot vouch for (an `#![enable(..)]` header, a char
//! literal, a comment where a field name is expected, any piece that does
//! not parse) makes [`parse`] return `Ok(None)`, and the caller falls back
//! to the plain sequential parse, which also gives the exact position of
//! any error. The property tests check that both ways read the same project.

use crate::model::{Claim, Project};
use crate::progress::{Cancelled, Progress};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Where to cut a project's text: the `[` of its top-level `claims` list,
/// and commas between the list's elements.
#[derive(Debug, PartialEq)]
struct Cuts {
    open: usize,
    commas: Vec<usize>,
}

/// True for the bytes that may continue a RON identifier.
fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The index just past the string whose opening `"` is at `quote`, or
/// `None` when it never ends. A `"` preceded by `r` and hashes (or `br`)
/// opens a raw string, which ends at a `"` followed by as many hashes.
fn skip_string(b: &[u8], quote: usize) -> Option<usize> {
    let hashes = b[..quote].iter().rev().take_while(|&&c| c == b'#').count();
    let r = quote - hashes;
    let is_raw = r > 0 && b[r - 1] == b'r' && {
        // `r` must start a token, or follow a `b` that does (`br"..."`).
        let before = r - 1;
        before == 0
            || !is_ident_byte(b[before - 1])
            || (b[before - 1] == b'b' && (before == 1 || !is_ident_byte(b[before - 2])))
    };
    if is_raw {
        let mut from = quote + 1;
        loop {
            let end = from + memchr::memchr(b'"', &b[from..])?;
            let closing = &b[end + 1..];
            if closing.len() >= hashes && closing[..hashes].iter().all(|&c| c == b'#') {
                return Some(end + 1 + hashes);
            }
            from = end + 1;
        }
    }
    if hashes > 0 {
        // `#"` outside a raw string is not RON: let the parser say so.
        return None;
    }
    let mut from = quote + 1;
    loop {
        let at = from + b[from..].iter().position(|&c| c == b'"' || c == b'\\')?;
        if b[at] == b'"' {
            return Some(at + 1);
        }
        // An escape: the byte after the backslash never ends the string.
        from = at + 2;
        if from > b.len() {
            return None;
        }
    }
}

/// The index just past the comment starting at `at` (a `/`), or `None`
/// when `at` does not start one or the block comment never ends.
fn skip_comment(b: &[u8], at: usize) -> Option<usize> {
    match b.get(at + 1) {
        Some(b'/') => Some(memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |n| at + n + 1)),
        Some(b'*') => {
            // Block comments nest in RON.
            let mut depth = 0usize;
            let mut i = at;
            while i + 1 < b.len() {
                match (b[i], b[i + 1]) {
                    (b'/', b'*') => {
                        depth += 1;
                        i += 2;
                    }
                    (b'*', b'/') => {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            return Some(i);
                        }
                    }
                    _ => i += 1,
                }
            }
            None
        }
        _ => None,
    }
}

/// True when the `[` at `at` is the value of a field called `claims`:
/// `claims`, optional spaces, `:`, optional spaces, then the bracket.
fn is_claims_field(b: &[u8], at: usize) -> bool {
    let before = b[..at].trim_ascii_end();
    let Some(before) = before.strip_suffix(b":") else {
        return false;
    };
    let before = before.trim_ascii_end();
    before
        .strip_suffix(b"claims")
        .is_some_and(|rest| rest.last().is_none_or(|&c| !is_ident_byte(c)))
}

/// Finds the `[` of the top-level `claims` list and commas between its
/// elements that cut it into `runs` runs of about the same length. The
/// list runs nearly to the end of the file (only the dismissed findings
/// follow), so the k-th comma is the first one past k/`runs` of the way
/// from the `[` to the end. The scan stops at the last comma wanted, or
/// where the list ends (then fewer commas come back). `None` when there is
/// no such list or the text holds something this scan does not vouch for.
fn find_cuts(text: &str, runs: usize) -> Option<Cuts> {
    let mut cuts: Option<Cuts> = None;
    scan(text, runs, |at| match cuts.as_mut() {
        None => {
            cuts = Some(Cuts {
                open: at,
                commas: Vec::new(),
            })
        }
        Some(cuts) => cuts.commas.push(at),
    })?;
    cuts
}

/// The scan behind [`find_cuts`]: calls `found` with the offset of the
/// list's `[`, then with each comma to cut at, as soon as it finds them.
/// `None` (possibly after some calls) when the text holds something this
/// scan does not vouch for, or no claims list at all.
fn scan(text: &str, runs: usize, mut found: impl FnMut(usize)) -> Option<()> {
    // The bytes the scan acts on; it skips every other byte in one sweep.
    const INTERESTING: [bool; 256] = {
        let mut table = [false; 256];
        let bytes = b"\"/'#([{)]},";
        let mut i = 0;
        while i < bytes.len() {
            table[bytes[i] as usize] = true;
            i += 1;
        }
        table
    };
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut open: Option<usize> = None;
    let mut targets = Vec::new().into_iter().peekable();
    let mut i = 0;
    while i < b.len() {
        match b[i..].iter().position(|&c| INTERESTING[usize::from(c)]) {
            Some(skip) => i += skip,
            None => break,
        }
        match b[i] {
            b'"' => {
                i = skip_string(b, i)?;
                continue;
            }
            b'/' => {
                i = skip_comment(b, i)?;
                continue;
            }
            // Extensions (`#![enable(..)]`) change how everything parses, and
            // no claimdesk field is a char: leave both to the full parser.
            b'\'' => return None,
            b'#' if depth == 0 => return None,
            b'(' | b'[' | b'{' => {
                if depth == 1 && b[i] == b'[' && open.is_none() && is_claims_field(b, i) {
                    open = Some(i);
                    found(i);
                    let share = (b.len() - i) / runs.max(1);
                    targets = (1..runs)
                        .map(|k| i + k * share)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .peekable();
                    if targets.peek().is_none() {
                        return Some(());
                    }
                }
                depth += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 1 && open.is_some() {
                    // The end of the claims list.
                    return Some(());
                }
            }
            b',' if depth == 2 && open.is_some() && targets.peek().is_some_and(|&t| i >= t) => {
                found(i);
                while targets.next_if(|&t| i >= t).is_some() {}
                if targets.peek().is_none() {
                    return Some(());
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// How many threads to use: one per core, at most eight.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Parses a project on every core. `Ok(None)` when the text is one this
/// module does not split (see the module's notes) or any piece fails to
/// parse: the caller then parses it as a whole. Counts the bytes parsed in
/// `progress`, and stops between runs when it is cancelled.
pub(crate) fn parse(
    text: &str,
    options: &ron::Options,
    progress: &Progress,
) -> Result<Option<Project>, Cancelled> {
    parse_with(text, options, threads(), progress)
}

/// Parses like [`parse`], and lets go of `text` as soon as the scan has
/// copied out every piece: the file's bytes and the project being built are
/// then not both held to the end, which is most of a large open's peak
/// memory. `Ok(None)` says only that this way failed; the text is gone, so
/// the caller reads the file again to parse it whole.
pub(crate) fn parse_shared(
    text: Arc<String>,
    options: &ron::Options,
    progress: &Progress,
) -> Result<Option<Project>, Cancelled> {
    parse_with(Shared(text), options, threads(), progress)
}

/// A text shared with whoever else still reads it (the stamp's hash).
struct Shared(Arc<String>);

impl AsRef<str> for Shared {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

/// Runs per thread: more runs than threads keep both busy to the end and
/// let the progress bar move in small steps.
const RUNS_PER_THREAD: usize = 8;

/// A piece of the text to parse, copied out of it: a run of claims as a
/// list (`[` ... `]`), or the rest of the project with the last run in its
/// claims list.
enum Job {
    Run(String),
    Rest(String),
}

/// What one job of the parse produced.
enum Parsed {
    /// The project without the claims of the other runs.
    Rest(Option<Project>),
    /// A run of claims.
    Run(Option<Vec<Claim>>),
}

fn parse_job(options: &ron::Options, job: Job, progress: &Progress) -> Parsed {
    match job {
        Job::Rest(rest) => {
            let project = options.from_str::<Project>(&rest).ok();
            progress.advance(rest.len() as u64);
            Parsed::Rest(project)
        }
        Job::Run(list) => {
            let claims = options.from_str::<Vec<Claim>>(&list).ok();
            // The run and the comma after it; the brackets stand for that comma.
            progress.advance(list.len() as u64 - 1);
            Parsed::Run(claims)
        }
    }
}

/// `text` is any owner of the text (`&str`, `Arc<String>`): it is dropped
/// once the scan has copied out every piece.
fn parse_with<T: AsRef<str>>(
    text: T,
    options: &ron::Options,
    threads: usize,
    progress: &Progress,
) -> Result<Option<Project>, Cancelled> {
    let threads = threads.max(1);
    // The scan copies each run out and hands it to the other threads as soon
    // as it finds its end, so they parse while it goes on; this thread
    // joins them after.
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, Job)>();
    let receiver = Mutex::new(receiver);
    let stop = AtomicBool::new(false);
    let work = || {
        let mut done = Vec::new();
        loop {
            let next = match receiver.lock() {
                Ok(receiver) => receiver.recv(),
                Err(_) => break,
            };
            let Ok((number, job)) = next else {
                break;
            };
            if stop.load(Ordering::Relaxed) || progress.is_cancelled() {
                break;
            }
            done.push((number, parse_job(options, job, progress)));
        }
        done
    };
    let jobs: Option<Vec<(usize, Parsed)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        {
            let text = text.as_ref();
            let mut open = None;
            let mut start = 0;
            let mut number = 0;
            let scanned = scan(text, threads * RUNS_PER_THREAD, |at| {
                if open.is_none() {
                    open = Some(at);
                } else {
                    let run = &text[start..at];
                    let mut list = String::with_capacity(run.len() + 2);
                    list.push('[');
                    list.push_str(run);
                    list.push(']');
                    // A closed channel means every worker died: the join below says so.
                    let _ = sender.send((number, Job::Run(list)));
                    number += 1;
                }
                start = at + 1;
            });
            match (scanned, open) {
                (Some(()), Some(open)) => {
                    let mut rest = String::with_capacity(text.len() - (start - open));
                    rest.push_str(&text[..=open]);
                    rest.push_str(&text[start..]);
                    let _ = sender.send((number, Job::Rest(rest)));
                }
                _ => stop.store(true, Ordering::Relaxed),
            }
        }
        drop(sender);
        // Every piece is copied out: the text can go.
        drop(text);
        let mut jobs = work();
        for worker in workers {
            // A worker that panicked (parsing returns errors; it cannot)
            // counts as a failure, and the caller falls back to the plain parse.
            jobs.extend(worker.join().ok()?);
        }
        Some(jobs).filter(|_| !stop.load(Ordering::Relaxed))
    });
    progress.go_on()?;
    let Some(mut jobs) = jobs else {
        return Ok(None);
    };
    jobs.sort_by_key(|(number, _)| *number);
    let mut claims = Vec::new();
    let mut rest = None;
    for (_, parsed) in jobs {
        match parsed {
            Parsed::Run(Some(run)) if rest.is_none() => claims.extend(run),
            Parsed::Rest(Some(project)) if rest.is_none() => rest = Some(project),
            _ => return Ok(None),
        }
    }
    let Some(mut project) = rest else {
        return Ok(None);
    };
    claims.append(&mut project.claims);
    project.claims = claims;
    Ok(Some(project))
}

/// Writes a project exactly as `ron` does with `config`, on every core.
///
/// `config` must write each claim on one line (`depth_limit(2)`): the
/// claims are then written in runs on separate threads and spliced into
/// the rest of the project, written meanwhile with an empty claims list.
pub(crate) fn to_string(
    project: &Project,
    config: &ron::ser::PrettyConfig,
) -> Result<String, ron::Error> {
    // Threads pay off from a few thousand claims on.
    let threads = if project.claims.len() < 2_000 {
        1
    } else {
        threads()
    };
    to_string_with(project, config, threads)
}

fn to_string_with(
    project: &Project,
    config: &ron::ser::PrettyConfig,
    threads: usize,
) -> Result<String, ron::Error> {
    let whole = || ron::ser::to_string_pretty(project, config.clone());
    if threads < 2 || project.claims.is_empty() || config.depth_limit != 2 {
        return whole();
    }
    // Everything but the claims; the documents are copied, which costs a
    // few milliseconds against the seconds `ron` spends on the claims.
    let rest = Project {
        format_version: project.format_version,
        name: project.name.clone(),
        labels: project.labels.clone(),
        sources: project.sources.clone(),
        documents: project.documents.clone(),
        claims: Vec::new(),
        dismissed: project.dismissed.clone(),
    };
    let indent = &config.indentor;
    let new_line = &config.new_line;
    let claim_config = config.clone().depth_limit(0);
    let write_run = |claims: &[Claim]| -> Result<String, ron::Error> {
        let mut out = String::with_capacity(claims.len() * 700);
        for claim in claims {
            out.push_str(indent);
            out.push_str(indent);
            ron::ser::to_writer_pretty(&mut out, claim, claim_config.clone())?;
            out.push(',');
            out.push_str(new_line);
        }
        Ok(out)
    };
    let per_thread = project.claims.len().div_ceil(threads.max(1));
    let (head, runs) = std::thread::scope(|scope| {
        let workers: Vec<_> = project
            .claims
            .chunks(per_thread)
            .map(|run| scope.spawn(move || write_run(run)))
            .collect();
        let head = ron::ser::to_string_pretty(&rest, config.clone());
        let runs: Vec<_> = workers.into_iter().map(|w| w.join()).collect();
        (head, runs)
    });
    let head = head?;
    let Some(open) = find_cuts(&head, 1)
        .map(|cuts| cuts.open)
        .filter(|&open| head[open + 1..].starts_with(']'))
    else {
        // Cannot happen for a project ron just wrote; stay correct anyway.
        return whole();
    };
    let mut runs_text = Vec::with_capacity(runs.len());
    for run in runs {
        match run {
            Ok(text) => runs_text.push(text?),
            // A worker cannot panic on a claim, but if one did, write the
            // project the plain way rather than losing it.
            Err(_) => return whole(),
        }
    }
    let claims_len: usize = runs_text.iter().map(String::len).sum();
    let mut out = String::with_capacity(head.len() + claims_len + 16);
    out.push_str(&head[..=open]);
    out.push_str(new_line);
    for text in &runs_text {
        out.push_str(text);
    }
    out.push_str(indent);
    out.push_str(&head[open + 1..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> ron::Options {
        ron::Options::default()
    }

    fn sample_text() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/projects/belgorod-strike.ron"
        ))
        .unwrap()
    }

    #[test]
    fn strings_end_where_ron_says() {
        let cases: &[(&str, usize)] = &[
            (r#""plain" x"#, 7),
            (r#""a \" b" x"#, 8),
            (r#""a \\" b"#, 6),
            (r##"r#"a "quoted" b"# x"##, 17),
            (r###"r##"a "# b"## x"###, 13),
            (r#"br"bytes" x"#, 9),
        ];
        for &(text, end) in cases {
            let quote = text.find('"').unwrap();
            assert_eq!(skip_string(text.as_bytes(), quote), Some(end), "{text}");
        }
        assert_eq!(skip_string(br#""never ends"#, 0), None);
        assert_eq!(skip_string(br#""ends in \"#, 0), None);
        // `r` inside an identifier does not open a raw string.
        assert_eq!(skip_string(br#"for"x" y"#, 3), Some(6));
    }

    #[test]
    fn comments_nest_and_lines_end() {
        assert_eq!(skip_comment(b"// a\nb", 0), Some(5));
        assert_eq!(skip_comment(b"// a", 0), Some(4));
        assert_eq!(skip_comment(b"/* a /* b */ c */d", 0), Some(17));
        assert_eq!(skip_comment(b"/* open", 0), None);
        assert_eq!(skip_comment(b"/x", 0), None);
    }

    #[test]
    fn cuts_the_claims_and_nothing_inside_strings() {
        let text = r##"(name: "claims: [x]", claims: [ (a: "),(" ), (b: r#"],"#), (c: [1, 2]) ], other: [1])"##;
        let open = text.find("[ (a").unwrap();
        let cuts = find_cuts(text, 1).expect("a claims list");
        assert_eq!(
            cuts,
            Cuts {
                open,
                commas: vec![]
            }
        );
        // As many cuts as there are commas between claims, however many runs
        // are asked for.
        let cuts = find_cuts(text, 40).unwrap();
        let after: Vec<&str> = cuts
            .commas
            .iter()
            .map(|&c| text[c + 1..].trim_start())
            .collect();
        assert_eq!(after.len(), 2, "{after:?}");
        assert!(after[0].starts_with("(b"), "{after:?}");
        assert!(after[1].starts_with("(c"), "{after:?}");
    }

    #[test]
    fn declines_what_it_does_not_vouch_for() {
        assert_eq!(
            find_cuts("#![enable(implicit_some)]\n(claims: [])", 1),
            None
        );
        assert_eq!(find_cuts("(claims: [(a: 'x'), (b: 1)])", 2), None);
        assert_eq!(find_cuts("(x: \"open, claims: [])", 1), None);
        assert_eq!(find_cuts("(my_claims: [])", 1), None);
        assert_eq!(find_cuts("(claims /* here */: [])", 1), None);
        assert_eq!(find_cuts("(x: [(a: 1)]))", 1), None);
        // A second claims field is left for the parser to refuse.
        let text = "(claims: [(a: 1), (a: 2)], claims: [])";
        assert_eq!(
            parse_with(text, &options(), 2, &Progress::default()),
            Ok(None)
        );
    }

    #[test]
    fn reads_the_sample_as_the_whole_parse_does() {
        let text = sample_text();
        let whole = options().from_str::<Project>(&text).unwrap();
        for threads in 1..=5 {
            let parallel = parse_with(&text, &options(), threads, &Progress::default())
                .expect("not cancelled")
                .expect("the sample splits");
            assert_eq!(parallel, whole, "{threads} threads");
        }
    }

    #[test]
    fn writes_the_sample_as_the_whole_serialiser_does() {
        let text = sample_text();
        let project = options().from_str::<Project>(&text).unwrap();
        let config = crate::io::project_file::pretty_config();
        let whole = ron::ser::to_string_pretty(&project, config.clone()).unwrap();
        for threads in 2..=4 {
            let parallel = to_string_with(&project, &config, threads).unwrap();
            assert_eq!(parallel, whole, "{threads} threads");
        }
    }

    #[test]
    fn counts_every_byte_and_stops_when_cancelled() {
        let text = sample_text();
        let progress = Progress::default();
        progress.stage("parsing", text.len() as u64);
        assert!(
            parse_with(&text, &options(), 2, &progress)
                .unwrap()
                .is_some()
        );
        assert_eq!(progress.fraction(), 1.0);
        progress.cancel();
        assert_eq!(parse_with(&text, &options(), 2, &progress), Err(Cancelled));
    }

    #[test]
    fn a_bad_claim_makes_it_decline() {
        let text = r#"(format_version: 1, name: "x", claims: [(id: "c1")])"#;
        assert_eq!(
            parse_with(text, &options(), 2, &Progress::default()),
            Ok(None)
        );
    }

    /// Text that makes a naive splitter cut in the wrong place: quotes,
    /// brackets, commas, comment openers, hashes and line breaks.
    fn awkward() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex(
            r##"([a-zé\n ]|"|\\|\(|\)|\[|\]|,|#|//|/\*|\*/|r#"|"#|'){0,24}"##,
        )
        .expect("a valid regex")
    }

    fn project_with(notes: Vec<(String, String)>) -> Project {
        let mut project = Project::new("awkward");
        let source = crate::model::Source::new("Outlet");
        let text = "Some text with a figure in it.".to_owned();
        let document = crate::model::Document::new(
            crate::model::DocumentId::from("d1"),
            "Title",
            source.id.clone(),
            text,
        );
        let anchor =
            crate::model::span::anchor(&document.text, crate::model::span::Span::new(5, 9))
                .expect("a span inside the text");
        for (note, claimant) in notes {
            let mut claim = Claim::new(
                document.id.clone(),
                anchor.clone(),
                project.labels[0].id.clone(),
                "tester",
            );
            claim.note = note;
            claim.claimant = claimant;
            project.claims.push(claim);
        }
        project.sources.push(source);
        project.documents.push(document);
        project
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

        #[test]
        fn threads_read_and_write_what_one_thread_does(
            notes in proptest::collection::vec((awkward(), awkward()), 0..12),
            threads in 2usize..5,
        ) {
            let project = project_with(notes);
            let config = crate::io::project_file::pretty_config();
            let whole = ron::ser::to_string_pretty(&project, config.clone()).unwrap();
            proptest::prop_assert_eq!(&to_string_with(&project, &config, threads).unwrap(), &whole);
            let parsed = options().from_str::<Project>(&whole).unwrap();
            // What claimdesk writes is always split, and read the same.
            let parallel = parse_with(&whole, &options(), threads, &Progress::default());
            proptest::prop_assert_eq!(parallel, Ok(Some(parsed)));
        }
    }

    #[test]
    fn a_mangled_file_is_never_read_as_something_else() {
        use rand::{RngExt, SeedableRng};
        // A generated project, then one byte at a time turned into a
        // character that matters to the scan: whatever the threads read must
        // be what the whole parse reads; declining is always allowed.
        let project = crate::synth::generate(6, 120, 21);
        let config = crate::io::project_file::pretty_config();
        let text = ron::ser::to_string_pretty(&project, config).unwrap();
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        let specials = b"\"\\#()[],/*'r \n";
        let mut split = 0;
        for _ in 0..300 {
            let mut bytes = text.clone().into_bytes();
            for _ in 0..rng.random_range(1..4) {
                let at = rng.random_range(0..bytes.len());
                if bytes[at].is_ascii() {
                    bytes[at] = specials[rng.random_range(0..specials.len())];
                }
            }
            let Ok(mangled) = String::from_utf8(bytes) else {
                continue;
            };
            let parallel = parse_with(mangled.as_str(), &options(), 3, &Progress::default());
            if let Ok(Some(project)) = parallel {
                split += 1;
                assert_eq!(
                    options().from_str::<Project>(&mangled).ok(),
                    Some(project),
                    "threads read a mangled file differently"
                );
            }
        }
        // Most single-character damage still parses and splits.
        assert!(split > 10, "{split}");
    }
}
