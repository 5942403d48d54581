//! A saved web page as a document: the article's text in paragraphs, found
//! by `dom_smoothie` (a port of Mozilla's Readability, the extractor of
//! Firefox's Reader View), and what the page says about itself: title,
//! byline, site name, publication date and canonical address.

use super::FileDocument;
use super::extract::{first_line, tidy_paragraphs};
use chrono::NaiveDate;
use dom_smoothie::{Config, Readability, TextMode};

/// Why a page gave no article.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("no article text was found in this web page")]
    NoArticle,
    #[error("the page could not be read: {0}")]
    Unreadable(String),
}

/// Pages with more elements than this are refused rather than parsed for
/// minutes (a real article page has some thousands).
const MAX_ELEMENTS: usize = 200_000;

/// The article of a saved web page, and what the page says about itself:
/// title, byline, site name, publication date, and its canonical address
/// (`<link rel=canonical>`, else its metadata's) when absolute http(s).
/// `bytes` are the file as saved: UTF-8, or the character set the page
/// declares (a byte-order mark first).
pub fn read_page(bytes: &[u8]) -> Result<FileDocument, PageError> {
    let html = decode(bytes);
    let config = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let mut readability = Readability::new(html.as_ref(), None, Some(config))
        .map_err(|e| PageError::Unreadable(first_line(&e.to_string())))?;
    // Read before parse, which takes the page apart.
    let canonical = readability
        .doc
        .select("link[rel~='canonical'][href]")
        .attr("href")
        .map(|href| href.trim().to_owned());
    let article = readability.parse().map_err(|e| match e {
        dom_smoothie::ReadabilityError::GrabFailed => PageError::NoArticle,
        other => PageError::Unreadable(first_line(&other.to_string())),
    })?;
    let text = tidy_paragraphs(&article.text_content);
    if text.is_empty() {
        return Err(PageError::NoArticle);
    }
    let url = canonical
        .filter(|u| is_web_address(u))
        .or(article.url.filter(|u| is_web_address(u)));
    Ok(FileDocument {
        text,
        title: one_line(Some(article.title)),
        byline: one_line(article.byline),
        site_name: one_line(article.site_name),
        published: article.published_time.as_deref().and_then(date_of),
        url,
    })
}

/// The page's text: UTF-8 when it is (a byte-order mark of any Unicode
/// form wins), else in the `charset` its head declares, else Windows-1252
/// as browsers assume.
fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.into();
    }
    let encoding = declared_charset(&bytes[..bytes.len().min(4096)])
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::WINDOWS_1252);
    encoding.decode_without_bom_handling(bytes).0
}

/// The label after the first `charset=` in `head` (`<meta charset="…">` or
/// the `content` of an `http-equiv` meta), in whatever case.
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset=")? + b"charset=".len();
    let label: String = lower[at..]
        .iter()
        .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .map(|&b| char::from(b))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// A metadata value as one trimmed line, or nothing when it is empty.
fn one_line(value: Option<String>) -> Option<String> {
    let value = value?;
    let line = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then_some(line)
}

fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.contains(char::is_whitespace)
}

/// The date of a publication time: its leading `YYYY-MM-DD` (the date where
/// it was published, whatever its zone), or an RFC 2822 date.
fn date_of(time: &str) -> Option<NaiveDate> {
    let time = time.trim();
    if let Some(day) = time.get(..10)
        && let Ok(date) = NaiveDate::parse_from_str(day, "%Y-%m-%d")
    {
        return Some(date);
    }
    chrono::DateTime::parse_from_rfc2822(time)
        .ok()
        .map(|t| t.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page as a news site saves it: navigation, the article, a comment
    /// thread and a list of related stories.
    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Strike on Belgorod kills 24 | Example News</title>
<link rel="canonical" href="https://news.example.org/world/belgorod-strike">
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Strike on Belgorod kills 24">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-01-03T21:15:00+03:00">
</head><body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad banner">Buy our newsletter today</div>
<article>
<h1>Strike on Belgorod kills 24</h1>
<p>The death toll from the attack on the Russian city of Belgorod on 30 December has risen to 24 people, the regional governor said on Wednesday, including four children.</p>
<p>More than 100 people were injured in the strike, which hit the city centre during the afternoon, according to the regional authorities, who declared a day of mourning.</p>
<p>Moscow blamed Kyiv for the attack and launched a wave of strikes on Ukrainian cities in the days that followed, officials in both countries said.</p>
</article>
<section class="comments" id="comments"><h2>Comments</h2><div class="comment"><p>First!</p></div></section>
<aside class="related"><h2>Related articles</h2><ul><li><a href="/a">Another story about something else entirely</a></li></ul></aside>
<footer>Copyright Example News</footer>
</body></html>"#;

    #[test]
    fn a_page_gives_its_article_and_what_it_says_about_itself() {
        let page = read_page(PAGE.as_bytes()).unwrap();
        assert_eq!(page.title.as_deref(), Some("Strike on Belgorod kills 24"));
        assert_eq!(page.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(page.site_name.as_deref(), Some("Example News"));
        assert_eq!(page.published, NaiveDate::from_ymd_opt(2024, 1, 3));
        assert_eq!(
            page.url.as_deref(),
            Some("https://news.example.org/world/belgorod-strike")
        );
        assert!(
            page.text.contains("has risen to 24 people"),
            "{}",
            page.text
        );
        assert!(
            page.text.contains("\n\nMore than 100 people"),
            "{}",
            page.text
        );
        assert!(!page.text.contains("By Jane Doe"), "{}", page.text);
        for left_out in [
            "Home",
            "newsletter",
            "First!",
            "Related articles",
            "Copyright",
        ] {
            assert!(
                !page.text.contains(left_out),
                "{left_out} in:\n{}",
                page.text
            );
        }
    }

    #[test]
    fn a_page_in_a_declared_charset_is_decoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head>\
             <body><article><p>Число погибших в Белгороде выросло до 25 человек, сообщил губернатор области в среду вечером.</p>\
             <p>Ещё более ста человек получили ранения, по данным региональных властей.</p></article></body></html>",
        );
        let page = read_page(&bytes).unwrap();
        assert!(page.text.contains("выросло до 25 человек"), "{}", page.text);
    }

    #[test]
    fn a_page_without_an_article_says_so() {
        assert_eq!(
            read_page(b"<html><body></body></html>"),
            Err(PageError::NoArticle)
        );
        assert_eq!(read_page(b""), Err(PageError::NoArticle));
    }

    #[test]
    fn dates_are_read_where_they_were_published() {
        assert_eq!(
            date_of("2015-07-24T05:36:09+01:00"),
            NaiveDate::from_ymd_opt(2015, 7, 24)
        );
        assert_eq!(
            date_of("Tue, 02 Jan 2024 10:00:00 +0000"),
            NaiveDate::from_ymd_opt(2024, 1, 2)
        );
        assert_eq!(date_of("yesterday"), None);
        assert_eq!(date_of("ありがとう"), None);
    }
}
