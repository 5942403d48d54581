//! A PDF as a document: its text in reading order (by `pdf_oxide`: the
//! structure tree of a tagged PDF, else the page's geometry), a paragraph
//! per block with its lines joined, and a blank line between pages, so that
//! no paragraph runs on from one page into the next.

use super::extract::{first_line, tidy_paragraphs};
use pdf_oxide::PdfDocument;

/// Why a PDF gave no text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("a PDF without a text layer (a scan?): run OCR on it first, for example with ocrmypdf")]
    NoText,
    #[error("an encrypted PDF that opens only with a password: save an unlocked copy first")]
    Encrypted,
    #[error("a damaged PDF ({0})")]
    Damaged(String),
}

/// The text of a PDF, pages in order, each page's blocks as paragraphs.
pub fn read_pdf(bytes: Vec<u8>) -> Result<String, PdfError> {
    let damaged = |e: pdf_oxide::Error| PdfError::Damaged(first_line(&e.to_string()));
    let document = PdfDocument::from_bytes(bytes).map_err(damaged)?;
    // A PDF locked only against printing or copying opens with the empty
    // password, as every reader opens it; one that needs a password does not.
    if document.is_encrypted() && !document.authenticate(b"").unwrap_or(false) {
        return Err(PdfError::Encrypted);
    }
    let pages = document.page_count().map_err(damaged)?;
    let mut text = String::new();
    for page in 0..pages {
        let page_text = document.extract_text(page).map_err(damaged)?;
        let paragraphs = paragraphs(&page_text);
        if paragraphs.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&paragraphs);
    }
    if text.is_empty() {
        return Err(PdfError::NoText);
    }
    Ok(text)
}

/// A page's lines as paragraphs: the lines of a block (lines not parted by
/// a blank one) joined by a space, or by nothing after a hyphen that ends
/// a line inside a word ("well-" + "known" = "well-known").
fn paragraphs(page: &str) -> String {
    let mut joined = String::with_capacity(page.len());
    let mut in_block = false;
    for line in page.lines().map(str::trim) {
        if line.is_empty() {
            if in_block {
                joined.push_str("\n\n");
            }
            in_block = false;
            continue;
        }
        if in_block {
            let after_hyphen = joined.ends_with('-')
                && joined[..joined.len() - 1]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic);
            if !after_hyphen {
                joined.push(' ');
            }
        }
        joined.push_str(line);
        in_block = true;
    }
    tidy_paragraphs(&joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/pdf")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn a_pdf_gives_paragraphs_in_reading_order_and_pages_apart() {
        let text = read_pdf(fixture("two-pages.pdf")).unwrap();
        let heading = text.find("Strike on Belgorod").expect(&text);
        let toll = text
            .find("has risen to 24 people, the regional governor said on Wednesday.")
            .expect(&text);
        let injured = text.find("More than 100 people").expect(&text);
        let left = text
            .find("Left column first line of the left column")
            .expect(&text);
        let right = text
            .find("Right column comes after the left one")
            .expect(&text);
        assert!(
            heading < toll && toll < injured && injured < left && left < right,
            "{text}"
        );
        // The second page starts a paragraph of its own.
        assert!(text[..left].ends_with("\n\n"), "{text}");
    }

    #[test]
    fn a_scan_a_locked_and_a_damaged_pdf_say_what_they_are() {
        assert_eq!(read_pdf(fixture("scan.pdf")), Err(PdfError::NoText));
        assert_eq!(read_pdf(fixture("locked.pdf")), Err(PdfError::Encrypted));
        assert!(matches!(
            read_pdf(fixture("damaged.pdf")),
            Err(PdfError::Damaged(_))
        ));
        assert!(matches!(
            read_pdf(b"%PDF-".to_vec()),
            Err(PdfError::Damaged(_))
        ));
    }

    #[test]
    fn lines_of_a_block_are_joined() {
        assert_eq!(
            paragraphs("A well-\nknown fact\nends here.\n\n\nNext - \nblock\n"),
            "A well-known fact ends here.\n\nNext - block"
        );
    }
}
