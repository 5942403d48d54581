//! Reading and writing a large project on every core.
//!
//! Claims are most of a big project file (about 600 bytes each, and an
//! investigation may hold 100,000 of them), and `ron` works through them one
//! field at a time on one thread. Here a light scan that knows RON's
//! strings, raw strings and comments reads the file as it arrives and cuts
//! it where the top-level `claims` list opens, between the claims every
//! megabyte or so, and where the list closes. Each piece goes to a thread
//! as soon as it is cut: the fields before the claims (the documents'
//! text), the runs of claims, then the fields after them. Only a few pieces
//! wait for a thread at a time, and each run joins the claims list as soon
//! as the runs before it have, so the file's bytes and the project it
//! becomes are never both held whole. Saving does the reverse: runs of
//! claims are written on separate threads and put out in order, spliced
//! into the rest, as each is done, byte for byte what one `ron` serialiser
//! writes.
//!
//! Whatever the scan cannot vouch for (an `#![enable(..)]` header, a char
//! literal, a comment where a field name is expected, fields before the
//! claims other than claimdesk writes there, any piece that does not
//! parse) makes [`parse`] return `Ok(None)`, and the caller falls back to
//! the plain sequential parse, which also gives the exact position of any
//! error. The property tests check that both ways read the same project,
//! however the reads and the runs cut the text.

use crate::model::ids::read_sharing_ids;
use crate::model::{Claim, Conflict, Dismissal, Document, Label, Project, Source};
use crate::progress::{Cancelled, Progress};
use rayon::prelude::*;
use serde::Deserialize;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

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
        let at = from + memchr::memchr2(b'"', b'\\', &b[from..])?;
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

/// How a token the scan skips ends.
#[derive(Debug, PartialEq)]
enum Skip {
    /// Just before this index.
    To(usize),
    /// Past the bytes at hand: more may end it.
    Open,
    /// It is not a token the scan knows.
    Bad,
}

/// The index just past the comment starting at `at` (a `/`). A line
/// comment that meets the end of the bytes is [`Skip::Open`] (the end of the
/// text ends it too).
fn skip_comment(b: &[u8], at: usize) -> Skip {
    match b.get(at + 1) {
        None => Skip::Open,
        Some(b'/') => memchr::memchr(b'\n', &b[at..]).map_or(Skip::Open, |n| Skip::To(at + n + 1)),
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
                            return Skip::To(i);
                        }
                    }
                    _ => i += 1,
                }
            }
            Skip::Open
        }
        _ => Skip::Bad,
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

/// Finds the `[` of the top-level `claims` list and the commas between its
/// elements that cut it every `run_bytes` (see [`Scanner`]). `None` when
/// there is no such list or the text holds something the scan does not
/// vouch for.
fn find_cuts(text: &str, run_bytes: usize) -> Option<Cuts> {
    let mut cuts: Option<Cuts> = None;
    let mut scanner = Scanner::new(run_bytes);
    let scanned = scanner.scan(
        text.as_bytes(),
        0,
        true,
        &mut |cut| match (cut, cuts.as_mut()) {
            (Cut::Open(open), _) => {
                cuts = Some(Cuts {
                    open,
                    commas: Vec::new(),
                })
            }
            (Cut::Comma(at), Some(cuts)) => cuts.commas.push(at),
            _ => {}
        },
    );
    (scanned == Scanned::Done).then_some(cuts).flatten()
}

/// The offsets of the `[` and the `]` of the top-level claims list, when
/// the scan vouches for them.
pub(crate) fn claims_list(text: &str) -> Option<(usize, usize)> {
    let (mut open, mut close) = (None, None);
    let mut scanner = Scanner::new(usize::MAX);
    let scanned = scanner.scan(text.as_bytes(), 0, true, &mut |cut| match cut {
        Cut::Open(at) => open = Some(at),
        Cut::Close(at) => close = Some(at),
        Cut::Comma(_) => {}
    });
    match (scanned, open, close) {
        (Scanned::Done, Some(open), Some(close)) if open < close => Some((open, close)),
        _ => None,
    }
}

/// One claim as a save writes it in the claims list: indented, on one
/// line (its strings escaped when one holds a line end), with its comma.
pub(crate) fn claim_line(
    claim: &Claim,
    config: &ron::ser::PrettyConfig,
) -> Result<String, ron::Error> {
    let mut out = String::with_capacity(700);
    push_claim_line(
        &mut out,
        claim,
        &config.clone().depth_limit(0),
        &config.clone().depth_limit(0).escape_strings(true),
    )?;
    Ok(out)
}

/// Appends one claim's line to `out` (see [`claim_line`]), with the
/// per-claim settings made once by the caller.
fn push_claim_line(
    out: &mut String,
    claim: &Claim,
    plain: &ron::ser::PrettyConfig,
    escaped: &ron::ser::PrettyConfig,
) -> Result<(), ron::Error> {
    out.push_str(&plain.indentor);
    out.push_str(&plain.indentor);
    let start = out.len();
    ron::ser::to_writer_pretty(&mut *out, claim, plain.clone())?;
    // One line per claim, whatever its strings hold: a claim whose strings
    // hold a line end is written again with its strings escaped. Escaping
    // every claim would cost two thirds more time per save, for the few
    // claims that need it.
    if memchr::memchr2(b'\n', b'\r', &out.as_bytes()[start..]).is_some() {
        out.truncate(start);
        ron::ser::to_writer_pretty(&mut *out, claim, escaped.clone())?;
    }
    out.push(',');
    out.push_str(&plain.new_line);
    Ok(())
}

/// A project written as a save writes it, with its claims list made of
/// `lines` (each as [`claim_line`] writes one) in place of its own claims,
/// which must be none.
pub(crate) fn write_with_claim_lines<'a>(
    project: &Project,
    config: &ron::ser::PrettyConfig,
    lines: impl IntoIterator<Item = &'a str>,
) -> Result<String, ron::Error> {
    let mut lines = lines.into_iter().peekable();
    if !project.claims.is_empty() || lines.peek().is_none() || config.depth_limit != 2 {
        return Err(ron::Error::Message("claims given twice, or none".into()));
    }
    let rest = Project {
        format_version: project.needed_format_version(),
        ..project.clone()
    };
    let head = ron::ser::to_string_pretty(&rest, config.clone())?;
    let Some(open) = find_cuts(&head, usize::MAX)
        .map(|cuts| cuts.open)
        .filter(|&open| head[open + 1..].starts_with(']'))
    else {
        return Err(ron::Error::Message("no claims list".into()));
    };
    let (before, after) = head.split_at(open + 1);
    let mut out = String::with_capacity(head.len());
    out.push_str(before);
    out.push_str(&config.new_line);
    for line in lines {
        out.push_str(line);
    }
    out.push_str(&config.indentor);
    out.push_str(after);
    Ok(out)
}

/// What the scan found, at its offset in the text.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Cut {
    /// The `[` of the claims list.
    Open(usize),
    /// A comma between claims, where a run ends.
    Comma(usize),
    /// The `]` that ends the list.
    Close(usize),
}

/// Where a scan stopped.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Scanned {
    /// At the end of the bytes it was given; it goes on with more.
    More,
    /// It found the end of the claims list.
    Done,
    /// The text holds something this scan does not vouch for, or no
    /// claims list at all.
    Refused,
}

/// A scan for the `[` of the top-level `claims` list, the commas that cut
/// the list into runs, and the `]` that ends it: a run ends at the first
/// comma past each multiple of a run's length from the `[`.
///
/// It reads the text as it arrives: given the bytes so far, it stops at the
/// end of them and takes up again from the token it was in (a string or a
/// comment may be cut by a read), so a file is scanned while it is read.
/// Offsets are from the start of the text.
struct Scanner {
    /// The next byte to look at.
    at: usize,
    depth: usize,
    open: Option<usize>,
    /// The length of a run, and the number of the next cut.
    run_bytes: usize,
    next_cut: usize,
    /// True when an element of the list has just closed: only the comma
    /// right after one is cut at (a cut at the second of two commas would
    /// make two lists `ron` reads of a text it refuses).
    closed: bool,
}

impl Scanner {
    fn new(run_bytes: usize) -> Self {
        Self {
            at: 0,
            depth: 0,
            open: None,
            run_bytes: run_bytes.max(1),
            next_cut: 1,
            closed: false,
        }
    }

    /// Where the next run may end: the first comma from here on.
    fn target(&self, open: usize) -> usize {
        open.saturating_add(self.next_cut.saturating_mul(self.run_bytes))
    }

    /// Scans `b`, the text from offset `base` on, calling `found` with the
    /// list's `[`, each comma to cut at, and the list's `]`. `last` says
    /// that no bytes follow `b`. The bytes from the last cut on must still
    /// be in `b`: a raw string looks back at its `r` and hashes.
    fn scan(&mut self, b: &[u8], base: usize, last: bool, found: &mut impl FnMut(Cut)) -> Scanned {
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
        let at_end = if last {
            Scanned::Refused
        } else {
            Scanned::More
        };
        let mut i = self.at.saturating_sub(base);
        loop {
            match b
                .get(i..)
                .and_then(|rest| rest.iter().position(|&c| INTERESTING[usize::from(c)]))
            {
                Some(skip) => i += skip,
                None => {
                    self.at = base + b.len();
                    return at_end;
                }
            }
            // Where to take up again if this token runs past the bytes.
            self.at = base + i;
            match b[i] {
                b'"' => match skip_string(b, i) {
                    Some(end) => {
                        i = end;
                        continue;
                    }
                    None => return at_end,
                },
                b'/' => match skip_comment(b, i) {
                    Skip::To(end) => {
                        i = end;
                        continue;
                    }
                    Skip::Open => return at_end,
                    Skip::Bad => return Scanned::Refused,
                },
                // Extensions (`#![enable(..)]`) change how everything parses, and
                // no claimdesk field is a char: leave both to the full parser.
                b'\'' => return Scanned::Refused,
                b'#' if self.depth == 0 => return Scanned::Refused,
                b'(' | b'[' | b'{' => {
                    if self.depth == 1
                        && b[i] == b'['
                        && self.open.is_none()
                        && is_claims_field(b, i)
                    {
                        let open = base + i;
                        self.open = Some(open);
                        found(Cut::Open(open));
                    }
                    self.depth += 1;
                }
                b')' | b']' | b'}' => {
                    let Some(depth) = self.depth.checked_sub(1) else {
                        return Scanned::Refused;
                    };
                    self.depth = depth;
                    self.closed = depth == 2;
                    if depth == 1 && self.open.is_some() {
                        found(Cut::Close(base + i));
                        self.at = base + i + 1;
                        return Scanned::Done;
                    }
                }
                b',' if self.depth == 2 => {
                    let after_element = std::mem::replace(&mut self.closed, false);
                    if let Some(open) = self.open
                        && after_element
                        && base + i >= self.target(open)
                    {
                        found(Cut::Comma(base + i));
                        while self.target(open) <= base + i {
                            self.next_cut += 1;
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
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
    parse_with(text, options, crate::pool::threads(), progress)
}

/// How many bytes of an in-memory text [`parse`] hands the scan at a time,
/// as a file would arrive.
const CHUNK: usize = 2 << 20;

fn parse_with(
    text: &str,
    options: &ron::Options,
    threads: usize,
    progress: &Progress,
) -> Result<Option<Project>, Cancelled> {
    let run_bytes = run_bytes(text.len(), threads);
    parse_chunked(text, CHUNK, run_bytes, options, threads, progress)
}

/// Parses `text` as [`parse_stream`] does a file that arrives `chunk`
/// bytes at a time, cutting a run every `run_bytes`.
fn parse_chunked(
    text: &str,
    chunk: usize,
    run_bytes: usize,
    options: &ron::Options,
    threads: usize,
    progress: &Progress,
) -> Result<Option<Project>, Cancelled> {
    let mut unread = text.as_bytes();
    let read = |buf: &mut Vec<u8>| -> Result<usize, std::convert::Infallible> {
        let n = chunk.max(1).min(unread.len());
        buf.extend_from_slice(&unread[..n]);
        unread = &unread[n..];
        Ok(n)
    };
    match parse_runs(read, run_bytes, options, threads, progress) {
        Ok(project) => Ok(project),
        Err(Stop::Cancelled) => Err(Cancelled),
        Err(Stop::Read(never)) => match never {},
    }
}

/// Why [`parse_stream`] stopped without an answer.
#[derive(Debug, PartialEq)]
pub(crate) enum Stop<E> {
    /// Reading failed.
    Read(E),
    Cancelled,
}

/// Parses a project on every core while it is read. `read` appends the
/// next bytes to the buffer it is given and says how many (0 at the end);
/// `size` is the length expected, which sets where the runs are cut.
///
/// Each run is parsed as soon as the scan has cut it, and at most a few
/// wait for a thread: reading is faster than parsing, so a file read whole
/// first would be held in memory beside the project it turns into. Here
/// only the part before the claims (the documents) and the runs in hand
/// are. `Ok(None)` as for [`parse`]: the text is gone, and the caller
/// reads it again to parse it whole.
pub(crate) fn parse_stream<E>(
    read: impl FnMut(&mut Vec<u8>) -> Result<usize, E>,
    size: usize,
    options: &ron::Options,
    threads: usize,
    progress: &Progress,
) -> Result<Option<Project>, Stop<E>> {
    parse_runs(read, run_bytes(size, threads), options, threads, progress)
}

impl Project {
    /// Reads `bytes` as [`parse_stream`] reads a large project file, but
    /// `read_bytes` at a time, cutting a run of claims every `run_bytes`, on
    /// `threads` threads; read number `fail_at_read` (from 0), if any,
    /// fails. `Ok(None)` where opening the file would fall back to the
    /// whole parse; `Err` only for that failed read.
    ///
    /// Only for the fuzz target and the tests: a file is read this way
    /// from a megabyte on, in pieces far longer than a fuzzed input, so
    /// only small pieces let fuzzing reach the cuts. The fuzz crate cannot
    /// see this private module; an associated function of a public type
    /// is its way in.
    #[doc(hidden)]
    pub fn read_in_pieces(
        bytes: &[u8],
        read_bytes: usize,
        run_bytes: usize,
        threads: usize,
        fail_at_read: Option<usize>,
    ) -> Result<Option<Project>, std::io::Error> {
        // The options opening a file reads with (`MAX_NESTING` is private
        // to `project_file`), so that what is compared is what is opened.
        let options = ron::Options::default().with_recursion_limit(64);
        let mut unread = bytes;
        let mut reads = 0usize;
        let read = |buf: &mut Vec<u8>| -> std::io::Result<usize> {
            if fail_at_read == Some(reads) {
                return Err(std::io::Error::other("the read the caller asked to fail"));
            }
            reads += 1;
            let n = read_bytes.max(1).min(unread.len());
            buf.extend_from_slice(&unread[..n]);
            unread = &unread[n..];
            Ok(n)
        };
        match parse_runs(read, run_bytes, &options, threads, &Progress::default()) {
            Ok(project) => Ok(project),
            Err(Stop::Read(error)) => Err(error),
            // Nobody else holds the Progress, so nobody cancels it.
            Err(Stop::Cancelled) => Err(std::io::ErrorKind::Interrupted.into()),
        }
    }
}

/// How long the runs of a text of `size` bytes are.
fn run_bytes(size: usize, threads: usize) -> usize {
    (size / (threads.max(1) * RUNS_PER_THREAD)).clamp(MIN_RUN_BYTES, MAX_RUN_BYTES)
}

/// [`parse_stream`], cutting a run every `run_bytes`.
fn parse_runs<E>(
    mut read: impl FnMut(&mut Vec<u8>) -> Result<usize, E>,
    run_bytes: usize,
    options: &ron::Options,
    threads: usize,
    progress: &Progress,
) -> Result<Option<Project>, Stop<E>> {
    let threads = threads.max(1);
    let stop = AtomicBool::new(false);
    let assembly = Mutex::new(Assembly::default());
    // A piece that failed means the whole parse will run: stop this one.
    let done = |number: usize, parsed: Parsed| match assembly.lock() {
        Ok(mut assembly) => {
            assembly.add(number, parsed);
            if assembly.failed {
                stop.store(true, Ordering::Relaxed);
            }
        }
        Err(_) => stop.store(true, Ordering::Relaxed),
    };
    let parse = |number: usize, job: Job| {
        if !stop.load(Ordering::Relaxed) && !progress.is_cancelled() {
            done(number, parse_job(options, job, progress));
        }
    };
    // Pieces being parsed on the pool: as many as it has threads, so that
    // the file is not read far ahead of the parsing (its bytes and the
    // project are never both held whole).
    let in_flight = AtomicUsize::new(0);
    let fed = crate::pool::run("reading", || {
        rayon::in_place_scope(|scope| {
            // This thread reads and cuts, and parses a piece itself when
            // the pool's threads are all busy.
            let hand = |number: usize, job: Job| {
                if stop.load(Ordering::Relaxed) {
                    return false;
                }
                if threads < 2 || in_flight.load(Ordering::Acquire) >= threads {
                    parse(number, job);
                } else {
                    in_flight.fetch_add(1, Ordering::AcqRel);
                    let (parse, in_flight) = (&parse, &in_flight);
                    scope.spawn(move |_| {
                        parse(number, job);
                        in_flight.fetch_sub(1, Ordering::AcqRel);
                    });
                }
                true
            };
            let fed = feed(&mut read, run_bytes, hand, progress);
            if !matches!(fed, Ok(true)) {
                stop.store(true, Ordering::Relaxed);
            }
            fed
        })
    });
    // A worker that panicked (parsing returns errors; it cannot) counts as
    // a failure, and the caller falls back to the plain parse.
    let fed = fed.unwrap_or(Ok(false));
    let split = fed?;
    progress.go_on().map_err(|Cancelled| Stop::Cancelled)?;
    if !split || stop.load(Ordering::Relaxed) {
        return Ok(None);
    }
    Ok(assembly.into_inner().ok().and_then(Assembly::finish))
}

/// Reads the text through `read` and hands out the pieces to parse,
/// numbered in order as soon as the scan has found them: the fields before
/// the claims, each run of claims, then the fields after them. `Ok(false)`
/// when the scan does not vouch for the text, or `hand` refuses a piece
/// (one before it failed).
fn feed<E>(
    read: &mut impl FnMut(&mut Vec<u8>) -> Result<usize, E>,
    run_bytes: usize,
    mut hand: impl FnMut(usize, Job) -> bool,
    progress: &Progress,
) -> Result<bool, Stop<E>> {
    let mut scanner = Scanner::new(run_bytes);
    // The text not handed out yet, from offset `base` on: all of it until
    // the list's `[` is found, then from the last cut (that `[`, a comma or
    // the closing `]`).
    let mut buf: Vec<u8> = Vec::new();
    let mut base = 0;
    let mut number = 0;
    let mut scanned = Scanned::More;
    let mut cuts = Vec::new();
    let mut last = false;
    // The scan takes up a string or comment cut by a read from its start:
    // while one token outlasts the reads, each scan reads twice as much
    // first, so a long document's text is scanned a few times, not once
    // per read.
    let mut reads = 1usize;
    while !last {
        for _ in 0..reads {
            progress.go_on().map_err(|Cancelled| Stop::Cancelled)?;
            last = read(&mut buf).map_err(Stop::Read)? == 0;
            if last {
                break;
            }
        }
        if scanned != Scanned::More {
            // Past the list: what follows it is read whole.
            continue;
        }
        let from = scanner.at;
        scanned = scanner.scan(&buf, base, last, &mut |cut| cuts.push(cut));
        reads = if scanned == Scanned::More && scanner.at == from {
            reads.saturating_mul(2)
        } else {
            1
        };
        for cut in cuts.drain(..) {
            let (Cut::Open(at) | Cut::Comma(at) | Cut::Close(at)) = cut;
            let rest = buf.split_off(at - base);
            let mut piece = std::mem::replace(&mut buf, rest);
            // The piece keeps the buffer that grew while reading: give back
            // what it no longer needs (but room for a run's `]`) while it
            // waits for a thread.
            piece.shrink_to(piece.len() + 1);
            base = at;
            let job = match cut {
                Cut::Open(_) => Job::Head(piece),
                Cut::Comma(_) | Cut::Close(_) => Job::Run(piece),
            };
            if !hand(number, job) {
                return Ok(false);
            }
            number += 1;
        }
        if scanned == Scanned::Refused {
            return Ok(false);
        }
    }
    if scanned != Scanned::Done {
        return Ok(false);
    }
    Ok(hand(number, Job::Tail(buf)))
}

/// The project put together from its pieces as they are parsed, in order:
/// each run's claims join the list as soon as the runs before it have, so
/// the runs and the whole list are never all held at once.
#[derive(Default)]
struct Assembly {
    head: Option<Head>,
    claims: Vec<Claim>,
    tail: Option<Tail>,
    /// The number of the next piece to join.
    next: usize,
    /// Pieces parsed before the ones ahead of them.
    waiting: std::collections::BTreeMap<usize, Parsed>,
    failed: bool,
}

impl Assembly {
    fn add(&mut self, number: usize, parsed: Parsed) {
        self.waiting.insert(number, parsed);
        while let Some(parsed) = self.waiting.remove(&self.next) {
            self.next += 1;
            let in_order = match parsed {
                Parsed::Head(Some(head)) if self.head.is_none() => {
                    self.head = Some(head);
                    true
                }
                Parsed::Run(Some(mut run)) if self.head.is_some() && self.tail.is_none() => {
                    if self.claims.is_empty() {
                        self.claims = run;
                    } else {
                        self.claims.append(&mut run);
                    }
                    true
                }
                Parsed::Tail(Some(tail)) if self.head.is_some() && self.tail.is_none() => {
                    self.tail = Some(tail);
                    true
                }
                _ => false,
            };
            self.failed |= !in_order;
        }
    }

    /// The project: `None` when a piece failed or is missing.
    fn finish(self) -> Option<Project> {
        if self.failed || !self.waiting.is_empty() {
            return None;
        }
        let (head, tail) = (self.head?, self.tail?);
        // A claims field in either means the scan took another list for
        // the claims' (a comment can hide the real one from it).
        if !head.claims.is_empty() || !tail.claims.is_empty() {
            return None;
        }
        // Built field by field, so that a field added to `Project` does
        // not compile until `Head` or `Tail` reads it.
        Some(Project {
            format_version: head.format_version,
            name: head.name,
            publisher: head.publisher,
            labels: head.labels,
            sources: head.sources,
            documents: head.documents,
            claims: self.claims,
            dismissed: tail.dismissed,
            conflicts: tail.conflicts,
            index: Default::default(),
        })
    }
}

/// The fields of a project before its claims, as claimdesk writes them,
/// read from the text before the claims list with an empty list put in
/// its place. A file with any other field there is parsed whole.
#[derive(Deserialize)]
#[serde(rename = "Project", deny_unknown_fields)]
struct Head {
    format_version: u32,
    name: String,
    #[serde(default)]
    publisher: Option<crate::model::Publisher>,
    labels: Vec<Label>,
    sources: Vec<Source>,
    documents: Vec<Document>,
    /// The empty list put in place of the claims, or claims the scan did
    /// not see as the list.
    claims: Vec<Claim>,
}

/// The fields after the claims, read from the list's `]` on with
/// `(claims: [` put before it.
#[derive(Deserialize)]
#[serde(rename = "Project", deny_unknown_fields)]
struct Tail {
    /// Empty: the list ends where this piece begins.
    claims: Vec<Claim>,
    #[serde(default)]
    dismissed: Vec<Dismissal>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

/// Runs per thread: more runs than threads keep both busy to the end and
/// let the progress bar move in small steps.
const RUNS_PER_THREAD: usize = 8;

/// Bounds on a run's length. Runs of a megabyte or less keep little text
/// waiting for a thread, and are long enough that starting one costs nothing.
const MIN_RUN_BYTES: usize = 64 << 10;
const MAX_RUN_BYTES: usize = 1 << 20;

/// A piece of the text to parse, as cut out of it.
enum Job {
    /// The text before the claims list's `[`.
    Head(Vec<u8>),
    /// A run of claims, from the cut before it (the `[` or a comma) to
    /// just before the cut after it.
    Run(Vec<u8>),
    /// The text from the list's `]` to the end.
    Tail(Vec<u8>),
}

/// What one job of the parse produced.
enum Parsed {
    Head(Option<Head>),
    Run(Option<Vec<Claim>>),
    Tail(Option<Tail>),
}

/// Put after the text before the claims, to make it a whole project.
const HEAD_END: &[u8] = b"[])";
/// Put before the text after the claims, to make it a whole project.
const TAIL_START: &[u8] = b"(claims: [";

fn parse_job(options: &ron::Options, job: Job, progress: &Progress) -> Parsed {
    // Each piece is counted once, without the bytes put around it.
    match job {
        Job::Head(mut text) => {
            progress.advance(text.len() as u64);
            text.extend_from_slice(HEAD_END);
            Parsed::Head(parse_piece(options, text))
        }
        Job::Run(mut run) => {
            progress.advance(run.len() as u64);
            // The cut before it becomes the list's `[`, and a `]` ends it.
            match run.first_mut() {
                Some(first) => *first = b'[',
                None => return Parsed::Run(None),
            }
            run.push(b']');
            Parsed::Run(parse_piece(options, run))
        }
        Job::Tail(tail) => {
            progress.advance(tail.len() as u64);
            let mut text = Vec::with_capacity(TAIL_START.len() + tail.len());
            text.extend_from_slice(TAIL_START);
            text.extend_from_slice(&tail);
            drop(tail);
            Parsed::Tail(parse_piece(options, text))
        }
    }
}

/// One piece parsed; `None` when it is not UTF-8 or does not parse.
fn parse_piece<T: serde::de::DeserializeOwned>(
    options: &ron::Options,
    bytes: Vec<u8>,
) -> Option<T> {
    let text = String::from_utf8(bytes).ok()?;
    read_sharing_ids(|| options.from_str(&text)).ok()
}

/// Writes a project as `ron` does with `config`, on every core, except
/// that a claim's strings are escaped: a quote, context or note holding a
/// line end is written `\n`, so that a claim is always one line (git's
/// line merge, `grep` and review tools see one claim per line). Document
/// texts stay raw, multi-line strings.
///
/// `config` must write each claim on one line (`depth_limit(2)`): the
/// claims are then written in runs on separate threads and spliced into
/// the rest of the project, written meanwhile with an empty claims list.
pub(crate) fn to_string(
    project: &Project,
    config: &ron::ser::PrettyConfig,
) -> Result<String, ron::Error> {
    to_string_with(project, config, write_threads(project), WRITE_RUN_CLAIMS)
}

fn to_string_with(
    project: &Project,
    config: &ron::ser::PrettyConfig,
    threads: usize,
    run_claims: usize,
) -> Result<String, ron::Error> {
    let mut text = String::new();
    let put = |piece: &str| -> Result<(), std::convert::Infallible> {
        text.push_str(piece);
        Ok(())
    };
    match write_with(project, config, threads, run_claims, put) {
        Ok(()) => Ok(text),
        Err(WriteStop::Serialise(error)) => Err(error),
        Err(WriteStop::Put(never)) => match never {},
    }
}

/// Why [`write`] stopped.
#[derive(Debug)]
pub(crate) enum WriteStop<E> {
    /// `ron` could not write the project (or a writing thread failed).
    Serialise(ron::Error),
    /// Putting a piece out failed.
    Put(E),
}

/// Writes a project as [`to_string`] does, handing its text to `put` piece
/// by piece, in order, each as soon as it and those before it are written:
/// a save puts the first runs of claims on disk while the threads are
/// still writing the rest, and never holds the text whole.
pub(crate) fn write<E>(
    project: &Project,
    config: &ron::ser::PrettyConfig,
    put: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), WriteStop<E>> {
    write_with(
        project,
        config,
        write_threads(project),
        WRITE_RUN_CLAIMS,
        put,
    )
}

/// Threads pay off from a few thousand claims on.
fn write_threads(project: &Project) -> usize {
    if project.claims.len() < 2_000 {
        1
    } else {
        crate::pool::threads()
    }
}

/// Claims per run written: enough that a run costs far more than passing
/// it on, few enough that the first runs reach the disk early.
const WRITE_RUN_CLAIMS: usize = 2_000;

/// [`write`] on `threads` threads, in runs of `run_claims` claims.
fn write_with<E>(
    project: &Project,
    config: &ron::ser::PrettyConfig,
    threads: usize,
    run_claims: usize,
    mut put: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), WriteStop<E>> {
    if project.claims.is_empty() || config.depth_limit != 2 {
        // The file says the version it needs, whatever the one read said.
        let versioned;
        let project = if project.format_version == project.needed_format_version() {
            project
        } else {
            versioned = Project {
                format_version: project.needed_format_version(),
                ..project.clone()
            };
            &versioned
        };
        let whole =
            ron::ser::to_string_pretty(project, config.clone()).map_err(WriteStop::Serialise)?;
        return put(&whole).map_err(WriteStop::Put);
    }
    // Everything but the claims; the documents are copied, which costs a
    // few milliseconds against the seconds `ron` spends on the claims.
    let rest = Project {
        format_version: project.needed_format_version(),
        name: project.name.clone(),
        publisher: project.publisher.clone(),
        labels: project.labels.clone(),
        sources: project.sources.clone(),
        documents: project.documents.clone(),
        claims: Vec::new(),
        dismissed: project.dismissed.clone(),
        conflicts: project.conflicts.clone(),
        index: Default::default(),
    };
    let indent = &config.indentor;
    let new_line = &config.new_line;
    let claim_config = config.clone().depth_limit(0);
    let escaped_config = claim_config.clone().escape_strings(true);
    let write_run = |claims: &[Claim]| -> Result<String, ron::Error> {
        let mut out = String::with_capacity(claims.len() * 700);
        for claim in claims {
            push_claim_line(&mut out, claim, &claim_config, &escaped_config)?;
        }
        Ok(out)
    };
    let runs: Vec<&[Claim]> = project.claims.chunks(run_claims.max(1)).collect();
    let head = ron::ser::to_string_pretty(&rest, config.clone()).map_err(WriteStop::Serialise)?;
    let Some(open) = find_cuts(&head, usize::MAX)
        .map(|cuts| cuts.open)
        .filter(|&open| head[open + 1..].starts_with(']'))
    else {
        // Cannot happen for a project ron just wrote; stay correct anyway,
        // and write it the plain way.
        let whole =
            ron::ser::to_string_pretty(project, config.clone()).map_err(WriteStop::Serialise)?;
        return put(&whole).map_err(WriteStop::Put);
    };
    let (before, after) = head.split_at(open + 1);
    put(before).map_err(WriteStop::Put)?;
    put(new_line).map_err(WriteStop::Put)?;
    // Runs are written a window at a time on the pool's threads while this
    // thread puts the window before out, in order: the disk is writing the
    // first megabytes while the next are being made, and at most two
    // windows (a few megabytes) are held.
    let window = threads.max(1) * RUNS_PER_WINDOW;
    let mut put_out = |written: Vec<Result<String, ron::Error>>| -> Result<(), WriteStop<E>> {
        for run in written {
            put(&run.map_err(WriteStop::Serialise)?).map_err(WriteStop::Put)?;
        }
        Ok(())
    };
    let written = crate::pool::run("saving", || -> Result<(), WriteStop<E>> {
        let mut ready = Vec::new();
        for batch in runs.chunks(window.max(1)) {
            let mut next = Vec::new();
            let mut done = Ok(());
            rayon::in_place_scope(|scope| {
                scope.spawn(|_| {
                    next = batch.par_iter().map(|run| write_run(run)).collect();
                });
                done = put_out(std::mem::take(&mut ready));
            });
            done?;
            ready = next;
        }
        put_out(ready)
    });
    match written {
        Ok(result) => result?,
        Err(failed) => {
            return Err(WriteStop::Serialise(ron::Error::Message(
                failed.to_string(),
            )));
        }
    }
    put(indent).map_err(WriteStop::Put)?;
    put(after).map_err(WriteStop::Put)
}

/// How many runs of claims each thread writes per window of a save: each
/// window ends in a wait for its slowest run, so not too few.
const RUNS_PER_WINDOW: usize = 6;

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
        assert_eq!(skip_comment(b"// a\nb", 0), Skip::To(5));
        assert_eq!(skip_comment(b"/* a /* b */ c */d", 0), Skip::To(17));
        // Cut by the end of the bytes at hand: more may end them.
        assert_eq!(skip_comment(b"// a", 0), Skip::Open);
        assert_eq!(skip_comment(b"/* open", 0), Skip::Open);
        assert_eq!(skip_comment(b"/* a /* b */", 0), Skip::Open);
        assert_eq!(skip_comment(b"/", 0), Skip::Open);
        assert_eq!(skip_comment(b"/x", 0), Skip::Bad);
    }

    #[test]
    fn cuts_the_claims_and_nothing_inside_strings() {
        let text = r##"(name: "claims: [x]", claims: [ (a: "),(" ), (b: r#"],"#), (c: [1, 2]) ], other: [1])"##;
        let open = text.find("[ (a").unwrap();
        let cuts = find_cuts(text, usize::MAX).expect("a claims list");
        assert_eq!(
            cuts,
            Cuts {
                open,
                commas: vec![]
            }
        );
        // As many cuts as there are commas between claims, however short
        // the runs asked for.
        let cuts = find_cuts(text, 1).unwrap();
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

    /// The sample's text with `edit` applied, and what the whole parse
    /// makes of it.
    fn edited_sample(edit: impl FnOnce(&str) -> String) -> (String, Option<Project>) {
        let text = edit(&sample_text());
        let whole = options().from_str::<Project>(&text).ok();
        (text, whole)
    }

    #[test]
    fn a_claims_list_hidden_before_the_one_the_scan_finds_is_not_lost() {
        // A comment ending in `claims:` fools the scan into taking the
        // documents' list for the claims', while the real claims list,
        // with a comment before its colon, sits in the fields before it.
        let (text, whole) = edited_sample(|text| {
            let documents = text.find("    documents: [").unwrap();
            let claims = text.find("    claims: [").unwrap() + "    claims: [".len();
            let claims_end = text.find("\n    ],\n    dismissed").unwrap() + "\n    ],\n".len();
            format!(
                "{}    claims /* c */ : [{}    documents: // claims:\n    [],\n{}",
                &text[..documents],
                &text[claims..claims_end],
                &text[claims_end..],
            )
        });
        let whole = whole.expect("the whole parse reads it");
        assert!(!whole.claims.is_empty());
        for run_bytes in [1, 500, 1 << 20] {
            let split = parse_chunked(&text, 700, run_bytes, &options(), 2, &Progress::default());
            assert!(
                matches!(&split, Ok(None)) || split == Ok(Some(whole.clone())),
                "read differently with runs of {run_bytes}"
            );
        }
    }

    #[test]
    fn a_doubled_comma_between_claims_is_refused_wherever_the_runs_are_cut() {
        let (text, whole) = edited_sample(|text| {
            let second = text
                .find("\n        (id: \"c-")
                .map(|first| first + 1 + text[first + 1..].find("\n        (id: \"c-").unwrap());
            let at = second.unwrap();
            format!("{}\n        ,{}", &text[..at], &text[at..])
        });
        assert_eq!(whole, None, "the whole parse refuses `, ,`");
        for run_bytes in [1, 100, 400, 1 << 20] {
            assert_eq!(
                parse_chunked(&text, 300, run_bytes, &options(), 2, &Progress::default()),
                Ok(None),
                "runs of {run_bytes}"
            );
        }
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
    fn writes_the_sample_alike_on_any_number_of_threads() {
        let text = sample_text();
        let project = options().from_str::<Project>(&text).unwrap();
        let config = crate::io::project_file::pretty_config();
        let one = to_string_with(&project, &config, 1, WRITE_RUN_CLAIMS).unwrap();
        assert_eq!(options().from_str::<Project>(&one).unwrap(), project);
        // Files written before claims were escaped (a claim's line ends
        // raw, across lines) read the same, whole and on threads.
        let older = ron::ser::to_string_pretty(&project, config.clone()).unwrap();
        assert_ne!(older, one);
        assert_eq!(options().from_str::<Project>(&older).unwrap(), project);
        let threads = parse_with(&older, &options(), 3, &Progress::default());
        assert_eq!(threads, Ok(Some(project.clone())));
        for threads in 2..=4 {
            for run_claims in [1, 2, 5, WRITE_RUN_CLAIMS] {
                let parallel = to_string_with(&project, &config, threads, run_claims).unwrap();
                assert_eq!(parallel, one, "{threads} threads, runs of {run_claims}");
            }
        }
    }

    #[test]
    fn a_piece_that_cannot_be_put_stops_the_writing_and_says_why() {
        let project = options().from_str::<Project>(&sample_text()).unwrap();
        let config = crate::io::project_file::pretty_config();
        for fail_at in 0..4 {
            let mut put_out = 0;
            let put = |_: &str| {
                put_out += 1;
                if put_out > fail_at {
                    Err("disk full")
                } else {
                    Ok(())
                }
            };
            match write_with(&project, &config, 2, 1, put) {
                Err(WriteStop::Put(error)) => assert_eq!(error, "disk full"),
                other => panic!("{other:?} after {fail_at} pieces"),
            }
            assert_eq!(put_out, fail_at + 1, "nothing is put after the failure");
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
            run_claims in 1usize..4,
            chunk in 1usize..400,
            run_bytes in 1usize..600,
        ) {
            let project = project_with(notes);
            let config = crate::io::project_file::pretty_config();
            let whole = to_string_with(&project, &config, 1, WRITE_RUN_CLAIMS).unwrap();
            let written = to_string_with(&project, &config, threads, run_claims).unwrap();
            proptest::prop_assert_eq!(&written, &whole);
            let parsed = options().from_str::<Project>(&whole).unwrap();
            proptest::prop_assert_eq!(&parsed.claims, &project.claims);
            // Every claim is one line, whatever its strings hold.
            let claim_lines = whole
                .lines()
                .filter(|l| l.trim_start().starts_with("(id:") && l.contains("quote:"))
                .count();
            proptest::prop_assert_eq!(claim_lines, project.claims.len());
            // What claimdesk writes is always split, and read the same,
            // however the reads and the runs cut it.
            let parallel = parse_chunked(&whole, chunk, run_bytes, &options(), threads, &Progress::default());
            proptest::prop_assert_eq!(parallel, Ok(Some(parsed.clone())));
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
            let chunk = rng.random_range(1..5_000);
            let run_bytes = rng.random_range(1..3_000);
            let parallel = parse_chunked(
                &mangled,
                chunk,
                run_bytes,
                &options(),
                3,
                &Progress::default(),
            );
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

    /// Where, around the start of a list's element (a label, a source, a
    /// document or a claim), an edit puts its snippet.
    #[derive(Clone, Copy, Debug)]
    enum Near {
        /// Between the element before and its comma.
        BeforeComma,
        /// Just after that comma (or the list's `[`).
        AfterComma,
        /// Just before the element's `(`.
        BeforeElement,
        /// At the start of the element's id string.
        InId,
        /// At the start of the id, made a raw string `r#"..."#`.
        InRawId,
    }

    /// One change to a project's text. Positions are drawn as fractions,
    /// so that they fall inside the text whatever the changes before did.
    #[derive(Clone, Debug)]
    enum Damage {
        /// One byte becomes another.
        Flip(proptest::sample::Index, u8),
        /// The text ends early.
        Truncate(proptest::sample::Index),
        /// `len` bytes are copied elsewhere, or moved; with `lines`, the
        /// lines of one element, ending where the next element starts.
        Splice {
            from: proptest::sample::Index,
            to: proptest::sample::Index,
            len: usize,
            moved: bool,
            lines: bool,
        },
        /// A snippet is put in around the start of an element.
        Insert {
            element: proptest::sample::Index,
            near: Near,
            snippet: String,
        },
    }

    /// Text the scan must read as RON does: comments, strings, raw strings
    /// and escaped quotes, whole or cut in two, and the characters that
    /// cut a list.
    const SNIPPETS: &[&str] = &[
        "// a comment, with ], ( and \" in it\n",
        "/* a comment ], ( \" /* nested, r#\" */ */",
        "/*",
        "*/",
        "//",
        "\n",
        "\"",
        "\\\"",
        "\\\\\"",
        "r#\"",
        "\"#",
        "r\"raw\"",
        "r#\"a \"quoted\" ], (claim\"#",
        "'x'",
        ",",
        "]",
        "[",
        "(",
        ")",
        "claims: [",
        "], claims: [",
        "#![enable(implicit_some)]",
        "#",
    ];

    fn damage() -> impl proptest::strategy::Strategy<Value = Damage> {
        use proptest::prelude::*;
        use proptest::sample::{Index, select};
        let near = select(
            &[
                Near::BeforeComma,
                Near::AfterComma,
                Near::BeforeElement,
                Near::InId,
                Near::InRawId,
            ][..],
        );
        let snippet = prop_oneof![select(SNIPPETS).prop_map(str::to_owned), awkward()];
        let byte = prop_oneof![select(&b"\"\\#()[],/*'r \n"[..]), any::<u8>()];
        prop_oneof![
            2 => (any::<Index>(), byte).prop_map(|(at, byte)| Damage::Flip(at, byte)),
            1 => any::<Index>().prop_map(Damage::Truncate),
            2 => (any::<Index>(), any::<Index>(), 0usize..800, any::<bool>(), any::<bool>())
                .prop_map(|(from, to, len, moved, lines)| Damage::Splice { from, to, len, moved, lines }),
            5 => (any::<Index>(), near, snippet)
                .prop_map(|(element, near, snippet)| Damage::Insert { element, near, snippet }),
        ]
    }

    fn apply_damage(bytes: &mut Vec<u8>, damage: &Damage) {
        // Where the elements' lines start, as claimdesk writes them.
        let lines: Vec<usize> = memchr::memmem::find_iter(bytes, b"\n        (id: \"")
            .map(|at| at + 1)
            .collect();
        match damage {
            Damage::Flip(at, byte) => {
                if !bytes.is_empty() {
                    let at = at.index(bytes.len());
                    bytes[at] = *byte;
                }
            }
            Damage::Truncate(at) => bytes.truncate(at.index(bytes.len() + 1)),
            Damage::Splice {
                from,
                to,
                len,
                moved,
                lines: whole_lines,
            } => {
                let (from, end, to) = if *whole_lines {
                    if lines.len() < 2 {
                        return;
                    }
                    let element = from.index(lines.len() - 1);
                    (
                        lines[element],
                        lines[element + 1],
                        lines[to.index(lines.len())],
                    )
                } else {
                    let from = from.index(bytes.len() + 1);
                    (
                        from,
                        (from + len).min(bytes.len()),
                        to.index(bytes.len() + 1),
                    )
                };
                let piece: Vec<u8> = if *moved {
                    bytes.drain(from..end).collect()
                } else {
                    bytes[from..end].to_vec()
                };
                // A place inside what moved is where it was.
                let to = match *moved {
                    true if to >= end => to - piece.len(),
                    true => to.min(from),
                    false => to,
                };
                bytes.splice(to..to, piece);
            }
            Damage::Insert {
                element,
                near,
                snippet,
            } => {
                if lines.is_empty() {
                    return;
                }
                let line = lines[element.index(lines.len())];
                let open = line + "        ".len();
                let after_comma = bytes[..line].trim_ascii_end().len();
                let at = match near {
                    Near::BeforeComma if bytes[..after_comma].ends_with(b",") => after_comma - 1,
                    Near::BeforeComma | Near::AfterComma => after_comma,
                    Near::BeforeElement => open,
                    Near::InId => open + "(id: \"".len(),
                    Near::InRawId => {
                        let quote = open + "(id: ".len();
                        let Some(close) = memchr::memchr(b'"', &bytes[quote + 1..]) else {
                            return;
                        };
                        let close = quote + 1 + close;
                        bytes.splice(close..=close, *b"\"#");
                        bytes.splice(quote..=quote, *b"r#\"");
                        quote + "r#\"".len()
                    }
                };
                bytes.splice(at..at, snippet.bytes());
            }
        }
    }

    /// Checks what reading `bytes` in pieces made of it against the whole
    /// parse: the same project, or a fallback; an error only from a read
    /// that failed.
    fn reads_as_the_whole_parse(
        bytes: &[u8],
        read_bytes: usize,
        run_bytes: usize,
        threads: usize,
        fail_at_read: Option<usize>,
    ) -> Result<(), String> {
        let whole = std::str::from_utf8(bytes).ok().and_then(|text| {
            read_sharing_ids(|| options().with_recursion_limit(64).from_str::<Project>(text)).ok()
        });
        match Project::read_in_pieces(bytes, read_bytes, run_bytes, threads, fail_at_read) {
            Ok(Some(project)) => {
                // The whole text is read before a project comes out: the
                // last read, which finds the end, is number len / read_bytes.
                let last_read = bytes.len().div_ceil(read_bytes.max(1));
                if fail_at_read.is_some_and(|fail| fail <= last_read) {
                    return Err(format!(
                        "a project despite the failed read {fail_at_read:?}"
                    ));
                }
                match whole {
                    Some(whole) if whole == project => Ok(()),
                    Some(whole) => Err(format!(
                        "read as another project than the whole parse: {} claims against {}",
                        project.claims.len(),
                        whole.claims.len()
                    )),
                    None => Err("read as a project, which the whole parse refuses".into()),
                }
            }
            Ok(None) => Ok(()),
            Err(_) if fail_at_read.is_some() => Ok(()),
            Err(error) => Err(format!("an error no read caused: {error}")),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn a_file_read_in_small_pieces_reads_as_the_whole_parse_or_falls_back(
            damages in proptest::collection::vec(damage(), 1..4),
            read_bytes in 1usize..300,
            run_bytes in 1usize..2_000,
            threads in 1usize..4,
            fail_at_read in proptest::option::weighted(0.1, 0usize..2_000),
        ) {
            // The sample, damaged where a scan for the claims' cuts can go
            // wrong: around and inside the elements of its lists.
            let mut bytes = sample_text().into_bytes();
            for damage in &damages {
                apply_damage(&mut bytes, damage);
            }
            reads_as_the_whole_parse(&bytes, read_bytes, run_bytes, threads, fail_at_read)
                .map_err(proptest::test_runner::TestCaseError::fail)?;
        }
    }
}
