//! What a figure counts: the noun after it, a person of any kind as
//! `people`, a measure as its symbol, or people counted by a verb of harm.

use super::Word;
use super::spelled::spelled;
use foldhash::HashSet;
use std::sync::OnceLock;

/// The noun the figure counts, in the words from `from`: a person of any
/// kind is `people`, a measure its symbol (`km`), any other noun as written.
/// Adjectives may stand between ("37 apartment buildings", "two Russian
/// S-300 missiles"): the first plural is the noun, or after "one" the last
/// word before a function word.
pub(super) fn counted_noun(words: &[Word], from: usize, one: bool) -> Option<String> {
    if from
        .checked_sub(1)
        .and_then(|j| words.get(j))
        .is_some_and(|w| w.ends_clause)
    {
        return None;
    }
    let mut i = from;
    // "dozens of civilians", "30 of the dead", "over 100 others", and the
    // whole a part is of: "18 of the 31 trucks".
    while let Some(word) = words.get(i)
        && !word.ends_clause
    {
        if is_filler(&word.text) {
            i += 1;
        } else if i > from
            && matches!(words[i - 1].text.as_str(), "of" | "the")
            && let Some(next) = whole_number(words, i)
        {
            i = next;
        } else {
            break;
        }
    }
    let mut head = None;
    for (k, word) in words.iter().enumerate().skip(i).take(4) {
        let text = word.text.as_str();
        if text == "per" && words.get(k + 1).is_some_and(|w| w.text == "cent") {
            return Some("%".to_owned());
        }
        if text == "nautical"
            && words
                .get(k + 1)
                .is_some_and(|w| matches!(w.text.as_str(), "mile" | "miles"))
        {
            return Some("nmi".to_owned());
        }
        if let Some(unit) = measure_unit(text) {
            // "128 km per hour", "60 miles an hour".
            let per_hour = words.get(k + 1..k + 3).is_some_and(|next| {
                matches!(next[0].text.as_str(), "per" | "an" | "a") && next[1].text == "hour"
            });
            return Some(match unit {
                "mi" if per_hour => "mph".to_owned(),
                _ if per_hour => format!("{unit}/h"),
                _ => unit.to_owned(),
            });
        }
        // "the 93 year-old": an age, not a noun.
        if text.contains(['-', '–'])
            && let Some(unit) = duration(text)
        {
            return Some(unit.to_owned());
        }
        if is_person(text) {
            return Some("people".to_owned());
        }
        // A verb of harm ("fled") is no noun; it counts people, below.
        if is_function_word(text) || is_harm(text) || !text.starts_with(char::is_alphabetic) {
            break;
        }
        if !one && (looks_plural(text) || matches!(text, "aircraft" | "cattle" | "livestock")) {
            return Some(text.to_owned());
        }
        head = Some(text);
        if word.ends_clause {
            break;
        }
    }
    head.filter(|_| one).map(str::to_owned)
}

/// Words between a figure and its noun that say nothing of the unit.
static FILLERS: WordList = WordList::new(
    "\
    more other others additional further extra such of the",
);

/// The word after a whole number at word `i` ("31", "1,200", "thirty").
fn whole_number(words: &[Word], i: usize) -> Option<usize> {
    let text = words.get(i)?.text.as_str();
    if text.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return text
            .starts_with(|c: char| c.is_ascii_digit())
            .then_some(i + 1);
    }
    spelled(words, i).map(|(_, next)| next)
}

/// Words between a figure and its noun that say nothing of the unit.
fn is_filler(word: &str) -> bool {
    FILLERS.has(word)
}

/// A plural noun by its ending ("buildings", "drones", not "various").
fn looks_plural(word: &str) -> bool {
    word.len() > 2
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
}

/// The unit of a hyphenated duration or age after its number: "year-old"
/// in "52-year-old", "month" in "18-month", "day-long", "hour".
pub(super) fn duration(word: &str) -> Option<&'static str> {
    let (head, tail) = word.split_once(['-', '–']).unwrap_or((word, ""));
    if !matches!(tail, "" | "old" | "long") {
        return None;
    }
    match head {
        "year" | "years" => Some("years"),
        "month" | "months" => Some("months"),
        "week" | "weeks" => Some("weeks"),
        "day" | "days" => Some("days"),
        "hour" | "hours" => Some("hours"),
        "minute" | "minutes" => Some("minutes"),
        _ => None,
    }
}

/// A unit of measure, by its symbol: British and American spellings alike.
pub(super) fn measure_unit(word: &str) -> Option<&'static str> {
    match word {
        "km" | "kms" | "kilometer" | "kilometers" | "kilometre" | "kilometres" => Some("km"),
        "m" | "meter" | "meters" | "metre" | "metres" => Some("m"),
        "mi" | "mile" | "miles" => Some("mi"),
        "kg" | "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" | "kilos" => Some("kg"),
        "ton" | "tons" | "tonne" | "tonnes" => Some("t"),
        "lb" | "lbs" => Some("lb"),
        "ft" | "foot" | "feet" => Some("ft"),
        "inch" | "inches" => Some("in"),
        "yd" | "yard" | "yards" => Some("yd"),
        "dollar" | "dollars" | "usd" => Some("$"),
        "euro" | "euros" | "eur" => Some("€"),
        "hectare" | "hectares" | "ha" => Some("ha"),
        "acre" | "acres" => Some("acres"),
        "mph" => Some("mph"),
        "kph" | "kmh" | "km/h" => Some("km/h"),
        "%" | "percent" | "pct" => Some("%"),
        _ => None,
    }
}

/// Persons of any kind, counted as `people` (plurals that end as a person
/// does, "civilians", "gunmen", "journalists", need no place here).
static PERSONS: WordList = WordList::new(
    "\
    people person persons individuals civilian resident residents inhabitants citizens \
    nationals soldier soldiers serviceman servicemembers troops fighters militants mercenaries \
    combatants officers police officials workers employees staff personnel reporters medics \
    doctors nurses rescuers firefighters volunteers passengers pilots child children kids boy \
    boys girl girls teenagers infants babies minors adult adults man men woman women \
    pensioners elderly patients students pupils mothers victim victims casualties fatalities \
    deaths dead killed injured wounded hurt missing survivors refugees evacuees migrants \
    hostages prisoners detainees captives bodies lives members foreigners visitors buyers \
    customers voters protesters demonstrators supporters opponents followers users subscribers \
    fans spectators guests participants attendees delegates lawmakers legislators ministers \
    leaders suspects attackers assailants insurgents rebels guards sailors marines crew \
    paramedics teachers farmers miners drivers shoppers settlers immigrants asylum-seekers \
    pilgrims worshippers worshipers parishioners believers neighbours neighbors relatives \
    males females",
);

/// Persons of any kind, counted as `people`: the listed words, and plurals
/// whose ending names a person ("Tunisians", "politicians", "Islamists",
/// "gunmen", "churchgoers").
fn is_person(word: &str) -> bool {
    PERSONS.has(word) || person_by_ending(word)
}

/// Plurals of persons by their ending, with the common words of those
/// endings that name no person left out.
fn person_by_ending(word: &str) -> bool {
    static NOT_PERSONS: WordList = WordList::new(
        "\
        radians persists insists exists assists resists consists subsists desists twists \
        wrists lists mists fists gists cysts abdomen omen stamen specimen regimen acumen \
        bitumen lumen amen yemen",
    );
    let letters = word.chars().count() > 5 && word.chars().all(char::is_alphabetic);
    letters
        && !NOT_PERSONS.has(word)
        && (word.ends_with("ians")
            || word.ends_with("ists")
            || word.ends_with("goers")
            || word.ends_with("men"))
}

/// Words of harm or flight, which count people when nothing else is named.
static HARM: WordList = WordList::new(
    "\
    killed killing kills kill dead died die dies dying death deaths toll casualties fatalities \
    victims perished slain wounded wounding wounds injured injuring injures injuries hurt \
    hurting missing hospitalised hospitalized fled flee fleeing flees evacuated evacuating \
    displaced uprooted relocated rescued trapped abducted kidnapped captured detained arrested",
);

/// Words of harm or flight, which count people when nothing else is named.
fn is_harm(word: &str) -> bool {
    HARM.has(word)
}

/// Words that end a noun phrase: they are not the counted noun.
static FUNCTION_WORDS: WordList = WordList::new(
    "\
    a an the and or but nor of to in on at by for from with without into onto over under about \
    after before during since until while when where which who whom whose that this these \
    those there here were was are is be been being have has had do does did will would can \
    could may might must shall should not no also as than then so such including among amid \
    across throughout near per via against between within toward towards according reportedly \
    yesterday today tonight overnight earlier later ago last next now still already just only \
    even each every all both its his her their our your my them they we he she it us you i \
    said says told always perhaps thus whereas themselves ourselves yourselves himself \
    herself itself",
);

/// Words that end a noun phrase: they are not the counted noun.
fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.has(word)
}

/// Words that may stand between a figure and the harm that counts it.
static AUXILIARIES: WordList = WordList::new(
    "\
    were was are is have has had been being be reportedly also later all now since then still \
    confirmed reported said believed feared thought known to remain remained got left",
);

/// Words that may stand between a figure and the harm that counts it:
/// "nineteen were hurt", "hundreds have fled", "30 are feared dead".
fn is_auxiliary(word: &str) -> bool {
    AUXILIARIES.has(word)
}

/// True when a word of harm or flight counts the bare figure: after it
/// ("nineteen were hurt") or a few words before it in the same clause
/// ("shelling killed 12", "the toll climbed to 30").
pub(super) fn harm_counts(words: &[Word], start: usize, end: usize) -> bool {
    let figure_ends_clause = end
        .checked_sub(1)
        .and_then(|j| words.get(j))
        .is_some_and(|w| w.ends_clause);
    if !figure_ends_clause {
        for word in words.iter().skip(end) {
            if is_harm(&word.text) {
                return true;
            }
            if word.ends_clause || !(is_filler(&word.text) || is_auxiliary(&word.text)) {
                break;
            }
        }
    }
    // A verb of harm just before ("killing 20"), or a toll anywhere in the
    // clause ("the death toll from the attack has risen to 68").
    let clause = || words[..start].iter().rev().take_while(|w| !w.ends_clause);
    clause().take(6).any(|w| is_harm(&w.text)) || clause().any(|w| w.text == "toll")
}

/// A list of words, written as one string to be read as prose and looked
/// up in a set made the first time it is asked (the proposer runs once per
/// row of a large import).
pub(super) struct WordList {
    words: &'static str,
    set: OnceLock<HashSet<&'static str>>,
}

impl WordList {
    pub(super) const fn new(words: &'static str) -> Self {
        WordList {
            words,
            set: OnceLock::new(),
        }
    }

    /// True when `word` is in the list.
    pub(super) fn has(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.split_whitespace().collect())
            .contains(word)
    }
}
