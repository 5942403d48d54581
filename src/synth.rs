//! Synthetic projects, for benchmarks and stress tests of the checker and
//! the workbench: news-like documents from ~200 sources with parties, and
//! figures on shared subjects, some agreeing, some not, some dated.
//!
//! The same seed gives the same project, byte for byte, so a bench or a bug
//! report can name the project by its three numbers.

use crate::model::{
    Claim, ClaimId, ClaimLink, Credibility, Document, DocumentId, LabelId, LinkKind, Project,
    Quantity, Reliability, Source, SourceId, SourceKind, Verdict, span,
};
use chrono::{DateTime, Days, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};

/// How many sources a generated project has.
pub const SOURCES: usize = 200;

/// Claims per subject on average: enough that groups hold real work.
const CLAIMS_PER_TOPIC: usize = 40;

const OUTLET_WORDS: [&str; 20] = [
    "Northern",
    "Daily",
    "Evening",
    "Free",
    "Global",
    "Morning",
    "National",
    "People's",
    "Coastal",
    "Eastern",
    "Western",
    "Capital",
    "Independent",
    "Open",
    "Rural",
    "Central",
    "Новый",
    "Le",
    "Al",
    "Southern",
];
const OUTLET_NOUNS: [&str; 10] = [
    "Herald",
    "Courier",
    "Gazette",
    "Observer",
    "Monitor",
    "Вестник",
    "Journal",
    "Tribune",
    "الأخبار",
    "Post",
];
const PARTIES: [&str; 3] = ["Borduria", "Syldavia", "Aland"];
const PLACES: [&str; 12] = [
    "Klow",
    "Szohôd",
    "Niedzbaria",
    "Tesla Bay",
    "Белгород-Южный",
    "Wadesdah",
    "Zlip",
    "Dbrnouk",
    "Douma",
    "Istow",
    "Hébron-Nord",
    "Kragoniev",
];
const EVENTS: [&str; 6] = [
    "Shelling of",
    "Flooding in",
    "Missile strike on",
    "Evacuation of",
    "Fire in",
    "Drone attack on",
];
/// Attribute, unit spellings (compared as one unit), and the verb after the figure.
const ATTRIBUTES: [(&str, [&str; 3], &str); 6] = [
    ("killed", ["people", "persons", "people"], "were killed"),
    ("injured", ["people", "people", "person"], "were injured"),
    ("displaced", ["people", "persons", "people"], "had to leave"),
    (
        "distance from border",
        ["km", "kilometers", "kilometres"],
        "from the border",
    ),
    (
        "buildings damaged",
        ["buildings", "building", "buildings"],
        "were damaged",
    ),
    (
        "missiles launched",
        ["missiles", "missile", "missiles"],
        "were launched",
    ),
];
/// Sentences between the figures: several scripts, one of them right-to-left.
const FILLERS: [&str; 8] = [
    "Residents described a long night of sirens and explosions.",
    "Жители рассказали, что ночь была долгой и тревожной.",
    "قال شهود عيان إن الانفجارات سُمعت في أنحاء المدينة.",
    "Les secours sont arrivés sur place peu après minuit.",
    "The claims could not be independently verified.",
    "עדים סיפרו על פיצוצים חזקים במרכז העיר.",
    "Officials promised an update later in the day.",
    "Los equipos de rescate siguen trabajando en la zona.",
];

/// One subject the claims talk about.
struct Topic {
    subject: String,
    attribute: usize,
    base: f64,
    start: NaiveDate,
}

/// Generates a project of `docs` documents holding `claims` claims, the
/// same for the same `seed`.
pub fn generate(docs: usize, claims: usize, seed: u64) -> Project {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut project = Project::new(&format!(
        "Synthetic project ({docs} documents, seed {seed})"
    ));
    project.sources = (0..SOURCES).map(|i| source(&mut rng, i)).collect();
    let docs = if claims > 0 { docs.max(1) } else { docs };
    let day_one = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default();
    let topics: Vec<Topic> = (0..(claims / CLAIMS_PER_TOPIC).max(1))
        .map(|i| Topic {
            subject: format!(
                "{} {} #{i}",
                EVENTS[i % EVENTS.len()],
                PLACES[(i / EVENTS.len()) % PLACES.len()]
            ),
            attribute: rng.random_range(0..ATTRIBUTES.len()),
            base: f64::from(rng.random_range(3u32..5000)),
            start: day_one + Days::new(rng.random_range(0..300)),
        })
        .collect();
    let officials: Vec<usize> = (0..SOURCES)
        .filter(|&i| project.sources[i].kind == SourceKind::Official)
        .collect();
    let epoch = DateTime::<Utc>::from_timestamp(1_709_251_200, 0).unwrap_or_default();
    for d in 0..docs {
        let first = d * claims / docs;
        let last = (d + 1) * claims / docs;
        let source = rng.random_range(0..SOURCES);
        let published = day_one + Days::new(rng.random_range(0..320));
        let mut writer = Writer::default();
        let mut tagged: Vec<(usize, TaggedSentence)> = Vec::new();
        // About one claim in five tags part of a sentence already tagged.
        let sentences = (last - first) - (last - first) / 5;
        for n in 0..(last - first) {
            if n > 0 && n.is_multiple_of(4) {
                writer.push("\n\n");
            }
            if rng.random_bool(0.3) {
                writer.push(FILLERS.choose(&mut rng).copied().unwrap_or_default());
                writer.push(" ");
            }
            let topic = skewed(&mut rng, topics.len());
            if n < sentences.max(1) {
                let speaker = officials
                    .choose(&mut rng)
                    .copied()
                    .filter(|_| rng.random_bool(0.4));
                let who = speaker.map_or(project.sources[source].name.clone(), |s| {
                    project.sources[s].name.clone()
                });
                let sentence = figure_sentence(&mut rng, &mut writer, &topics[topic], &who);
                tagged.push((
                    topic,
                    TaggedSentence {
                        speaker,
                        ..sentence
                    },
                ));
            } else if let Some(&(topic, ref sentence)) = tagged.choose(&mut rng) {
                tagged.push((
                    topic,
                    TaggedSentence {
                        whole: false,
                        ..sentence.clone()
                    },
                ));
            }
        }
        let id = DocumentId::from(format!("doc-{d:05}"));
        let text = writer.text;
        let mut document = Document::new(
            id.clone(),
            &format!(
                "{} — report {d}",
                topics[tagged.first().map_or(0, |t| t.0)].subject
            ),
            project.sources[source].id.clone(),
            text,
        );
        document.published = Some(published);
        // Indexed once: anchoring each claim by walking the text from its
        // start would make a document with thousands of claims quadratic.
        let index = span::TextIndex::new(&document.text);
        for (topic_index, sentence) in tagged {
            let topic = &topics[topic_index];
            let n = project.claims.len();
            let span = if sentence.whole {
                sentence.sentence
            } else {
                sentence.figure
            };
            let Ok(anchor) = index.anchor(span) else {
                continue;
            };
            let mut claim = Claim::new(id.clone(), anchor, LabelId::from("numeric"), "synth");
            claim.id = ClaimId::from(format!("c-{n:06}"));
            claim.created = epoch + chrono::Duration::seconds(n as i64);
            claim.modified = claim.created;
            claim.claimant = sentence
                .speaker
                .map(|s| project.sources[s].name.clone())
                .unwrap_or_default();
            claim.subject = topic.subject.clone();
            claim.attribute = ATTRIBUTES[topic.attribute].0.to_owned();
            claim.value = Some(sentence.value);
            claim.unit = sentence.unit.to_owned();
            claim.as_of = sentence.as_of;
            claim.credibility = *[1, 2, 2, 3, 3, 3, 4, 5, 6, 6]
                .choose(&mut rng)
                .and_then(|&g| Credibility::try_from(g).ok())
                .as_ref()
                .unwrap_or(&Credibility::CannotBeJudged);
            if matches!(sentence.value, Quantity::LessThan(_)) {
                claim.credibility = Credibility::Confirmed;
            }
            claim.verdict = Verdict::Unassessed;
            if n > 0 && rng.random_bool(0.03) {
                let target = ClaimId::from(format!("c-{:06}", rng.random_range(0..n)));
                let kind = if rng.random_bool(0.5) {
                    LinkKind::Supports
                } else {
                    LinkKind::Contradicts
                };
                claim.links.push(ClaimLink { kind, target });
            }
            project.claims.push(claim);
        }
        project.documents.push(document);
    }
    project
}

/// A topic index, small ones more often, so that some groups are large.
fn skewed(rng: &mut StdRng, topics: usize) -> usize {
    let u: f64 = rng.random_range(0.0..1.0);
    ((u * u * topics as f64) as usize).min(topics.saturating_sub(1))
}

fn source(rng: &mut StdRng, i: usize) -> Source {
    let official = i.is_multiple_of(5);
    let name = if official {
        format!(
            "Ministry of Defence of {} ({})",
            PARTIES[i % PARTIES.len()],
            i / 5
        )
    } else {
        format!(
            "{} {}",
            OUTLET_WORDS[i % OUTLET_WORDS.len()],
            OUTLET_NOUNS[(i / OUTLET_WORDS.len()) % OUTLET_NOUNS.len()]
        )
    };
    let mut source = Source::new(&name);
    source.id = SourceId::from(format!("src-{i:03}"));
    source.kind = if official {
        SourceKind::Official
    } else {
        SourceKind::NewsOutlet
    };
    // Officials belong to a party; so does one outlet in four.
    if official || rng.random_bool(0.25) {
        source.party = Some(PARTIES[rng.random_range(0..PARTIES.len())].to_owned());
    }
    source.reliability = *Reliability::ALL.choose(rng).unwrap_or(&Reliability::F);
    source
}

/// A sentence holding a figure, with where it and its figure lie.
#[derive(Clone)]
struct TaggedSentence {
    sentence: span::Span,
    figure: span::Span,
    value: Quantity,
    unit: &'static str,
    as_of: Option<NaiveDate>,
    speaker: Option<usize>,
    /// Whether the claim tags the whole sentence or only its figure.
    whole: bool,
}

/// Writes one sentence stating a figure on `topic`, as `who` reports it.
fn figure_sentence(
    rng: &mut StdRng,
    writer: &mut Writer,
    topic: &Topic,
    who: &str,
) -> TaggedSentence {
    let (_, units, verb) = ATTRIBUTES[topic.attribute];
    let unit = units[rng.random_range(0..units.len())];
    let base = topic.base;
    let round = |v: f64| v.round().max(1.0);
    let (value, words) = match rng.random_range(0..40) {
        0..=15 => {
            let v = round(base * (1.0 + f64::from(rng.random_range(-2i32..=2)) * 0.02));
            (Quantity::Exact(v), format!("{v}"))
        }
        16..=21 => {
            let v = round(base * 0.6);
            (Quantity::AtLeast(v), format!("at least {v}"))
        }
        22..=27 => (
            Quantity::About(round(base)),
            format!("about {}", round(base)),
        ),
        28..=31 => {
            let (a, b) = (round(base * 0.8), round(base * 1.3));
            (Quantity::Range(a, b), format!("between {a} and {b}"))
        }
        32..=33 => {
            let v = round(base / 2.0);
            (Quantity::MoreThan(v), format!("more than {v}"))
        }
        34..=38 => {
            let v = round(base * 2.5);
            (Quantity::Exact(v), format!("{v}"))
        }
        // A rare low outlier, which the generator grades "confirmed" below:
        // the unsupported grade the credibility rule is there to catch.
        _ => {
            let v = round(base * 0.1);
            (Quantity::LessThan(v), format!("fewer than {v}"))
        }
    };
    let as_of = rng
        .random_bool(0.5)
        .then(|| topic.start + Days::new(rng.random_range(0..6)));
    writer.push(&format!("{who} said that in the {} ", topic.subject));
    let figure_start = writer.chars;
    writer.push(&format!("{words} {unit}"));
    let figure_end = writer.chars;
    writer.push(&format!(" {verb}"));
    if let Some(date) = as_of {
        writer.push(&format!(" as of {}", date.format("%-d %B")));
    }
    writer.push(".");
    // The claim runs from the figure to the end of the sentence, so that a
    // message's short quote starts with the figure.
    let sentence = span::Span::new(figure_start, writer.chars);
    writer.push(" ");
    TaggedSentence {
        sentence,
        figure: span::Span::new(figure_start, figure_end),
        value,
        unit,
        as_of,
        speaker: None,
        whole: true,
    }
}

/// A growing text that counts its code points, so spans need no recount.
#[derive(Default)]
struct Writer {
    text: String,
    chars: usize,
}

impl Writer {
    fn push(&mut self, part: &str) {
        self.text.push_str(part);
        self.chars += part.chars().count();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_project() {
        let a = generate(20, 300, 7);
        assert_eq!(a, generate(20, 300, 7));
        assert_ne!(a, generate(20, 300, 8));
        assert_eq!(a.claims.len(), 300);
        assert_eq!(a.documents.len(), 20);
        assert_eq!(a.sources.len(), SOURCES);
    }

    #[test]
    fn a_generated_project_is_sound_and_gives_the_checker_work() {
        let project = generate(40, 2000, 1);
        assert!(project.validate().is_empty(), "{:?}", project.validate());
        let findings = crate::check::check(&project);
        assert!(findings.iter().all(|f| !f.rule.is_integrity()));
        for rule in [
            "numeric-conflict",
            "numeric-update",
            "unconfirmed-credibility",
        ] {
            assert!(findings.iter().any(|f| f.rule == rule), "no {rule}");
        }
        let text: String = project.documents.iter().map(|d| d.text.as_str()).collect();
        assert!(
            text.contains('ע') && text.contains('ж'),
            "non-ASCII and right-to-left text"
        );
        assert!(project.sources.iter().filter(|s| s.party.is_some()).count() > 40);
    }

    #[test]
    fn tiny_and_empty_projects_are_fine() {
        assert!(generate(0, 0, 1).claims.is_empty());
        assert_eq!(generate(0, 3, 1).documents.len(), 1);
        assert_eq!(generate(5, 1, 1).claims.len(), 1);
    }
}

/// Adds one long document of about `megabytes` MB holding `claims` claims
/// (PRODUCT's "5 MB article with 20,000 claims"), from source `src-000`.
/// Its figures are written as in [`generate`], with filler paragraphs in
/// several scripts between them until the text reaches its size.
pub fn add_big_document(
    project: &mut Project,
    megabytes: f64,
    claims: usize,
    seed: u64,
) -> DocumentId {
    let small = generate(1, claims, seed);
    let id = DocumentId::from("big-document");
    let Some(original) = small.documents.first() else {
        return id;
    };
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed);
    // The generated text ends with paragraphs that hold no claim; the long
    // document ends with its last claim's paragraph instead, so that its
    // claims reach from its start to its end.
    let last_claim = small.claims.iter().map(|c| c.end).max().unwrap_or(0);
    let cut = span::TextIndex::new(&original.text)
        .byte_of(last_claim)
        .map_or(original.text.len(), |byte| {
            original.text[byte..]
                .find("\n\n")
                .map_or(original.text.len(), |end| byte + end)
        });
    let paragraphs: Vec<&str> = original.text[..cut].split("\n\n").collect();
    let target = (megabytes * 1_000_000.0) as usize;
    let padding = target.saturating_sub(cut) / paragraphs.len().max(1);
    let mut text = String::with_capacity(target + 4096);
    // For each original paragraph: where it started (in code points) and
    // how far the filler before it moved it.
    let mut moves: Vec<(usize, usize)> = Vec::with_capacity(paragraphs.len());
    let (mut old, mut new) = (0usize, 0usize);
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
            old += 2;
            new += 2;
        }
        let mut filler = String::new();
        while filler.len() < padding {
            filler.push_str(FILLERS.choose(&mut rng).copied().unwrap_or_default());
            filler.push(' ');
        }
        if !filler.is_empty() {
            filler.push_str("\n\n");
            new += filler.chars().count();
            text.push_str(&filler);
        }
        moves.push((old, new - old));
        text.push_str(paragraph);
        let length = paragraph.chars().count();
        old += length;
        new += length;
    }
    let source = project
        .sources
        .first()
        .map(|s| s.id.clone())
        .unwrap_or_else(|| SourceId::from("src-000"));
    let mut document = Document::new(id.clone(), "A very long report", source, text);
    document.published = original.published;
    let index = span::TextIndex::new(&document.text);
    for (n, claim) in small.claims.into_iter().enumerate() {
        let at = moves.partition_point(|&(start, _)| start <= claim.start);
        let shift = at.checked_sub(1).map_or(0, |i| moves[i].1);
        let Ok(anchor) = index.anchor(span::Span::new(claim.start + shift, claim.end + shift))
        else {
            continue;
        };
        project.claims.push(Claim {
            id: ClaimId::from(format!("c-big-{n:06}")),
            document: id.clone(),
            start: anchor.span.start,
            end: anchor.span.end,
            quote: anchor.quote,
            prefix: anchor.prefix,
            suffix: anchor.suffix,
            // Links point at the small project's ids, which mean nothing here.
            links: Vec::new(),
            ..claim
        });
    }
    project.documents.push(document);
    id
}

#[cfg(test)]
mod big_document_tests {
    use super::*;

    #[test]
    fn the_big_document_has_its_size_and_exact_quotes() {
        let mut project = generate(3, 30, 1);
        let id = add_big_document(&mut project, 0.2, 500, 2);
        let document = project.document(&id).expect("the big document");
        assert!(document.text.len() >= 190_000, "{}", document.text.len());
        let claims: Vec<&Claim> = project.claims_in(&id).collect();
        assert!(claims.len() >= 490, "{}", claims.len());
        for claim in claims {
            assert_eq!(
                span::slice(&document.text, claim.span()),
                Some(claim.quote.as_str())
            );
        }
        assert!(project.validate().is_empty(), "{:?}", project.validate());
    }
}

/// Makes `count` of the project's figures (the first ones, in project
/// order) speak about one thing, in people: the Figures view's largest
/// topic, "Synthetic strike / killed". Their values, dates and outlets
/// stay as generated, so the topic mixes exact figures, ranges and open
/// ends from many outlets over many days. Returns the topic's title.
pub fn one_big_topic(project: &mut Project, count: usize) -> String {
    for claim in project
        .claims
        .iter_mut()
        .filter(|c| c.value.is_some())
        .take(count)
    {
        claim.subject = "Synthetic strike".to_owned();
        claim.attribute = "killed".to_owned();
        claim.unit = "people".to_owned();
    }
    "Synthetic strike / killed".to_owned()
}
