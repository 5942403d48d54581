//! Numbers in words: "nineteen", "thirty-two", "one hundred and twenty",
//! "a dozen", "two million".

use super::Word;
use super::nouns::duration;

/// A number in words from word `i`: "nineteen", "thirty-two", "one hundred
/// and twenty", "a dozen", "two dozen", "half a dozen", "half a million",
/// "two million"; the value and the word after it.
pub(super) fn spelled(words: &[Word], i: usize) -> Option<(f64, usize)> {
    let text = |k: usize| words.get(k).map(|w| w.text.as_str());
    if text(i)? == "half" && matches!(text(i + 1), Some("a" | "an")) {
        let whole = match text(i + 2).and_then(number_word)? {
            Term::Dozen => 12.0,
            Term::Hundred => 100.0,
            Term::Big(scale) => scale,
            Term::Small(_) => return None,
        };
        return Some((whole / 2.0, i + 3));
    }
    let mut number = Spelled::default();
    let mut next = i;
    // "a" is one only before a scale: "a hundred", "a dozen".
    if matches!(text(i)?, "a" | "an") {
        if !text(i + 1)
            .and_then(number_word)
            .is_some_and(Term::is_scale)
        {
            return None;
        }
        number = Spelled {
            group: 1.0,
            last: Last::Small(1.0),
            ..number
        };
        next += 1;
    }
    while let Some(word) = text(next) {
        if word == "and" {
            // "one hundred and twenty", not "14 adults and two children".
            let joins = matches!(number.last, Last::Hundred | Last::Big(_))
                && text(next + 1)
                    .and_then(number_word)
                    .is_some_and(|t| !t.is_scale());
            if !joins {
                break;
            }
            next += 1;
            continue;
        }
        // A hyphenated word is a number only if every part is ("thirty-two",
        // not "two-thirds" or "five-year-old").
        let Some(extended) = word
            .split(['-', '–'])
            .try_fold(number, |n, part| n.then(number_word(part)?))
        else {
            break;
        };
        number = extended;
        next += 1;
    }
    (next > i && number.last != Last::Nothing).then_some((number.total + number.group, next))
}

/// A duration or age written in words with its unit ("six-month",
/// "three-day", "thirty-two-year-old"): the number and the unit's plural.
pub(super) fn spelled_duration(word: &str) -> Option<(f64, &'static str)> {
    word.match_indices(['-', '–']).find_map(|(at, sign)| {
        let unit = duration(&word[at + sign.len()..])?;
        let number = word[..at]
            .split(['-', '–'])
            .try_fold(Spelled::default(), |n, part| n.then(number_word(part)?))?;
        (number.last != Last::Nothing).then_some((number.total + number.group, unit))
    })
}

/// A number in words, read term by term.
#[derive(Clone, Copy, Default)]
struct Spelled {
    /// What the thousands and millions already read add up to.
    total: f64,
    /// The part below the next thousand or million.
    group: f64,
    last: Last,
}

#[derive(Clone, Copy, Default, PartialEq)]
enum Last {
    #[default]
    Nothing,
    Small(f64),
    Hundred,
    Dozen,
    Big(f64),
}

#[derive(Clone, Copy)]
enum Term {
    Small(f64),
    Hundred,
    Dozen,
    Big(f64),
}

impl Term {
    fn is_scale(self) -> bool {
        !matches!(self, Term::Small(_))
    }
}

impl Spelled {
    /// The number with `term` read after it, or `None` when it does not
    /// follow ("two three", "thousand thousand").
    fn then(self, term: Term) -> Option<Spelled> {
        let mut next = self;
        match (term, self.last) {
            (Term::Small(v), Last::Nothing | Last::Hundred | Last::Big(_)) => next.group += v,
            // "twenty two" as "twenty-two".
            (Term::Small(v), Last::Small(tens))
                if v < 10.0 && tens >= 20.0 && tens % 10.0 == 0.0 && self.group % 100.0 == tens =>
            {
                next.group += v
            }
            (Term::Hundred, Last::Small(_)) if self.group < 100.0 => next.group *= 100.0,
            (Term::Dozen, Last::Small(_)) => next.group *= 12.0,
            (Term::Big(scale), Last::Small(_) | Last::Hundred)
                if self.total == 0.0 || self.total >= scale * 1000.0 =>
            {
                next.total += self.group * scale;
                next.group = 0.0;
            }
            _ => return None,
        }
        next.last = match term {
            Term::Small(v) => Last::Small(v),
            Term::Hundred => Last::Hundred,
            Term::Dozen => Last::Dozen,
            Term::Big(scale) => Last::Big(scale),
        };
        Some(next)
    }
}

fn number_word(word: &str) -> Option<Term> {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = SMALL.iter().position(|&w| w == word) {
        return Some(Term::Small(n as f64));
    }
    if let Some(n) = TENS.iter().position(|&w| w == word) {
        return Some(Term::Small((n as f64 + 2.0) * 10.0));
    }
    match word {
        "hundred" => Some(Term::Hundred),
        "dozen" => Some(Term::Dozen),
        "thousand" => Some(Term::Big(1e3)),
        "million" => Some(Term::Big(1e6)),
        "billion" => Some(Term::Big(1e9)),
        _ => None,
    }
}
