//! What kind of file a document comes from (text, a saved web page, a
//! PDF), told by its first bytes before its name, and the guard every
//! extractor runs behind: its own thread, a time limit, and a caught panic,
//! so that a hostile file costs an error line and never the process.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::time::Duration;

/// How long one file's extraction may take before it is given up.
pub const EXTRACT_LIMIT: Duration = Duration::from_secs(30);

/// The largest web page or PDF read (their text is held to the size of a
/// document afterwards): a PDF full of pictures is far larger than its text.
pub const MAX_SOURCE_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The stack of an extraction's thread (reserved address space, touched
/// only as deep as the file's nesting goes).
const EXTRACT_STACK_BYTES: usize = 256 * 1024 * 1024;

/// What a file holds, as far as adding it as a document goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Text,
    WebPage,
    Pdf,
}

impl FileKind {
    /// The kind of a file from its first bytes (`%PDF-`, an HTML opening),
    /// else from its name's extension; plain text otherwise.
    pub fn of(name: &std::path::Path, head: &[u8]) -> Self {
        // PDF readers accept the marker anywhere in the first kilobyte.
        let start = &head[..head.len().min(1024)];
        if memchr::memmem::find(start, b"%PDF-").is_some() {
            return Self::Pdf;
        }
        if looks_like_html(head) {
            return Self::WebPage;
        }
        let extension = name
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("html" | "htm" | "xhtml" | "shtml") => Self::WebPage,
            Some("pdf") => Self::Pdf,
            _ => Self::Text,
        }
    }

    /// The kind in words, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::WebPage => "web page",
            Self::Pdf => "PDF",
        }
    }
}

/// True when the first bytes (after a byte-order mark, white space and
/// comments' start) open an HTML document: a doctype, `<html`, `<head` or
/// `<body`, in any case, within the first 2 KB.
fn looks_like_html(head: &[u8]) -> bool {
    let start = &head[..head.len().min(2048)];
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    let trimmed = match start.iter().position(|b| !b.is_ascii_whitespace()) {
        Some(at) => &start[at..],
        None => return false,
    };
    if trimmed.first() != Some(&b'<') {
        return false;
    }
    let lower = trimmed.to_ascii_lowercase();
    [b"<!doctype html".as_slice(), b"<html", b"<head", b"<body"]
        .iter()
        .any(|tag| memchr::memmem::find(&lower, tag).is_some())
}

/// Why a guarded extraction gave no result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// It ran past the time limit; its thread is left to finish alone.
    TimedOut(Duration),
    /// It panicked, with this message.
    Panicked(String),
}

/// Runs `work` on a thread of its own and waits at most `limit` for it; a
/// panic inside it comes back as [`Stopped::Panicked`].
///
/// A thread cannot be killed: one that overruns keeps its CPU until it ends,
/// but the caller goes on (the command line exits, the workbench reports).
pub fn guarded<T: Send + 'static>(
    limit: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Stopped> {
    let (send, receive) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("claimdesk-extract".into())
        // Parsers recurse on nesting: room for a hostile page's depth.
        .stack_size(EXTRACT_STACK_BYTES)
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
                payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "no message".to_owned())
            });
            // The receiver is gone when the caller stopped waiting.
            let _ = send.send(result);
        });
    if let Err(error) = spawned {
        return Err(Stopped::Panicked(format!(
            "no thread to run it on: {error}"
        )));
    }
    match receive.recv_timeout(limit) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(message)) => Err(Stopped::Panicked(first_line(&message))),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Stopped::TimedOut(limit)),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(Stopped::Panicked("it stopped without an answer".into()))
        }
    }
}

/// The first line of a message, at most 200 characters, so that an error
/// from a library stays one line of ours.
pub fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or("").trim();
    let mut short: String = line.chars().take(200).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short
}

/// A page's or PDF's text made fit for a document: paragraphs apart by one
/// blank line, white space inside a line as single spaces (no-break spaces
/// and tabs included), control characters dropped, no blank lines at the
/// ends.
pub fn tidy_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_before = false;
    for line in text.lines() {
        let mut tidy = String::with_capacity(line.len());
        for word in line
            .split(|c: char| c.is_whitespace() || c == '\u{a0}')
            .filter(|w| !w.is_empty())
        {
            if !tidy.is_empty() {
                tidy.push(' ');
            }
            tidy.extend(word.chars().filter(|c| !c.is_control()));
        }
        if tidy.is_empty() {
            blank_before = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_before { "\n\n" } else { "\n" });
        }
        out.push_str(&tidy);
        blank_before = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn kinds_are_told_by_content_before_name() {
        let kind = |name: &str, head: &[u8]| FileKind::of(Path::new(name), head);
        assert_eq!(kind("a.txt", b"%PDF-1.7\n..."), FileKind::Pdf);
        assert_eq!(
            kind("a", b"\xEF\xBB\xBF\n <!DOCTYPE html><p>"),
            FileKind::WebPage
        );
        assert_eq!(
            kind("a.txt", b"<!-- saved --><HTML lang=en>"),
            FileKind::WebPage
        );
        assert_eq!(kind("page.HTM", b"plain words"), FileKind::WebPage);
        assert_eq!(kind("report.pdf", b"not one"), FileKind::Pdf);
        assert_eq!(
            kind("notes.md", b"# Title\n<html> in prose"),
            FileKind::Text
        );
        assert_eq!(kind("a.txt", b""), FileKind::Text);
    }

    #[test]
    fn the_guard_gives_the_value_a_panic_or_a_time_out() {
        assert_eq!(guarded(Duration::from_secs(5), || 7), Ok(7));
        let panicked = guarded(Duration::from_secs(5), || -> u8 {
            panic!("bad\nsecond line")
        });
        assert_eq!(panicked, Err(Stopped::Panicked("bad".into())));
        let slow = guarded(Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_secs(2));
        });
        assert_eq!(slow, Err(Stopped::TimedOut(Duration::from_millis(50))));
    }

    #[test]
    fn paragraphs_are_tidied() {
        assert_eq!(
            tidy_paragraphs("\n\n  A  first\u{a0}line \n\tsecond\n\n\n\nB\u{7} para \n \n"),
            "A first line\nsecond\n\nB para"
        );
        assert_eq!(tidy_paragraphs(" \n\t\n"), "");
    }

    #[test]
    fn first_lines_are_short() {
        assert_eq!(first_line("one\ntwo"), "one");
        assert_eq!(first_line(&"x".repeat(300)).chars().count(), 201);
    }
}
