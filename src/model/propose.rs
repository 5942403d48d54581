//! Proposes a value and unit from the words of a tagged span.
//!
//! "at least 14 people" → `>=14` people; "about 40 kilometers" → `~40` km;
//! "two children" → `2` people. When the text is garbled ("over 5o") it
//! proposes nothing rather than a wrong figure: the analyst confirms anyway.

use super::quantity::Quantity;

/// A value and unit read from `text`, or `None` when it holds no clear figure.
pub fn propose_quantity(text: &str) -> Option<(Quantity, String)> {
    let words = words(text);
    let (index, number) = first_number(&words)?;
    let (number, consumed) = match number {
        Number::Plain(n) => (n, 1),
        Number::Between(low, high, consumed) => {
            let unit = unit_after(&words, index + consumed);
            return Some((Quantity::Range(low, high), unit));
        }
        Number::Vague(low, high) => {
            return Some((Quantity::Range(low, high), unit_after(&words, index + 1)));
        }
    };
    let quantity = qualify(&words[..index], number);
    Some((quantity, unit_after(&words, index + consumed)))
}

/// Lower-case words with surrounding punctuation removed.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '~' && c != '>' && c != '<')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

enum Number {
    Plain(f64),
    /// "between 100 and 200": low, high and how many words it took.
    Between(f64, f64, usize),
    /// "hundreds", "dozens": a conventional range.
    Vague(f64, f64),
}

/// Finds the first figure; gives up at a garbled one such as "5o".
fn first_number(words: &[String]) -> Option<(usize, Number)> {
    for (i, word) in words.iter().enumerate() {
        if word == "between" {
            let low = words.get(i + 1).and_then(|w| number_word(w))?;
            if words.get(i + 2).map(String::as_str) != Some("and") {
                return None;
            }
            let high = words.get(i + 3).and_then(|w| number_word(w))?;
            return (low <= high).then_some((i + 1, Number::Between(low, high, 3)));
        }
        if let Some((low, high)) = vague_word(word) {
            return Some((i, Number::Vague(low, high)));
        }
        if word == "a"
            && words
                .get(i + 1)
                .is_some_and(|w| w == "hundred" || w == "dozen")
        {
            continue;
        }
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            return digits(word).map(|n| (i, Number::Plain(n)));
        }
        if let Some(n) = number_word(word) {
            return Some((i, Number::Plain(n)));
        }
    }
    None
}

/// A figure in digits: `24`, `1,200`, `2.5`. Anything else that starts with
/// a digit (`5o`, `40km2`) is garbled.
fn digits(word: &str) -> Option<f64> {
    let plain: String = word.chars().filter(|&c| c != ',').collect();
    let well_formed = plain.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && plain.bytes().filter(|&b| b == b'.').count() <= 1
        && !plain.ends_with('.');
    if !well_formed {
        return None;
    }
    plain.parse().ok().filter(|n: &f64| n.is_finite())
}

/// A number spelled out or in digits.
fn number_word(word: &str) -> Option<f64> {
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return digits(word);
    }
    const SMALL: [&str; 21] = [
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
        "twenty",
    ];
    if let Some(n) = SMALL.iter().position(|&w| w == word) {
        return Some(n as f64);
    }
    let tens = [
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
        ("dozen", 12.0),
        ("hundred", 100.0),
        ("thousand", 1000.0),
    ];
    tens.iter().find(|(w, _)| *w == word).map(|&(_, n)| n)
}

/// Words that name a conventional range rather than a figure.
fn vague_word(word: &str) -> Option<(f64, f64)> {
    match word {
        "dozens" => Some((24.0, 99.0)),
        "hundreds" => Some((200.0, 999.0)),
        "thousands" => Some((2000.0, 9999.0)),
        _ => None,
    }
}

/// Applies the qualifier in the words just before the figure.
fn qualify(before: &[String], n: f64) -> Quantity {
    let tail: Vec<&str> = before
        .iter()
        .rev()
        .skip_while(|w| *w == "a")
        .take(3)
        .map(String::as_str)
        .collect();
    let last = tail.first().copied().unwrap_or("");
    let pair = (tail.get(1).copied().unwrap_or(""), last);
    match pair {
        ("at", "least") | ("no", "fewer") => return Quantity::AtLeast(n),
        ("at", "most") | ("up", "to") => return Quantity::AtMost(n),
        ("more", "than") | ("greater", "than") => return Quantity::MoreThan(n),
        ("fewer", "than") | ("less", "than") => return Quantity::LessThan(n),
        ("no", "more") => return Quantity::AtMost(n),
        _ => {}
    }
    match last {
        "over" | "above" | "exceeding" => Quantity::MoreThan(n),
        "under" | "below" => Quantity::LessThan(n),
        "about" | "around" | "approximately" | "roughly" | "nearly" | "almost" | "some"
        | "circa" | "~" => Quantity::About(n),
        _ => Quantity::Exact(n),
    }
}

/// The unit named right after the figure, normalised ("kilometers" → "km").
fn unit_after(words: &[String], index: usize) -> String {
    const PEOPLE: [&str; 22] = [
        "people",
        "person",
        "persons",
        "civilians",
        "civilian",
        "children",
        "child",
        "adults",
        "adult",
        "victims",
        "victim",
        "dead",
        "killed",
        "injured",
        "wounded",
        "residents",
        "men",
        "women",
        "minors",
        "casualties",
        "deaths",
        "fatalities",
    ];
    let Some(word) = words.get(index) else {
        return String::new();
    };
    let word = word.as_str();
    if PEOPLE.contains(&word) {
        return "people".to_owned();
    }
    match word {
        "km" | "kilometers" | "kilometres" | "kilometer" | "kilometre" => "km".to_owned(),
        "mi" | "miles" | "mile" => "mi".to_owned(),
        "m" | "meters" | "metres" | "meter" | "metre" => "m".to_owned(),
        "and" | "or" | "to" | "of" | "in" | "on" | "at" | "were" | "was" | "are" | "have"
        | "had" => String::new(),
        other if other.chars().all(char::is_alphabetic) => other.to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposed(text: &str) -> Option<(String, String)> {
        propose_quantity(text).map(|(q, unit)| (q.to_string(), unit))
    }

    fn pair(q: &str, unit: &str) -> Option<(String, String)> {
        Some((q.to_owned(), unit.to_owned()))
    }

    #[test]
    fn proposes_the_examples_of_the_brief() {
        assert_eq!(proposed("at least 14 people"), pair(">=14", "people"));
        assert_eq!(proposed("about 40 kilometers"), pair("~40", "km"));
        assert_eq!(proposed("two children"), pair("2", "people"));
        assert_eq!(proposed("over 5o"), None);
    }

    #[test]
    fn proposes_qualified_and_vague_figures() {
        assert_eq!(
            proposed("more than a hundred injured"),
            pair(">100", "people")
        );
        assert_eq!(
            proposed("over 100 people were injured"),
            pair(">100", "people")
        );
        assert_eq!(proposed("hundreds wounded"), pair("200..999", "people"));
        assert_eq!(
            proposed("108 injured, including 15 children"),
            pair("108", "people")
        );
        assert_eq!(
            proposed("between 100 and 200 drones"),
            pair("100..200", "drones")
        );
        assert_eq!(proposed("fewer than 5 missiles"), pair("<5", "missiles"));
        assert_eq!(proposed("up to 1,200 residents"), pair("<=1200", "people"));
        assert_eq!(proposed("some 30 km from the border"), pair("~30", "km"));
        assert_eq!(proposed("no figure here"), None);
    }
}
