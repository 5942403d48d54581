//! How often the value/unit proposer reads a figure of the real articles
//! right: spans copied from the Belgorod corpus (`../shared/corpus`), each
//! with the value and unit an analyst would confirm. The test checks that
//! every span is really in an article, so the list cannot drift from them.

use claimdesk::model::propose_quantity;
use std::path::Path;

/// Spans that hold a figure: (span, value, unit). Where a span holds
/// several figures the first is expected (PRODUCT §4), not the sum an
/// analyst may write ("14 adults and two children dead" is 14 people).
const FIGURES: [(&str, &str, &str); 60] = [
    // 000: Kyiv Independent, 3 Jan.
    ("claiming 24 people were killed", "24", "people"),
    ("over 100 others were injured", ">100", "people"),
    ("about 40 kilometers from the Ukrainian border", "~40", "km"),
    (
        "The Dec. 30 strike on Belgorod, about 40 kilometers from the Ukrainian border",
        "~40",
        "km",
    ),
    ("wounding another 170", "170", "people"),
    (
        "Russia attacked Ukraine with at least 500 missiles and drones",
        ">=500",
        "missiles",
    ),
    ("in just five days", "5", "days"),
    (
        "killing and injuring dozens of civilians",
        "24..99",
        "people",
    ),
    // 001: unnamed Russian-language outlet.
    (
        "25 people became victims of the attack, including five children",
        "25",
        "people",
    ),
    ("including five children", "5", "people"),
    ("more than a hundred people were injured", ">100", "people"),
    (
        "Dozens of residential buildings and civilian facilities were damaged",
        "24..99",
        "buildings",
    ),
    ("one hundred percent", "100", "%"),
    // 002: unnamed Spanish-language outlet.
    ("the death of at least 14 people", ">=14", "people"),
    ("wounding hundreds more", "200..999", "people"),
    ("They left 39 dead", "39", "people"),
    ("139 injured throughout the country", "139", "people"),
    (
        "Belgorod is located about 30 kilometers from the border with Ukraine",
        "~30",
        "km",
    ),
    ("Two Vilkha missiles", "2", "missiles"),
    ("two cars and ten private homes", "2", "cars"),
    ("ten private homes have been affected", "10", "homes"),
    ("14 adults and two children dead", "14", "people"),
    ("two children dead", "2", "people"),
    ("Another 108 people, including 15 children", "108", "people"),
    ("including 15 children, were injured", "15", "people"),
    (
        "Russian strikes killed at least 39 people",
        ">=39",
        "people",
    ),
    (
        "Russia had launched 158 missiles and drones",
        "158",
        "missiles",
    ),
    ("114 of them had been destroyed", "114", ""),
    (
        "Jan. 1 will be declared a day of mourning in the capital kyiv, where at least 16 people died",
        ">=16",
        "people",
    ),
    (
        "Three more people were killed yesterday by Russian strikes",
        "3",
        "people",
    ),
    ("at least seven people were injured", ">=7", "people"),
    ("carried out 50 group attacks", "50", "attacks"),
    ("one mass attack", "1", "attack"),
    ("a missile killed two people", "2", "people"),
    // 003: Newsroom.
    ("resulting in the deaths of 24 civilians", "24", "people"),
    ("including three children", "3", "people"),
    ("leaving 108 people injured", "108", "people"),
    ("37 apartment buildings", "37", "buildings"),
    ("453 apartments", "453", "apartments"),
    ("3 private households", "3", "households"),
    ("The owners of 53 damaged cars", "53", "cars"),
    (
        "two Russian S-300 missiles hit the center of Kharkiv",
        "2",
        "missiles",
    ),
    ("injuring 21 people, including two boys", "21", "people"),
    // 004: Kyiv Independent, 5 Jan.
    (
        "reportedly killed 25 people and injured over 100",
        "25",
        "people",
    ),
    ("injured over 100", ">100", "people"),
    (
        "The attacks killed 39 people and left over 160 more injured",
        "39",
        "people",
    ),
    // Longer spans, as an analyst drags them over a sentence.
    (
        "Moscow blamed Ukraine for the strike, claiming 24 people were killed and over 100 others were injured",
        "24",
        "people",
    ),
    (
        "which came one day after Russia launched a massive aerial attack against Kyiv",
        "1",
        "day",
    ),
    (
        "Ordasz recalled the incident in November 2022, when a missile killed two people in a Polish border village",
        "2",
        "people",
    ),
    (
        "protecting the people of two self-proclaimed separatist-controlled regions",
        "2",
        "regions",
    ),
    (
        "Various destructions were detected in 37 apartment buildings, 453 apartments",
        "37",
        "buildings",
    ),
    ("and 7 social facilities", "7", "facilities"),
    ("including two boys aged 16 and 14", "2", "people"),
    (
        "a day after Russian strikes killed at least 39 people, one of the fiercest attacks",
        ">=39",
        "people",
    ),
    (
        "The Ukrainian military estimated that Russia had launched 158 missiles and drones at Ukraine and 114 of them had been destroyed",
        "158",
        "missiles",
    ),
    (
        "According to the latest data, 25 people became victims of the attack",
        "25",
        "people",
    ),
    (
        "the latest toll was 14 adults and two children dead",
        "14",
        "people",
    ),
    (
        "between Dec. 29 and Jan. 2. The attacks killed 39 people",
        "39",
        "people",
    ),
    (
        "Belgorod, which lies about 40 kilometers from the Ukrainian border, reportedly killed 25 people",
        "~40",
        "km",
    ),
    (
        "killing and injuring dozens of civilians, President Volodymyr Zelensky said on Jan. 2",
        "24..99",
        "people",
    ),
];

/// Spans that hold no figure to propose: a garbled one, dates, years, an
/// article's number, a pronoun, vague words.
const NOTHING: [&str; 20] = [
    "reportedly killing over 5o people",
    "over 5o people and wounding another 170",
    "Several Ukrainian media outlets",
    "an unprecedented number of drones and missiles",
    "between Dec. 29 and Jan. 2",
    "On December 30, the Ukrainian army attacked",
    "By Vusala Abbasova December 31, 2023",
    "Last update: July 14, 2024 01:59",
    "since the conflict began in 2022",
    "Article 51 of the United Nations Charter",
    "one of the deadliest attacks on Russian soil since Moscow invaded Ukraine in February 2022",
    "We have already moved several families",
    "the incident in November 2022",
    "its second anniversary in February",
    "Zelensky said on Jan. 2",
    "in response to Russia's Dec. 29 massive attack on Ukraine",
    "Putin on Jan. 1 vowed to intensify attacks on Ukraine",
    "an emergency meeting of the UN Security Council held Dec. 31",
    "Air defense systems intercepted most of the shells, but several ammunition and cluster units hit the city",
    "Ukraine will cease to exist",
];

#[test]
fn the_proposer_reads_nine_in_ten_figures_of_the_corpus_right() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("proposer accuracy: {} is absent, skipped", dir.display());
        return;
    };
    let mut corpus = String::new();
    for entry in entries {
        let path = entry.expect("a corpus entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            corpus.push_str(&std::fs::read_to_string(&path).expect("an article"));
            corpus.push('\n');
        }
    }
    let expected = FIGURES
        .iter()
        .map(|&(span, value, unit)| (span, Some((value, unit))))
        .chain(NOTHING.iter().map(|&span| (span, None)));
    for (span, _) in expected.clone() {
        assert!(corpus.contains(span), "not in the corpus: {span:?}");
    }
    let Score {
        right,
        wrong,
        nothing,
        total,
    } = score(expected);
    println!("proposer: {right} of {total} right, {wrong} wrong, {nothing} proposed nothing");
    assert!(right * 10 >= total * 9, "only {right} of {total} right");
    for span in NOTHING {
        assert_eq!(propose_quantity(span), None, "{span:?} proposes nothing");
    }
}

/// How often the proposal is what the sample project's analyst confirmed
/// for its numeric claims. Printed, not asserted: the analyst also
/// interprets ("14 adults and two children dead" as 16, "ten private
/// homes" as houses), which a proposer of the words should not.
#[test]
fn the_sample_analysts_figures_compared_with_the_proposals() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/belgorod-strike.ron");
    let project = claimdesk::io::load_project(&sample).expect("the sample project loads");
    let (mut same, mut total) = (0, 0);
    for claim in project.claims.iter().filter(|c| c.value.is_some()) {
        total += 1;
        let proposed = propose_quantity(&claim.quote);
        if proposed.as_ref() == claim.value.map(|v| (v, claim.unit.clone())).as_ref() {
            same += 1;
        } else {
            println!(
                "  {:?}: proposed {:?}, the analyst wrote {:?} {:?}",
                claim.quote,
                proposed.map(|(q, unit)| format!("{q} {unit}")),
                claim.value.map(|v| v.to_string()),
                claim.unit
            );
        }
    }
    println!("sample project: {same} of {total} valued claims as the analyst wrote them");
}

/// The value and unit a span should give, or `None` for no figure.
type Expected<'a> = Option<(&'a str, &'a str)>;

/// How the proposer's readings compare with what was expected.
struct Score {
    right: usize,
    wrong: usize,
    nothing: usize,
    total: usize,
}

/// Scores the proposals for `spans` (each with the value and unit
/// expected, or `None` for a span without a figure), printing each miss.
fn score<'a>(spans: impl Iterator<Item = (&'a str, Expected<'a>)>) -> Score {
    let mut score = Score {
        right: 0,
        wrong: 0,
        nothing: 0,
        total: 0,
    };
    for (span, expected) in spans {
        score.total += 1;
        let proposed = propose_quantity(span).map(|(q, unit)| (q.to_string(), unit));
        let as_expected = match (&proposed, expected) {
            (Some((q, unit)), Some((value, u))) => q == value && unit == u,
            (None, None) => true,
            _ => false,
        };
        if as_expected {
            score.right += 1;
        } else if proposed.is_none() {
            score.nothing += 1;
            println!("  proposed nothing for {span:?}, expected {expected:?}");
        } else {
            score.wrong += 1;
            println!("  {span:?}: proposed {proposed:?}, expected {expected:?}");
        }
    }
    score
}

/// Phrases from the English news pages of Mozilla Readability's tests
/// (`../shared/conformance/readability/`), on other events than the
/// corpus's, with the value and unit an analyst would write, labelled
/// before the proposer was run on them. (page, span, value, unit.) Blind,
/// it read 21 of 35 right; the misses (persons the list did not name,
/// "Tunisians", "gunmen", "churchgoers"; "four or five") then taught the
/// proposer, so these no longer measure it blind.
const FIRST_LOOK: [(&str, &str, &str, &str); 35] = [
    ("bbc-1", "killing two people", "2", "people"),
    ("bbc-1", "with just 18 months left in power", "18", "months"),
    (
        "bbc-1",
        "nine African-American churchgoers were killed",
        "9",
        "people",
    ),
    ("bbc-1", "the eight years of his presidency", "8", "years"),
    ("wapo-1", "killing at least 19 people", ">=19", "people"),
    ("wapo-1", "including 17 foreigners", "17", "people"),
    ("wapo-1", "Two gunmen died", "2", "people"),
    (
        "wapo-1",
        "About 50 other people were wounded",
        "~50",
        "people",
    ),
    (
        "wapo-1",
        "a mostly Muslim nation of about 11 million people",
        "~11000000",
        "people",
    ),
    (
        "wapo-1",
        "drew thousands of bikini-clad tourists",
        "2000..9999",
        "people",
    ),
    (
        "wapo-1",
        "Thousands of Tunisians have flocked to join jihadist groups",
        "2000..9999",
        "people",
    ),
    (
        "wapo-1",
        "accounting for 15 percent of its gross domestic product",
        "15",
        "%",
    ),
    (
        "wapo-1",
        "hundreds of Islamists assaulted",
        "200..999",
        "people",
    ),
    (
        "wapo-1",
        "the killing of two leftist politicians",
        "2",
        "people",
    ),
    ("wapo-1", "beheaded 21 Christians", "21", "people"),
    ("wapo-1", "killed more than 20 people", ">20", "people"),
    (
        "wapo-1",
        "overthrew its dictator four years ago",
        "4",
        "years",
    ),
    (
        "nytimes-1",
        "After nearly 20 years of hostile relations",
        "~20",
        "years",
    ),
    (
        "nytimes-1",
        "killing more than 200 people",
        ">200",
        "people",
    ),
    (
        "nytimes-1",
        "slaughtered tens of thousands of civilians",
        "20000..99999",
        "people",
    ),
    ("nytimes-1", "a six-month review period", "6", "months"),
    (
        "nytimes-1",
        "allowed two visits by American operatives",
        "2",
        "visits",
    ),
    (
        "nytimes-1",
        "killed more than 10 civilians in Darfur",
        ">10",
        "people",
    ),
    (
        "seattletimes-1",
        "surpassed 100 million members",
        "100000000",
        "people",
    ),
    (
        "seattletimes-1",
        "one of more than 300 such Prime promotions",
        ">300",
        "promotions",
    ),
    (
        "seattletimes-1",
        "lower prices on hundreds of items",
        "200..999",
        "items",
    ),
    (
        "seattletimes-1",
        "11 automated Go convenience stores",
        "11",
        "stores",
    ),
    (
        "seattletimes-1",
        "numbers about 100 vessels",
        "~100",
        "vessels",
    ),
    (
        "seattletimes-1",
        "with four or five buyers",
        "4..5",
        "people",
    ),
    ("seattletimes-1", "three family members", "3", "people"),
    (
        "herald-sun-1",
        "for two years so security and law enforcement agencies",
        "2",
        "years",
    ),
    (
        "herald-sun-1",
        "considered dozens of submissions",
        "24..99",
        "submissions",
    ),
    (
        "herald-sun-1",
        "won’t come into full effect for two years",
        "2",
        "years",
    ),
    ("cnn", "among 10 wealthy countries", "10", "countries"),
    (
        "telegraph",
        "two key figures from her G40 political faction",
        "2",
        "people",
    ),
];

/// The rest of the figures of the same pages, taken in page order (every
/// number a claim could rest on, and numbers that are no figure), labelled
/// before the proposer was run on them. (page, span, expected value and
/// unit or none.) Blind, after the first look had taught it, it read 13 of
/// 34 right; money ("$13.7 billion") and hyphenated durations and ages
/// ("six-month", "52-year-old") were then taught, and later "X to Y"
/// ranges and years. What it still misses is printed: people named by a
/// pronoun ("20 of them"), "pounds" (weight or money?), numbered lists.
const SECOND_LOOK: [(&str, &str, Expected); 34] = [
    (
        "bbc-1",
        "the number of Americans killed since 9/11 by terrorism, it's less than 100",
        Some(("<100", "people")),
    ),
    (
        "bbc-1",
        "the number that have been killed by gun violence, it's in the tens of thousands",
        Some(("20000..99999", "people")),
    ),
    ("bbc-1", "Nine months ago", Some(("9", "months"))),
    ("bbc-1", "he has persuaded precisely zero", Some(("0", ""))),
    (
        "bbc-1",
        "Five things we learned from Obama interview",
        Some(("5", "things")),
    ),
    (
        "wapo-1",
        "and three others may have escaped",
        Some(("3", "people")),
    ),
    ("wapo-1", "held power from 2011 to 2013", None),
    (
        "wapo-1",
        "20 of them Egyptian Copts",
        Some(("20", "people")),
    ),
    (
        "wapo-1",
        "one of the major sources of foreign fighters",
        None,
    ),
    ("nytimes-1", "Sudan is one of the poorest", None),
    ("nytimes-1", "In 1997, President Bill Clinton imposed", None),
    (
        "herald-sun-1",
        "so-called ‘metadata’ for two years",
        Some(("2", "years")),
    ),
    (
        "herald-sun-1",
        "aspects of two earlier pieces of national security legislation",
        Some(("2", "pieces")),
    ),
    ("cnn", "between the ages of 25 and 54", Some(("25..54", ""))),
    ("cnn", "1. Finland 2. Norway 3. Australia", None),
    ("cnn", "First published February 1, 2016: 1:28 AM ET", None),
    (
        "telegraph",
        "the 93 year-old finishes his presidential term",
        Some(("93", "years")),
    ),
    ("telegraph", "52-year-old Grace", Some(("52", "years"))),
    ("telegraph", "in the last two years", Some(("2", "years"))),
    (
        "seattletimes-1",
        "his 106-year-old halibut schooner",
        Some(("106", "years")),
    ),
    (
        "seattletimes-1",
        "Bassi, 43 years a fisherman",
        Some(("43", "years")),
    ),
    (
        "seattletimes-1",
        "selling this for $16-something a pound",
        None,
    ),
    (
        "seattletimes-1",
        "for $13.7 billion",
        Some(("13700000000", "$")),
    ),
    (
        "seattletimes-1",
        "fresh halibut fillets priced at $16.99 a pound",
        Some(("16.99", "$")),
    ),
    (
        "seattletimes-1",
        "routinely sell for $24 to $28 a pound",
        Some(("24..28", "$")),
    ),
    (
        "seattletimes-1",
        "which totaled $726 billion in 2017",
        Some(("726000000000", "$")),
    ),
    (
        "seattletimes-1",
        "it had more than 100 as of last July",
        Some((">100", "")),
    ),
    (
        "seattletimes-1",
        "racked up more than $6 million in sales",
        Some((">6000000", "$")),
    ),
    (
        "seattletimes-1",
        "one of four century-old wooden schooners",
        Some(("4", "schooners")),
    ),
    (
        "seattletimes-1",
        "a fish that can grow to 500 pounds",
        Some(("500", "lb")),
    ),
    (
        "seattletimes-1",
        "the three-day journey",
        Some(("3", "days")),
    ),
    (
        "seattletimes-1",
        "paid between $5 and $6 a pound",
        Some(("5..6", "$")),
    ),
    (
        "seattletimes-1",
        "capped at 29.4 million pounds",
        Some(("29400000", "lb")),
    ),
    (
        "seattletimes-1",
        "saved customers “hundreds of millions of dollars”",
        Some(("200000000..999999999", "$")),
    ),
];

#[test]
fn the_proposer_on_phrases_of_other_news_pages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/readability");
    if !dir.is_dir() {
        println!(
            "proposer on other news pages: {} is absent, skipped",
            dir.display()
        );
        return;
    }
    let pages = FIRST_LOOK
        .iter()
        .map(|&(page, span, ..)| (page, span))
        .chain(SECOND_LOOK.iter().map(|&(page, span, _)| (page, span)));
    for (page, span) in pages {
        let html = std::fs::read_to_string(dir.join(page).join("expected.html"))
            .unwrap_or_else(|e| panic!("{page}: {e}"));
        let text = dom_query::Document::from(html.as_str())
            .select("body")
            .text();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(span), "not in {page}: {span:?}");
    }
    let first = score(
        FIRST_LOOK
            .iter()
            .map(|&(_, span, value, unit)| (span, Some((value, unit)))),
    );
    println!(
        "first look: {} of {} right, {} wrong, {} proposed nothing",
        first.right, first.total, first.wrong, first.nothing
    );
    let second = score(
        SECOND_LOOK
            .iter()
            .map(|&(_, span, expected)| (span, expected)),
    );
    println!(
        "second look: {} of {} right, {} wrong, {} proposed nothing",
        second.right, second.total, second.wrong, second.nothing
    );
    assert!(
        first.right * 10 >= first.total * 9,
        "first look: only {} right",
        first.right
    );
    assert!(
        second.right * 3 >= second.total * 2,
        "second look: only {} right",
        second.right
    );
}
