//! Proposes a value and unit from the words of a tagged span.
//!
//! News writes figures in many ways (PRODUCT §4): "at least 14 people",
//! "about 40 kilometres", "thirty-two", "a dozen", "1,350", "hundreds have
//! fled", "shelling killed 12". The proposer reads the first figure of the
//! span, the qualifier before it and the noun it counts. When the figure is
//! garbled ("over 5o") it proposes nothing rather than a wrong figure: the
//! analyst confirms anyway, and an empty field is quicker to fill than a
//! wrong one is to notice.

mod nouns;
mod spelled;

use super::Claim;
use super::quantity::Quantity;
use nouns::{WordList, counted_noun, duration, harm_counts, measure_unit};
use spelled::{spelled, spelled_duration};

/// A value and unit read from `text`, or `None` when it holds no clear figure.
pub fn propose_quantity(text: &str) -> Option<(Quantity, String)> {
    let words = words(text);
    let figure = first_figure(&words)?;
    let (quantity, counted_from) = match figure.value {
        Value::Count(n) => match qualifier_after(&words, figure.end) {
            Some((make, end)) => (make(n), end),
            None => (qualify(&words[..figure.start], n), figure.end),
        },
        Value::Range(low, high) => (Quantity::Range(low, high), figure.end),
    };
    let one = matches!(figure.value, Value::Count(n) if n == 1.0);
    let unit = figure
        .unit
        .map(str::to_owned)
        .or_else(|| counted_noun(&words, counted_from, one))
        .or_else(|| harm_counts(&words, figure.start, counted_from).then(|| "people".to_owned()))
        .unwrap_or_default();
    Some((quantity, unit))
}

/// Fills the claim's empty value and unit from its quote; what it already
/// holds is kept. A value and a unit go together only when they were read
/// together: a claim that gives `24` and no unit gets `people` from "24
/// people were killed", but nothing from a quote whose first figure is
/// another, and a claim that gives `km` gets no value from "24 people".
/// A claim just tagged holds neither, and gets both.
pub fn propose_missing(claim: &mut Claim) {
    let Some((value, unit)) = propose_quantity(&claim.quote) else {
        return;
    };
    let given_unit = claim.unit.trim();
    let value_fits = claim.value.is_none_or(|given| given == value);
    let unit_fits = given_unit.is_empty() || unit.is_empty() || given_unit == unit;
    if !(value_fits && unit_fits) {
        return;
    }
    claim.value = Some(value);
    if given_unit.is_empty() {
        claim.unit = unit;
    }
}

/// A word of the span, lower-cased, with the punctuation around it removed.
struct Word {
    text: String,
    /// Punctuation after it (a comma, a full stop, a quote mark) ends a
    /// clause: a noun or a verb beyond it no longer speaks of the figure.
    ends_clause: bool,
    /// A currency sign written before it: "$13.7", "£5", "€40".
    currency: Option<&'static str>,
}

/// The currency a sign before a figure names, as the unit news writes.
fn currency_sign(lead: &str) -> Option<&'static str> {
    match lead.chars().last()? {
        '$' => Some("$"),
        '£' => Some("£"),
        '€' => Some("€"),
        '¥' => Some("¥"),
        _ => None,
    }
}

/// Punctuation that ends (or opens) a clause.
const CLAUSE_MARKS: [char; 17] = [
    ',', '.', ';', ':', '!', '?', '(', ')', '[', ']', '"', '“', '”', '–', '—', '…', '\'',
];

/// The words of `text`; a figure's own commas and points (`1,350`, `2.5`)
/// stay inside it, a `%` after it too.
fn words(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    for raw in text.split_whitespace() {
        let start = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
        let lead = &raw[..raw.len() - start.len()];
        let core = start.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '%');
        let tail = &start[core.len()..];
        if lead.contains(CLAUSE_MARKS)
            && let Some(previous) = words.last_mut()
        {
            previous.ends_clause = true;
        }
        // "~40" is how some outlets write "about 40".
        if lead.ends_with('~') {
            words.push(Word {
                text: "~".to_owned(),
                ends_clause: false,
                currency: None,
            });
        }
        if core.is_empty() {
            continue;
        }
        // "6 766", "800 000": thousands set apart by a space, as much of
        // the world writes them, are one figure.
        if lead.is_empty()
            && core.len() == 3
            && core.bytes().all(|b| b.is_ascii_digit())
            && let Some(previous) = words.last_mut()
            && !previous.ends_clause
            && previous
                .text
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',')
            && ungrouped(&format!("{},{core}", previous.text)).is_some()
        {
            previous.text = format!("{},{core}", previous.text);
            previous.ends_clause = tail.contains(CLAUSE_MARKS);
            continue;
        }
        words.push(Word {
            text: core.to_lowercase(),
            ends_clause: tail.contains(CLAUSE_MARKS),
            currency: currency_sign(lead),
        });
    }
    words
}

/// A figure found in the words.
struct Figure {
    /// The figure's first word (a qualifier stands just before it) and the
    /// word after its last (the counted noun follows).
    start: usize,
    end: usize,
    value: Value,
    /// A unit written into the figure itself: `40km`, `40%`, `40-kilometre`.
    unit: Option<&'static str>,
}

enum Value {
    /// One number, which a qualifier may turn into a bound.
    Count(f64),
    /// "between 100 and 200", "hundreds", "10-15": both ends included.
    Range(f64, f64),
}

/// A figure that cannot be read ("5o", "1O0"): the proposer gives up.
struct Garbled;

/// The first figure; `None` when there is none or the first is garbled.
fn first_figure(words: &[Word]) -> Option<Figure> {
    let mut i = 0;
    while i < words.len() {
        match read_figure(words, i) {
            Some(Ok(figure)) => match joined(words, figure) {
                Joined::Figure(figure) => return Some(priced(words, figure)),
                Joined::Years(end) => i = end,
            },
            Some(Err(Garbled)) => return None,
            None => i += 1,
        }
    }
    None
}

/// A figure read with the one joined to it, if any.
enum Joined {
    Figure(Figure),
    /// "from 2011 to 2013": years, no figure; reading goes on at the word.
    Years(usize),
}

/// A count joined to the next by "or" or "to": "four or five" and "three
/// to four" are ranges, "risen from 13 to 16" is the later figure, "from
/// 2011 to 2013" no figure at all; anything else stays as read.
fn joined(words: &[Word], figure: Figure) -> Joined {
    let Figure {
        start,
        end,
        value: Value::Count(low),
        unit: None,
    } = figure
    else {
        return Joined::Figure(figure);
    };
    let text = |k: usize| words.get(k).map(|w| w.text.as_str());
    let link = text(end).filter(|_| !words[end - 1].ends_clause);
    let Some((high, after)) = link
        .filter(|&w| w == "or" || w == "to")
        .and_then(|_| count_at(words, end + 1))
    else {
        return Joined::Figure(figure);
    };
    let from = start.checked_sub(1).and_then(text) == Some("from");
    if link == Some("to") && from && is_year(low) && is_year(high) {
        return Joined::Years(after);
    }
    if link == Some("to") && from && changed(words, start - 1) {
        return Joined::Figure(Figure {
            start: end + 1,
            end: after,
            value: Value::Count(high),
            unit: None,
        });
    }
    if high > low {
        return Joined::Figure(Figure {
            start,
            end: after,
            value: Value::Range(low, high),
            unit: None,
        });
    }
    Joined::Figure(figure)
}

/// Whether a verb of change stands just before word `from` ("rose",
/// "has risen", "was revised up"): the figure after "to" replaces the one
/// after "from".
fn changed(words: &[Word], from: usize) -> bool {
    static CHANGES: WordList = WordList::new(
        "\
        rose risen rise rises rising increased increase increases grew grown jumped jumps \
        climbed climbs soared surged fell fallen falls dropped drops decreased declined \
        shrank revised raised lowered updated corrected went gone up down",
    );
    words[..from]
        .iter()
        .rev()
        .take_while(|w| !w.ends_clause)
        .take(3)
        .any(|w| CHANGES.has(&w.text))
}

/// The figure that starts at word `i`, if one does.
fn read_figure(words: &[Word], i: usize) -> Option<Result<Figure, Garbled>> {
    let word = words[i].text.as_str();
    if word == "between" {
        return between(words, i).map(Ok);
    }
    if let Some(figure) = vague(words, i) {
        return Some(Ok(figure));
    }
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return in_digits(words, i);
    }
    if looks_like_garbled_digits(word) {
        return Some(Err(Garbled));
    }
    if let Some((value, unit)) = spelled_duration(word) {
        return Some(Ok(Figure {
            start: i,
            end: i + 1,
            value: Value::Count(value),
            unit: Some(unit),
        }));
    }
    let (value, end) = spelled(words, i)?;
    if value == 1.0 && end == i + 1 && is_pronoun_one(words, i) {
        return None;
    }
    Some(Ok(Figure {
        start: i,
        end,
        value: Value::Count(value),
        unit: None,
    }))
}

/// A figure written with a currency sign ("$13.7 billion", "between $5
/// and $6") counts that currency.
fn priced(words: &[Word], figure: Figure) -> Figure {
    let sign = words
        .get(figure.start..figure.end)
        .and_then(|figure| figure.iter().find_map(|w| w.currency));
    match (figure.unit, sign) {
        (None, Some(sign)) => Figure {
            unit: Some(sign),
            ..figure
        },
        _ => figure,
    }
}

/// "between 100 and 200", but not "between 2014 and 2022" (years) nor
/// "between Dec. 29 and Jan. 2" (dates).
fn between(words: &[Word], i: usize) -> Option<Figure> {
    let (low, and) = count_at(words, i + 1)?;
    if words.get(and)?.text != "and" {
        return None;
    }
    let (high, end) = count_at(words, and + 1)?;
    (low <= high && !(is_year(low) && is_year(high))).then_some(Figure {
        start: i,
        end,
        value: Value::Range(low, high),
        unit: None,
    })
}

/// A plain number at word `i`, in digits or words, and the word after it.
fn count_at(words: &[Word], i: usize) -> Option<(f64, usize)> {
    if words.get(i)?.text.starts_with(|c: char| c.is_ascii_digit()) {
        return match in_digits(words, i)? {
            Ok(Figure {
                value: Value::Count(n),
                end,
                unit: None,
                ..
            }) => Some((n, end)),
            _ => None,
        };
    }
    spelled(words, i)
}

/// The conventional ranges: "dozens" 24..99, "hundreds" 200..999,
/// "thousands" 2000..9999 (two of the unit up to one short of the next
/// word), "several hundred" and "a few thousand" alike, and "tens" or
/// "hundreds of thousands" scaled so.
fn vague(words: &[Word], i: usize) -> Option<Figure> {
    let text = |k: usize| words.get(k).map(|w| w.text.as_str());
    let range = |start, end, (low, high)| Figure {
        start,
        end,
        value: Value::Range(low, high),
        unit: None,
    };
    if matches!(text(i)?, "several" | "few") {
        let scale = format!("{}s", text(i + 1)?);
        return plural_range(&scale).map(|r| range(i, i + 2, r));
    }
    let (low, high) = plural_range(text(i)?)?;
    if text(i + 1) == Some("of")
        && let Some(scale) = text(i + 2).and_then(plural_scale)
    {
        return Some(range(i, i + 3, (low * scale, (high + 1.0) * scale - 1.0)));
    }
    // "tens" alone is rarely a figure; "tens of thousands" is.
    (text(i)? != "tens").then(|| range(i, i + 1, (low, high)))
}

/// The range a plural number word stands for.
fn plural_range(word: &str) -> Option<(f64, f64)> {
    match word {
        "tens" => Some((20.0, 99.0)),
        "dozens" => Some((24.0, 99.0)),
        "hundreds" => Some((200.0, 999.0)),
        "thousands" => Some((2000.0, 9999.0)),
        "millions" => Some((2e6, 9_999_999.0)),
        _ => None,
    }
}

/// The multiplier in "hundreds of thousands".
fn plural_scale(word: &str) -> Option<f64> {
    match word {
        "thousands" => Some(1e3),
        "millions" => Some(1e6),
        _ => None,
    }
}

/// A figure in digits at word `i`: `24`, `1,350`, `2.5 million`, `40km`,
/// `40%`, `10-15`. Dates, years, times, ordinals and numbered things
/// ("Article 51") are not figures; anything else that starts with a digit
/// (`5o`, `1O0`, `1,35`) is garbled.
fn in_digits(words: &[Word], i: usize) -> Option<Result<Figure, Garbled>> {
    let word = words[i].text.as_str();
    if word.contains([':', '/']) || is_clock(words, i) || is_numbered(words, i) {
        return None;
    }
    let split = word
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(word.len());
    let (written, rest) = word.split_at(split);
    let Some(number) = ungrouped(written) else {
        return Some(Err(Garbled));
    };
    let Some(value) = exact(&number) else {
        return Some(Err(Garbled));
    };
    if rest.is_empty() && is_date(words, i, written, value) {
        return None;
    }
    let figure = |end, value, unit| {
        Some(Ok(Figure {
            start: i,
            end,
            value,
            unit,
        }))
    };
    let scale = words.get(i + 1).and_then(|w| scale_exponent(&w.text));
    if rest.is_empty() {
        return match scale {
            Some(Scale::Power(e)) => match shifted(&number, e) {
                Some(value) => figure(i + 2, Value::Count(value), None),
                None => Some(Err(Garbled)),
            },
            Some(Scale::Dozen) => figure(i + 2, Value::Count(value * 12.0), None),
            None => figure(i + 1, Value::Count(value), None),
        };
    }
    if matches!(rest, "st" | "nd" | "rd" | "th" | "s") {
        // An ordinal ("3rd") or a decade ("1990s") counts nothing.
        return None;
    }
    if rest == "%" {
        return figure(i + 1, Value::Count(value), Some("%"));
    }
    // "40km" (but not "5m", which is as often millions as metres).
    if rest.len() > 1
        && let Some(unit) = measure_unit(rest)
    {
        return figure(i + 1, Value::Count(value), Some(unit));
    }
    let Some(after) = rest.strip_prefix(['-', '–']) else {
        return Some(Err(Garbled));
    };
    if let Some(unit) = measure_unit(after).or_else(|| duration(after)) {
        return figure(i + 1, Value::Count(value), Some(unit));
    }
    let high_number = ungrouped(after)?;
    let high = exact(&high_number)?;
    let years = written.len() == 4 && after.len() == 4;
    // "2024-01-03", "1939-1945" and "2023-24" are no counts.
    if value > high || years {
        return None;
    }
    // "$10-12 billion": the scale applies to both ends.
    match scale {
        Some(Scale::Power(e)) => match (shifted(&number, e), shifted(&high_number, e)) {
            (Some(low), Some(high)) => figure(i + 2, Value::Range(low, high), None),
            _ => Some(Err(Garbled)),
        },
        _ => figure(i + 1, Value::Range(value, high), None),
    }
}

/// `written` without its thousands separators, or `None` when they are
/// not every three digits (`1,35` may be a decimal comma: too unsure).
fn ungrouped(written: &str) -> Option<String> {
    let (whole, fraction) = written.split_once('.').unwrap_or((written, ""));
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    let grouped =
        !whole.contains(',') || ((1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3));
    (grouped && !fraction.contains(',')).then(|| written.replace(',', ""))
}

/// The number a plain decimal stands for, when claimdesk can keep it
/// exactly (the quantity syntax refuses the others).
fn exact(number: &str) -> Option<f64> {
    match number.parse::<Quantity>() {
        Ok(Quantity::Exact(n)) => Some(n),
        _ => None,
    }
}

/// `number` times ten to `exponent`, moved in the text so that "2.3
/// million" is exactly 2300000, which multiplying floats would miss.
fn shifted(number: &str, exponent: usize) -> Option<f64> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let moved = fraction.len().min(exponent);
    let (into_whole, left) = fraction.split_at(moved);
    let zeros = "0".repeat(exponent - moved);
    let text = format!("{whole}{into_whole}{zeros}.{left}");
    exact(text.trim_end_matches('.'))
}

/// What a word after a number multiplies it by.
enum Scale {
    Power(usize),
    Dozen,
}

fn scale_exponent(word: &str) -> Option<Scale> {
    match word {
        "hundred" => Some(Scale::Power(2)),
        "thousand" => Some(Scale::Power(3)),
        "million" => Some(Scale::Power(6)),
        "billion" => Some(Scale::Power(9)),
        "dozen" => Some(Scale::Dozen),
        _ => None,
    }
}

/// A whole number that may be a year of the news: 1800 to 2100.
fn is_year(n: f64) -> bool {
    n.fract() == 0.0 && (1800.0..=2100.0).contains(&n)
}

/// Words after which a four-digit number is a year: "in 2022", "since 2014".
static YEAR_WORDS: WordList = WordList::new(
    "\
    in since until till year early late mid during spring summer autumn fall winter",
);

/// A day after or before a month ("Dec. 30", "30 December") or a year
/// ("February 2022", "December 31, 2023", "since 2014").
fn is_date(words: &[Word], i: usize, written: &str, value: f64) -> bool {
    let before = |k: usize| {
        i.checked_sub(k)
            .and_then(|j| words.get(j))
            .map(|w| w.text.as_str())
    };
    let after = words.get(i + 1).map(|w| w.text.as_str());
    let whole = value.fract() == 0.0 && !written.contains([',', '.']);
    let day = whole && (1.0..=31.0).contains(&value);
    let year = whole && written.len() == 4 && is_year(value);
    let year_word = |w: &str| is_month(w) || YEAR_WORDS.has(w);
    (day && (before(1).is_some_and(is_month) || after.is_some_and(is_month)))
        || (year && (before(1).is_some_and(year_word) || before(2).is_some_and(is_month)))
}

/// Month names and their abbreviations ("Dec." loses its point).
static MONTHS: WordList = WordList::new(
    "\
    january february march april may june july august september october november december jan \
    feb mar apr jun jul aug sep sept oct nov dec",
);

fn is_month(word: &str) -> bool {
    MONTHS.has(word)
}

/// A time of day: "7 pm", "10 a.m." ("01:59" is caught by its colon).
fn is_clock(words: &[Word], i: usize) -> bool {
    words.get(i + 1).is_some_and(|w| {
        matches!(
            w.text.as_str(),
            "am" | "pm" | "a.m" | "p.m" | "gmt" | "utc" | "o'clock"
        )
    })
}

/// Words before a number that names a thing rather than counting it.
static NUMBERED: WordList = WordList::new(
    "\
    article resolution no nr number section chapter paragraph clause page item flight route \
    highway phase model version channel protocol brigade regiment battalion division unit \
    district zone sector block platform room level stage category season episode code",
);

/// A number that names rather than counts: "Article 51", "Resolution 2202",
/// "flight 752", "No. 5".
fn is_numbered(words: &[Word], i: usize) -> bool {
    let Some(before) = i.checked_sub(1).and_then(|j| words.get(j)) else {
        return false;
    };
    NUMBERED.has(before.text.as_str())
}

/// A digit figure misread as letters, "l00" or "o5": garbled, not a word.
fn looks_like_garbled_digits(word: &str) -> bool {
    word.starts_with(['o', 'l', 'i'])
        && word.contains(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || "oli,.".contains(c))
}

/// "one" that is a pronoun: "one of the deadliest", "no one".
fn is_pronoun_one(words: &[Word], i: usize) -> bool {
    let after = words.get(i + 1).map(|w| w.text.as_str());
    let before = i
        .checked_sub(1)
        .and_then(|j| words.get(j))
        .map(|w| w.text.as_str());
    matches!(after, Some("of" | "another"))
        || matches!(
            before,
            Some("no" | "the" | "this" | "that" | "each" | "every" | "any" | "which")
        )
}

/// A qualifier written after the figure ("100 or more"), and the word
/// after it.
fn qualifier_after(words: &[Word], end: usize) -> Option<(MakeQuantity, usize)> {
    let text = |k: usize| words.get(k).map(|w| w.text.as_str());
    if text(end)? != "or" {
        return None;
    }
    match text(end + 1)? {
        "more" => Some((Quantity::AtLeast, end + 2)),
        "so" | "thereabouts" => Some((Quantity::About, end + 2)),
        _ => None,
    }
}

/// Builds a quantity from its number.
type MakeQuantity = fn(f64) -> Quantity;

/// The qualifiers written before a figure, longer phrases first so that
/// "no more than" is not read as "more than".
const QUALIFIERS: [(&[&str], MakeQuantity); 41] = [
    (&["no", "fewer", "than"], Quantity::AtLeast),
    (&["no", "less", "than"], Quantity::AtLeast),
    (&["not", "fewer", "than"], Quantity::AtLeast),
    (&["not", "less", "than"], Quantity::AtLeast),
    (&["a", "minimum", "of"], Quantity::AtLeast),
    (&["no", "more", "than"], Quantity::AtMost),
    (&["not", "more", "than"], Quantity::AtMost),
    (&["as", "many", "as"], Quantity::AtMost),
    (&["as", "much", "as"], Quantity::AtMost),
    (&["as", "high", "as"], Quantity::AtMost),
    (&["as", "few", "as"], Quantity::AtLeast),
    (&["as", "little", "as"], Quantity::AtLeast),
    (&["as", "low", "as"], Quantity::AtLeast),
    (&["a", "maximum", "of"], Quantity::AtMost),
    (&["in", "excess", "of"], Quantity::MoreThan),
    (&["at", "least"], Quantity::AtLeast),
    (&["at", "most"], Quantity::AtMost),
    (&["up", "to"], Quantity::AtMost),
    (&["more", "than"], Quantity::MoreThan),
    (&["greater", "than"], Quantity::MoreThan),
    (&["upwards", "of"], Quantity::MoreThan),
    (&["fewer", "than"], Quantity::LessThan),
    (&["less", "than"], Quantity::LessThan),
    (&["close", "to"], Quantity::About),
    (&["over"], Quantity::MoreThan),
    (&["above"], Quantity::MoreThan),
    (&["exceeding"], Quantity::MoreThan),
    (&["under"], Quantity::LessThan),
    (&["below"], Quantity::LessThan),
    (&["some"], Quantity::About),
    (&["about"], Quantity::About),
    (&["around"], Quantity::About),
    (&["approximately"], Quantity::About),
    (&["approx"], Quantity::About),
    (&["roughly"], Quantity::About),
    (&["nearly"], Quantity::About),
    (&["almost"], Quantity::About),
    (&["circa"], Quantity::About),
    // "an estimated 40", "estimated 40".
    (&["estimated"], Quantity::About),
    (&["est"], Quantity::About),
    (&["~"], Quantity::About),
];

/// Applies the qualifier in the words just before the figure.
fn qualify(before: &[Word], n: f64) -> Quantity {
    let qualifier = QUALIFIERS.iter().find(|(phrase, _)| {
        before.len() >= phrase.len()
            && before[before.len() - phrase.len()..]
                .iter()
                .zip(phrase.iter())
                .all(|(word, p)| word.text == *p && !word.ends_clause)
    });
    qualifier.map_or(Quantity::Exact(n), |(_, make)| make(n))
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
        // The README's examples.
        assert_eq!(proposed("nearly 1,350 kilometres"), pair("~1350", "km"));
        assert_eq!(
            proposed("left over 160 more injured"),
            pair(">160", "people")
        );
        assert_eq!(
            proposed("wounding hundreds more"),
            pair("200..999", "people")
        );
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

    #[test]
    fn reads_every_qualifier_news_uses() {
        for (text, expected) in [
            ("an estimated 40 people", "~40"),
            ("nearly 40 people", "~40"),
            ("roughly 40 people", "~40"),
            ("approximately 40 people", "~40"),
            ("around 40 people", "~40"),
            ("as many as 40 people", "<=40"),
            ("at most 40 people", "<=40"),
            ("no more than 40 people", "<=40"),
            ("no fewer than 40 people", ">=40"),
            ("40 or more people", ">=40"),
            ("more than 40 people", ">40"),
            ("less than 40 people", "<40"),
        ] {
            assert_eq!(proposed(text), pair(expected, "people"), "{text}");
        }
    }

    #[test]
    fn reads_figures_in_words_and_with_separators() {
        assert_eq!(proposed("thirty-two soldiers"), pair("32", "people"));
        assert_eq!(
            proposed("one hundred and twenty residents"),
            pair("120", "people")
        );
        assert_eq!(proposed("a dozen drones"), pair("12", "drones"));
        assert_eq!(proposed("two dozen servicemen"), pair("24", "people"));
        assert_eq!(proposed("half a dozen houses"), pair("6", "houses"));
        assert_eq!(proposed("1,350 residents fled"), pair("1350", "people"));
        assert_eq!(proposed("2.3 million people"), pair("2300000", "people"));
        assert_eq!(proposed("12 kilometres away"), pair("12", "km"));
        assert_eq!(proposed("a 40km march"), pair("40", "km"));
        assert_eq!(proposed("dozens of the dead"), pair("24..99", "people"));
        assert_eq!(
            proposed("tens of thousands displaced"),
            pair("20000..99999", "people")
        );
        assert_eq!(proposed("several hundred homes"), pair("200..999", "homes"));
        assert_eq!(proposed("10-15 shells"), pair("10..15", "shells"));
    }

    #[test]
    fn two_counts_joined_by_or_are_a_range() {
        assert_eq!(proposed("four or five buyers"), pair("4..5", "people"));
        assert_eq!(proposed("one or two drones"), pair("1..2", "drones"));
        assert_eq!(proposed("100 or more homes"), pair(">=100", "homes"));
        assert_eq!(proposed("five or four"), pair("5", ""));
        assert_eq!(proposed("12, or 14 by other counts"), pair("12", ""));
        assert_eq!(proposed("Three to four men"), pair("3..4", "people"));
        assert_eq!(
            proposed("an estimate of 35,000 to 50,000"),
            pair("35000..50000", "")
        );
        assert_eq!(proposed("sell for $24 to $28 a pound"), pair("24..28", "$"));
        assert_eq!(proposed("a 7 to 2 ruling"), pair("7", ""));
    }

    #[test]
    fn a_changed_figure_is_the_later_one_and_years_are_none() {
        assert_eq!(
            proposed("the toll has risen from 13 to 16"),
            pair("16", "people")
        );
        assert_eq!(
            proposed("the number of injured rose from 39 to 53"),
            pair("53", "people")
        );
        assert_eq!(
            proposed("revised up from 20 to 28 dead"),
            pair("28", "people")
        );
        assert_eq!(
            proposed("estimates ranged from 100,000 to 250,000"),
            pair("100000..250000", "")
        );
        assert_eq!(proposed("held power from 2011 to 2013"), None);
        assert_eq!(
            proposed("from 2011 to 2013, 40 people died"),
            pair("40", "people")
        );
    }

    #[test]
    fn thousands_set_apart_by_spaces_and_measures_per_hour() {
        assert_eq!(proposed("6 766 suspect cases"), pair("6766", "cases"));
        assert_eq!(
            proposed("more than 800 000 individuals"),
            pair(">800000", "people")
        );
        assert_eq!(proposed("1 250 000 people"), pair("1250000", "people"));
        assert_eq!(proposed("in 2023 150 people"), pair("150", "people"));
        assert_eq!(proposed("12, 100 more"), pair("12", ""));
        assert_eq!(
            proposed("at a speed of 128 km per hour"),
            pair("128", "km/h")
        );
        assert_eq!(proposed("winds of 60 miles an hour"), pair("60", "mph"));
        assert_eq!(
            proposed("The 36,000-acre Tubbs Fire"),
            pair("36000", "acres")
        );
    }

    #[test]
    fn a_part_counts_the_noun_of_its_whole() {
        assert_eq!(proposed("destroyed 18 of 31 trucks"), pair("18", "trucks"));
        assert_eq!(proposed("about 18 of the 31 trucks"), pair("~18", "trucks"));
        assert_eq!(
            proposed("55 of the 75 confirmed dead"),
            pair("55", "people")
        );
        assert_eq!(
            proposed("133 nautical miles of transits"),
            pair("133", "nmi")
        );
        assert_eq!(proposed("nine males and six females"), pair("9", "people"));
    }

    #[test]
    fn halves_scaled_ranges_and_measures_of_length() {
        assert_eq!(proposed("half a million people"), pair("500000", "people"));
        assert_eq!(proposed("more than half a million"), pair(">500000", ""));
        assert_eq!(proposed("half a dozen homes"), pair("6", "homes"));
        assert_eq!(
            proposed("totaled $10-12 billion"),
            pair("10000000000..12000000000", "$")
        );
        assert_eq!(proposed("as high as two feet"), pair("<=2", "ft"));
        assert_eq!(proposed("as few as 3 drones"), pair(">=3", "drones"));
        assert_eq!(proposed("Two blew themselves up"), pair("2", ""));
        assert_eq!(
            proposed("the death toll from the bombing has risen to 68"),
            pair("68", "people")
        );
    }

    #[test]
    fn money_counts_its_currency() {
        assert_eq!(proposed("for $13.7 billion"), pair("13700000000", "$"));
        assert_eq!(
            proposed("more than $6 million in sales"),
            pair(">6000000", "$")
        );
        assert_eq!(proposed("between $5 and $6 a pound"), pair("5..6", "$"));
        assert_eq!(proposed("a fine of £250"), pair("250", "£"));
        assert_eq!(proposed("40 million dollars"), pair("40000000", "$"));
        assert_eq!(proposed("€2.5bn in aid"), None, "2.5bn: too unsure");
    }

    #[test]
    fn durations_and_ages_count_their_unit() {
        assert_eq!(proposed("a six-month review period"), pair("6", "months"));
        assert_eq!(proposed("the three-day journey"), pair("3", "days"));
        assert_eq!(proposed("52-year-old Grace"), pair("52", "years"));
        assert_eq!(proposed("the 93 year-old"), pair("93", "years"));
        assert_eq!(proposed("a 24-hour ceasefire"), pair("24", "hours"));
        assert_eq!(proposed("a thirty-two-year-old man"), pair("32", "years"));
        assert_eq!(proposed("a two-thirds majority"), None);
    }

    #[test]
    fn persons_of_any_kind_are_people() {
        for text in [
            "21 Christians",
            "thousands of Tunisians",
            "hundreds of Islamists",
            "two gunmen",
            "nine churchgoers",
            "17 foreigners",
            "three family members",
            "two leftist politicians",
        ] {
            assert_eq!(
                proposed(text).map(|(_, unit)| unit),
                Some("people".to_owned()),
                "{text}"
            );
        }
        for text in ["12 lists", "3 wrists", "40 specimen jars", "6 radians"] {
            assert_ne!(
                proposed(text).map(|(_, unit)| unit),
                Some("people".to_owned()),
                "{text}"
            );
        }
    }

    #[test]
    fn a_bare_figure_counted_by_harm_is_people() {
        assert_eq!(proposed("shelling killed 12"), pair("12", "people"));
        assert_eq!(proposed("the toll climbed to 30"), pair("30", "people"));
        assert_eq!(proposed("nineteen were hurt"), pair("19", "people"));
        assert_eq!(proposed("hundreds have fled"), pair("200..999", "people"));
        assert_eq!(
            proposed("over 100 others were injured"),
            pair(">100", "people")
        );
        assert_eq!(proposed("114 of them had been destroyed"), pair("114", ""));
    }

    #[test]
    fn dates_names_and_pronouns_are_not_figures() {
        assert_eq!(
            proposed("the Dec. 30 strike, about 40 kilometers away"),
            pair("~40", "km")
        );
        assert_eq!(proposed("On December 31, 2023, the city"), None);
        assert_eq!(proposed("since the war began in 2022"), None);
        assert_eq!(proposed("Article 51 of the Charter"), None);
        assert_eq!(proposed("one of the deadliest attacks"), None);
        assert_eq!(proposed("its second anniversary"), None);
        assert_eq!(proposed("at 01:59 on the 3rd"), None);
    }

    #[test]
    fn garbled_figures_propose_nothing() {
        for text in [
            "over 5o people",
            "1O0 injured",
            "l00 injured",
            "1,35 km",
            "killed 40km2",
        ] {
            assert_eq!(proposed(text), None, "{text}");
        }
    }
}
