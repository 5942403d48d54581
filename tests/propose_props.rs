//! Property tests of the value/unit proposer: no text makes it panic, and
//! a figure written with thousands separators among ordinary words is read
//! as the number it is, or, garbled, as nothing.

use claimdesk::model::{Quantity, propose_quantity};
use proptest::prelude::*;

/// Words of news prose that are neither figures nor qualifiers, dates or
/// the names of numbered things, so that the figure alone decides.
const FILLER: [&str; 16] = [
    "the",
    "officials",
    "said",
    "strike",
    "city",
    "Belgorod",
    "killed",
    "and",
    "were",
    "in",
    "regional",
    "governor",
    "reported",
    "drones",
    "“Another",
    "people,",
];

/// `n` written as news does: a comma between each group of three digits.
fn with_separators(n: u64) -> String {
    let digits = n.to_string();
    let mut written = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            written.push(',');
        }
        written.push(digit);
    }
    written
}

/// Filler words around `figure`, joined by spaces and line ends.
fn sentence(before: &[&str], figure: &str, after: &[&str]) -> String {
    let mut words: Vec<&str> = before.to_vec();
    words.push(figure);
    words.extend(after);
    words.join(" ")
}

fn filler() -> impl Strategy<Value = Vec<&'static str>> {
    proptest::collection::vec(proptest::sample::select(&FILLER[..]), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_text_makes_the_proposer_panic(text in any::<String>()) {
        let _ = propose_quantity(&text);
    }

    #[test]
    fn no_news_like_text_makes_the_proposer_panic(
        text in "[0-9a-z ,.~%:/–-]{0,60}|(a|one|two|hundred|thousand|dozen|dozens|between|and|of|tens|several|half|million|[0-9,.]{1,8}| ){0,12}",
    ) {
        let _ = propose_quantity(&text);
    }

    #[test]
    fn a_figure_with_thousands_separators_is_read_as_written(
        n in 1_000u64..1_000_000_000_000,
        before in filler(),
        after in filler(),
    ) {
        let figure = with_separators(n);
        let text = sentence(&before, &figure, &after);
        let proposed = propose_quantity(&text).map(|(q, _)| q);
        prop_assert_eq!(proposed, Some(Quantity::Exact(n as f64)), "{}", text);
    }

    #[test]
    fn a_garbled_figure_proposes_nothing(
        n in 1_000u64..1_000_000_000,
        at in any::<prop::sample::Index>(),
        letter in prop::sample::select(&['o', 'O', 'l'][..]),
        before in filler(),
        after in filler(),
    ) {
        // One digit read as a letter, as OCR and hurried typing do: "1,0o0".
        let mut figure: Vec<char> = with_separators(n).chars().collect();
        let digits: Vec<usize> = (0..figure.len()).filter(|&i| figure[i] != ',').collect();
        figure[digits[at.index(digits.len())]] = letter;
        let figure: String = figure.into_iter().collect();
        let text = sentence(&before, &figure, &after);
        prop_assert_eq!(propose_quantity(&text), None, "{}", text);
    }
}
