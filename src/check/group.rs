//! What the consistency rules share: look-ups built once per run, claims
//! grouped by what they are about, and how a claim is named in a message.
//!
//! Grouping is one pass with a hash map, so the rules stay O(n log n).

use super::push_quoted;
use crate::model::{Claim, ClaimId, Document, DocumentId, Project, Source, SourceId};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::fmt::Write as _;

/// Claims about one thing: the same subject and attribute (case, spacing
/// and punctuation ignored) and, for figures, the same unit.
#[derive(Clone, Debug)]
pub struct Group {
    /// The normalised subject, attribute and unit: stable, for fingerprints.
    pub key: String,
    /// The subject as the first claim of the group writes it.
    pub subject: String,
    /// The attribute as the first claim of the group writes it.
    pub attribute: String,
    /// The normalised unit (`km`, `people`); empty for claims without value.
    pub unit: String,
    /// Indices into `project.claims`, in project order.
    pub members: Vec<usize>,
}

impl Group {
    /// "Belgorod strike 2023-12-30 / killed", for messages.
    pub fn title(&self) -> String {
        match (self.subject.is_empty(), self.attribute.is_empty()) {
            (false, false) => format!("{} / {}", self.subject, self.attribute),
            (true, _) => self.attribute.clone(),
            (_, true) => self.subject.clone(),
        }
    }
}

/// Look-ups over one project, built once and shared by the rules.
pub struct Index<'a> {
    pub project: &'a Project,
    /// The source that published each claim's document (by claim index).
    pub outlet: Vec<Option<&'a Source>>,
    /// The document of each claim (by claim index).
    pub document: Vec<Option<&'a Document>>,
    /// Who makes each claim: its claimant's source, or the outlet when the
    /// claimant is empty; `None` when the claimant is no known source.
    pub speaker: Vec<Option<&'a Source>>,
    /// True when a claim's claimant is empty or names its outlet, so that
    /// messages name the outlet alone (decided once, not per message).
    pub as_outlet: Vec<bool>,
    /// Claims with a value, by subject, attribute and unit; sorted by key.
    pub figures: Vec<Group>,
    /// Claims without a value, by subject and attribute; sorted by key.
    pub statements: Vec<Group>,
    /// The group in `figures` or `statements` of each claim, if any.
    pub group_of: Vec<Option<usize>>,
}

impl<'a> Index<'a> {
    /// Builds the look-ups and the groups in one pass over the claims.
    pub fn new(project: &'a Project) -> Self {
        let mut documents: HashMap<&DocumentId, &Document> = HashMap::new();
        for document in &project.documents {
            documents.entry(&document.id).or_insert(document);
        }
        // Many claims share a subject or a claimant: each distinct spelling
        // is normalised once, and words are compared and grouped by number.
        let mut words = Normalised::default();
        let mut sources: HashMap<&SourceId, &Source> = HashMap::new();
        let mut named: HashMap<u32, &Source> = HashMap::new();
        let mut name_keys: HashMap<&SourceId, u32> = HashMap::new();
        for source in &project.sources {
            sources.entry(&source.id).or_insert(source);
            let name = words.key(&source.name);
            named.entry(name).or_insert(source);
            name_keys.entry(&source.id).or_insert(name);
        }
        let n = project.claims.len();
        let mut index = Self {
            project,
            outlet: Vec::with_capacity(n),
            document: Vec::with_capacity(n),
            speaker: Vec::with_capacity(n),
            as_outlet: Vec::with_capacity(n),
            figures: Vec::new(),
            statements: Vec::new(),
            group_of: vec![None; n],
        };
        let mut figures: HashMap<(u32, u32, u32), Vec<usize>> = HashMap::new();
        let mut statements: HashMap<(u32, u32, u32), Vec<usize>> = HashMap::new();
        // Claims come document by document: the last look-up mostly holds.
        let mut last: Option<(&DocumentId, Option<&Document>, Option<&Source>)> = None;
        for (i, claim) in project.claims.iter().enumerate() {
            let (document, outlet) = match last {
                Some((id, document, outlet)) if *id == claim.document => (document, outlet),
                _ => {
                    let document = documents.get(&claim.document).copied();
                    let outlet = document.and_then(|d| sources.get(&d.source).copied());
                    last = Some((&claim.document, document, outlet));
                    (document, outlet)
                }
            };
            let (speaker, as_outlet) = if claim.claimant.trim().is_empty() {
                (outlet, true)
            } else {
                let key = words.key(&claim.claimant);
                let outlet_key = outlet.and_then(|o| name_keys.get(&o.id).copied());
                (
                    named.get(&key).copied(),
                    outlet_key.unwrap_or(words.empty) == key,
                )
            };
            index.document.push(document);
            index.outlet.push(outlet);
            index.speaker.push(speaker);
            index.as_outlet.push(as_outlet);
            let subject = words.key(&claim.subject);
            let attribute = words.key(&claim.attribute);
            // A claim about nothing named cannot be compared with anything.
            if subject == words.empty && attribute == words.empty {
                continue;
            }
            if claim.value.is_some() {
                let unit = words.unit(&claim.unit);
                figures
                    .entry((subject, attribute, unit))
                    .or_default()
                    .push(i);
            } else {
                statements
                    .entry((subject, attribute, words.empty))
                    .or_default()
                    .push(i);
            }
        }
        let figures = words.named(figures);
        let statements = words.named(statements);
        index.figures = index.collect_groups(figures);
        index.statements = index.collect_groups(statements);
        for (number, group) in index.figures.iter().enumerate() {
            for &i in &group.members {
                index.group_of[i] = Some(number);
            }
        }
        for (number, group) in index.statements.iter().enumerate() {
            for &i in &group.members {
                index.group_of[i] = Some(number);
            }
        }
        index
    }

    fn collect_groups(&self, map: HashMap<String, Vec<usize>>) -> Vec<Group> {
        let mut groups: Vec<Group> = map
            .into_iter()
            .filter_map(|(key, members)| {
                let first = self.project.claims.get(*members.first()?)?;
                Some(Group {
                    subject: first.subject.trim().to_owned(),
                    attribute: first.attribute.trim().to_owned(),
                    unit: key.rsplit('\u{1f}').next().unwrap_or_default().to_owned(),
                    key,
                    members,
                })
            })
            .collect();
        // Hash maps iterate in random order; sorting keeps runs identical.
        groups.sort_by(|a, b| a.key.cmp(&b.key));
        groups
    }

    pub fn claim(&self, i: usize) -> &'a Claim {
        &self.project.claims[i]
    }

    /// The outlet's name, or the document id when the source is missing.
    pub fn outlet_name(&self, i: usize) -> String {
        let mut out = String::new();
        self.write_outlet_name(&mut out, i);
        out
    }

    fn write_outlet_name(&self, out: &mut String, i: usize) {
        match self.outlet[i] {
            Some(source) => out.push_str(&source.name),
            None => {
                let _ = write!(out, "document {}", self.claim(i).document);
            }
        }
    }

    /// Who says it: "Russian authorities, in Kyiv Independent (2024-01-05)".
    pub fn who(&self, i: usize) -> String {
        let mut out = String::new();
        self.write_who(&mut out, i);
        out
    }

    // The describing functions write into one string: the checker names two
    // claims per finding, tens of thousands of times on a large project.
    fn write_who(&self, out: &mut String, i: usize) {
        if !self.as_outlet[i] {
            out.push_str(self.claim(i).claimant.trim());
            out.push_str(", in ");
        }
        self.write_outlet_name(out, i);
        if let Some(date) = self.document[i].and_then(|d| d.published) {
            let _ = write!(out, " of {date}");
        }
    }

    /// A claim as messages name it: its quote and who says it.
    pub fn describe(&self, i: usize) -> String {
        let quote = &self.claim(i).quote;
        // Room for the quote and who says it: one allocation, not a few.
        let mut out = String::with_capacity(quote.len().min(280) + 120);
        push_quoted(&mut out, quote);
        out.push_str(" (");
        self.write_who(&mut out, i);
        out.push(')');
        out
    }

    /// Its value with unit and date: "24 people (as of 2024-01-03)".
    pub fn value_text(&self, i: usize) -> String {
        let claim = self.claim(i);
        let mut out = String::with_capacity(64);
        if let Some(value) = claim.value {
            let _ = write!(out, "{value}");
        }
        let unit = claim.unit.trim();
        if !unit.is_empty() {
            out.push(' ');
            out.push_str(unit);
        }
        let _ = match claim.as_of {
            Some(date) => write!(out, " (as of {date})"),
            None => write!(out, " (undated)"),
        };
        out
    }

    /// The ids a pair (or set) of claims involves: claims, documents, outlets.
    /// Each document and source comes once: a group of 10,000 claims names
    /// a few hundred of them, and copying each per claim only to sort the
    /// copies away again was a third of a check's time.
    pub fn ids(&self, members: &[usize]) -> (Vec<ClaimId>, Vec<DocumentId>, Vec<SourceId>) {
        if members.len() <= 8 {
            // A pair: copies are few, and the checker sorts and dedups them.
            let mut claims = Vec::with_capacity(members.len());
            let mut documents = Vec::with_capacity(members.len());
            let mut sources = Vec::with_capacity(2 * members.len());
            for &i in members {
                let claim = self.claim(i);
                claims.push(claim.id.clone());
                documents.push(claim.document.clone());
                sources.extend(self.outlet[i].map(|s| s.id.clone()));
                sources.extend(self.speaker[i].map(|s| s.id.clone()));
            }
            return (claims, documents, sources);
        }
        // Documents and sources are told apart by address: each claim's
        // look-up points into the project, so equal ids share one address,
        // and hashing an address is cheaper than hashing and comparing ids.
        let mut claims = Vec::with_capacity(members.len());
        let mut seen_documents: HashSet<*const Document> = HashSet::with_capacity(members.len());
        let mut missing_documents: HashSet<&DocumentId> = HashSet::new();
        let mut seen_sources: HashSet<*const Source> = HashSet::with_capacity(members.len());
        let mut documents = Vec::new();
        let mut sources = Vec::new();
        for &i in members {
            let claim = self.claim(i);
            claims.push(claim.id.clone());
            let new_document = match self.document[i] {
                Some(document) => seen_documents.insert(std::ptr::from_ref(document)),
                None => missing_documents.insert(&claim.document),
            };
            if new_document {
                documents.push(claim.document.clone());
            }
            for source in [self.outlet[i], self.speaker[i]].into_iter().flatten() {
                if seen_sources.insert(std::ptr::from_ref(source)) {
                    sources.push(source.id.clone());
                }
            }
        }
        (claims, documents, sources)
    }
}

/// Normalised words, numbered: each distinct spelling is normalised once,
/// and spellings that normalise alike share a number.
struct Normalised<'a> {
    /// Raw spelling (and whether it is a unit) to its number.
    spellings: HashMap<(&'a str, bool), u32>,
    numbers: HashMap<String, u32>,
    words: Vec<String>,
    /// The number of the empty word.
    empty: u32,
}

impl Default for Normalised<'_> {
    fn default() -> Self {
        Self {
            spellings: HashMap::new(),
            numbers: [(String::new(), 0)].into_iter().collect(),
            words: vec![String::new()],
            empty: 0,
        }
    }
}

impl<'a> Normalised<'a> {
    /// The number of a subject or attribute.
    fn key(&mut self, raw: &'a str) -> u32 {
        self.number(raw, false)
    }

    /// The number of a unit.
    fn unit(&mut self, raw: &'a str) -> u32 {
        self.number(raw, true)
    }

    fn number(&mut self, raw: &'a str, is_unit: bool) -> u32 {
        if let Some(&n) = self.spellings.get(&(raw, is_unit)) {
            return n;
        }
        let word = if is_unit {
            normalize_unit(raw)
        } else {
            normalize_key(raw)
        };
        let next = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        let n = *self.numbers.entry(word.clone()).or_insert(next);
        if n == next {
            self.words.push(word);
        }
        self.spellings.insert((raw, is_unit), n);
        n
    }

    /// Groups keyed by their normalised words joined, as fingerprints need.
    fn named(&self, groups: HashMap<(u32, u32, u32), Vec<usize>>) -> HashMap<String, Vec<usize>> {
        let word = |n: u32| self.words.get(n as usize).map_or("", String::as_str);
        groups
            .into_iter()
            .map(|((s, a, u), members)| {
                (
                    format!("{}\u{1f}{}\u{1f}{}", word(s), word(a), word(u)),
                    members,
                )
            })
            .collect()
    }
}

/// A subject, attribute or name as compared: lower case, punctuation and
/// runs of spacing made one space. "Belgorod  strike, 30-12" = "belgorod strike 30 12".
pub fn normalize_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The unit as compared: synonyms and plurals made one word, so that
/// "kilometres", "km" and "Kilometers" are one unit and "people" and
/// "persons" another.
pub fn normalize_unit(unit: &str) -> String {
    let word = normalize_key(unit);
    let canonical = match word.as_str() {
        "km" | "kms" | "kilometer" | "kilometers" | "kilometre" | "kilometres" | "км" => "km",
        "m" | "meter" | "meters" | "metre" | "metres" => "m",
        "mi" | "mile" | "miles" => "mi",
        "people" | "person" | "persons" | "peoples" | "individuals" | "individual" => "people",
        "percent" | "per cent" | "pct" => "%",
        "" if unit.trim() == "%" => "%",
        _ => "",
    };
    if !canonical.is_empty() {
        return canonical.to_owned();
    }
    // A plain English plural ("cars", "houses") is the same unit as its singular.
    match word.strip_suffix('s') {
        Some(singular) if singular.chars().count() >= 3 && !singular.ends_with('s') => {
            singular.to_owned()
        }
        _ => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_ignore_case_spacing_and_punctuation() {
        assert_eq!(
            normalize_key("  Belgorod   strike, 2023-12-30 "),
            "belgorod strike 2023 12 30"
        );
        assert_eq!(normalize_key("Killed."), normalize_key("killed"));
        assert_eq!(normalize_key("Белгород!"), "белгород");
    }

    #[test]
    fn units_are_compared_by_meaning() {
        for km in ["km", "kilometers", "Kilometres", "kilometer", "км"] {
            assert_eq!(normalize_unit(km), "km", "{km}");
        }
        for people in ["people", "persons", "Person"] {
            assert_eq!(normalize_unit(people), "people", "{people}");
        }
        assert_eq!(normalize_unit("cars"), normalize_unit("car"));
        assert_eq!(normalize_unit("houses"), normalize_unit("house"));
        assert_ne!(normalize_unit("km"), normalize_unit("mi"));
        assert_eq!(normalize_unit("%"), "%");
        assert_eq!(normalize_unit(""), "");
    }
}
