//! The project and what it holds: sources, documents, claims, labels.

use super::conflict::Conflict;
use super::grades::{Credibility, Reliability, Verdict};
use super::ids::{ClaimId, DocumentId, LabelId, Name, SourceId};
use super::index::{Index, Lookup};
use super::quantity::Quantity;
use super::span::{Anchor, Span};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The newest project file format this build reads and writes. A file is
/// written in the lowest version that holds what it holds
/// ([`Project::needed_format_version`]), so a project without merge
/// conflicts stays version 1 and opens in older builds.
pub const FORMAT_VERSION: u32 = PAGE_DETAILS_FORMAT_VERSION;

/// The version that added the project's `publisher`.
pub const PUBLISHER_FORMAT_VERSION: u32 = 3;

/// The version that added a document's `byline` and `site_name` (what a
/// saved web page says about itself).
pub const PAGE_DETAILS_FORMAT_VERSION: u32 = 4;

/// The organisation that publishes fact-checks made with a project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The largest document text claimdesk takes (64 MiB): a few thousand
/// pages, and small enough that a project of several stays under what
/// claimdesk opens ([`crate::io::MAX_PROJECT_BYTES`]).
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// Why a text cannot be a document's: too long, or not text at all.
pub fn check_document_text(text: &str) -> Result<(), String> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "its text is {} bytes, over the limit of {MAX_DOCUMENT_BYTES} bytes for one document",
            text.len()
        ));
    }
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Err(format!(
            "its text holds a NUL byte (at byte {at}), which is not text"
        ));
    }
    Ok(())
}

/// One investigation: everything an analyst saves, in one self-contained file.
///
/// Field order is the order in the file; `format_version` comes first so a
/// reader can tell which layout follows. Unknown fields are errors, so a
/// typo in a hand-edited file is reported instead of silently dropped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub format_version: u32,
    pub name: String,
    /// The organisation that publishes the project's fact-checks (format
    /// version 3): ClaimReview names it as the reviewer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,
    pub labels: Vec<Label>,
    pub sources: Vec<Source>,
    pub documents: Vec<Document>,
    pub claims: Vec<Claim>,
    /// Findings of the checker that an analyst dismissed, with the reason.
    #[serde(default)]
    pub dismissed: Vec<Dismissal>,
    /// What a merge could not decide, until an analyst takes a side
    /// (format version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// Look-ups by id, kept in step by `apply`; not saved.
    #[serde(skip)]
    pub(crate) index: Index,
}

impl Default for Project {
    fn default() -> Self {
        Self::new("Untitled project")
    }
}

impl Project {
    /// An empty project with the default label set.
    pub fn new(name: &str) -> Self {
        Self {
            format_version: super::conflict::FIRST_FORMAT_VERSION,
            name: name.to_owned(),
            publisher: None,
            labels: Label::default_set(),
            sources: Vec::new(),
            documents: Vec::new(),
            claims: Vec::new(),
            dismissed: Vec::new(),
            conflicts: Vec::new(),
            index: Index::default(),
        }
    }

    /// The lowest format version that holds this project: 4 when a
    /// document has a byline or site name, 3 with a publisher, 2 while it
    /// records merge conflicts, else 1.
    pub fn needed_format_version(&self) -> u32 {
        let mut version = super::conflict::FIRST_FORMAT_VERSION;
        if !self.conflicts.is_empty() {
            version = version.max(super::conflict::CONFLICTS_FORMAT_VERSION);
        }
        if self.publisher.is_some() {
            version = version.max(PUBLISHER_FORMAT_VERSION);
        }
        if self
            .documents
            .iter()
            .any(|d| d.byline.is_some() || d.site_name.is_some())
        {
            version = version.max(PAGE_DETAILS_FORMAT_VERSION);
        }
        version
    }

    /// True when the index was made for the lists as they are.
    fn indexed(&self) -> bool {
        self.index
            .current(self.sources.len(), self.documents.len(), self.claims.len())
    }

    /// Where the source `id` is in the list.
    pub fn source_position(&self, id: &SourceId) -> Option<usize> {
        match self.indexed().then(|| self.index.source(&self.sources, id)) {
            Some(Lookup::At(n)) => Some(n),
            Some(Lookup::Absent) => None,
            _ => self.sources.iter().position(|s| &s.id == id),
        }
    }

    /// Where the document `id` is in the list.
    pub fn document_position(&self, id: &DocumentId) -> Option<usize> {
        match self
            .indexed()
            .then(|| self.index.document(&self.documents, id))
        {
            Some(Lookup::At(n)) => Some(n),
            Some(Lookup::Absent) => None,
            _ => self.documents.iter().position(|d| &d.id == id),
        }
    }

    /// Where the claim `id` is in the list.
    pub fn claim_position(&self, id: &ClaimId) -> Option<usize> {
        match self.indexed().then(|| self.index.claim(&self.claims, id)) {
            Some(Lookup::At(n)) => Some(n),
            Some(Lookup::Absent) => None,
            _ => self.claims.iter().position(|c| &c.id == id),
        }
    }

    /// Makes the index current: after a change of the lists made without
    /// `apply`, and after edits that moved claims. Look-ups are then O(1).
    pub fn reindex(&mut self) {
        self.index
            .refresh(&self.sources, &self.documents, &self.claims);
        self.index.locate_claims(&self.claims);
    }

    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.source_position(id).map(|n| &self.sources[n])
    }

    pub fn source_mut(&mut self, id: &SourceId) -> Option<&mut Source> {
        self.source_position(id).map(|n| &mut self.sources[n])
    }

    /// The source of that name, compared without regard to case or spacing.
    pub fn source_named(&self, name: &str) -> Option<&Source> {
        let wanted = normalize_name(name);
        self.sources
            .iter()
            .find(|s| normalize_name(&s.name) == wanted)
    }

    pub fn document(&self, id: &DocumentId) -> Option<&Document> {
        self.document_position(id).map(|n| &self.documents[n])
    }

    pub fn document_mut(&mut self, id: &DocumentId) -> Option<&mut Document> {
        self.document_position(id).map(|n| &mut self.documents[n])
    }

    pub fn claim(&self, id: &ClaimId) -> Option<&Claim> {
        self.claim_position(id).map(|n| &self.claims[n])
    }

    pub fn claim_mut(&mut self, id: &ClaimId) -> Option<&mut Claim> {
        self.claim_position(id).map(|n| &mut self.claims[n])
    }

    pub fn label(&self, id: &LabelId) -> Option<&Label> {
        self.labels.iter().find(|l| &l.id == id)
    }

    /// The source that published a claim's document.
    pub fn source_of_claim(&self, claim: &Claim) -> Option<&Source> {
        self.document(&claim.document)
            .and_then(|d| self.source(&d.source))
    }

    /// The claims made in one document, in project order.
    pub fn claims_in<'a>(&'a self, document: &'a DocumentId) -> impl Iterator<Item = &'a Claim> {
        self.claims.iter().filter(move |c| &c.document == document)
    }

    /// The documents of one source, in project order.
    pub fn documents_of<'a>(&'a self, source: &'a SourceId) -> impl Iterator<Item = &'a Document> {
        self.documents.iter().filter(move |d| &d.source == source)
    }

    /// A document id not yet taken: `wanted`, or `wanted-2`, `wanted-3`, …
    pub fn free_document_id(&self, wanted: &str) -> DocumentId {
        first_free(wanted, |id| {
            self.documents.iter().any(|d| d.id.as_str() == id)
        })
        .map_or_else(DocumentId::fresh, |id| DocumentId::from(id.as_str()))
    }

    /// A label id not yet taken: `wanted`, or `wanted-2`, `wanted-3`, …
    pub fn free_label_id(&self, wanted: &str) -> LabelId {
        let id = first_free(wanted, |id| self.labels.iter().any(|l| l.id.as_str() == id));
        LabelId::from(id.unwrap_or_else(|| wanted.to_owned()).as_str())
    }

    /// Problems serde cannot see: ids that repeat, references to nothing,
    /// spans that do not fit their text, texts changed under their hashes.
    /// Empty when the project is sound. These are the checker's integrity
    /// errors ([`crate::check::integrity::all`]), in its words.
    pub fn validate(&self) -> Vec<String> {
        crate::check::integrity::all(self)
            .into_iter()
            .map(|finding| finding.message)
            .collect()
    }
}

/// Names compared the way people mean them: case and spacing ignored.
pub fn normalize_name(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// What kind of voice a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    #[default]
    NewsOutlet,
    Wire,
    Official,
    Person,
    SocialAccount,
    Anonymous,
}

impl SourceKind {
    pub const ALL: [SourceKind; 6] = [
        Self::NewsOutlet,
        Self::Wire,
        Self::Official,
        Self::Person,
        Self::SocialAccount,
        Self::Anonymous,
    ];

    /// The id written in files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Self::NewsOutlet => "news_outlet",
            Self::Wire => "wire",
            Self::Official => "official",
            Self::Person => "person",
            Self::SocialAccount => "social_account",
            Self::Anonymous => "anonymous",
        }
    }

    /// The kind in words.
    pub fn name(self) -> &'static str {
        match self {
            Self::NewsOutlet => "news outlet",
            Self::Wire => "wire service",
            Self::Official => "government / official",
            Self::Person => "person",
            Self::SocialAccount => "social account",
            Self::Anonymous => "anonymous",
        }
    }
}

impl std::str::FromStr for SourceKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.id() == s.trim())
            .ok_or_else(|| {
                let ids: Vec<_> = Self::ALL.iter().map(|k| k.id()).collect();
                format!("'{s}' is not a source kind ({})", ids.join(", "))
            })
    }
}

/// An outlet, an official body, a social account: who publishes or says things.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: SourceId,
    pub name: String,
    pub kind: SourceKind,
    #[serde(default)]
    pub url: Option<String>,
    /// The side of the event the source belongs to, if it is a party to it
    /// ("Russia", "Ukraine"): tells a dispute between parties from a reporting error.
    #[serde(default)]
    pub party: Option<String>,
    pub reliability: Reliability,
    /// The log of reasons for the grade, oldest first; never rewritten.
    #[serde(default)]
    pub notes: Vec<CredibilityNote>,
}

impl Source {
    /// A new source, graded F (cannot be judged) until the analyst says otherwise.
    pub fn new(name: &str) -> Self {
        Self {
            id: SourceId::fresh(),
            name: name.to_owned(),
            kind: SourceKind::default(),
            url: None,
            party: None,
            reliability: Reliability::default(),
            notes: Vec::new(),
        }
    }
}

/// The grade a credibility note argues for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArguedGrade {
    Reliability(Reliability),
    Credibility(Credibility),
}

/// A dated, signed entry in the credibility log of a source or a claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredibilityNote {
    #[serde(with = "super::time::date")]
    pub date: NaiveDate,
    pub author: String,
    pub text: String,
    #[serde(default)]
    pub evidence_url: Option<String>,
    #[serde(default)]
    pub grade: Option<ArguedGrade>,
}

/// One article or statement, with its full text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: DocumentId,
    pub title: String,
    pub source: SourceId,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default, with = "super::time::optional_date")]
    pub published: Option<NaiveDate>,
    /// Who wrote it, as the page says ("By Jane Doe"; format version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// The name the site gives itself ("BBC News"; format version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// `sha256:` and the hex digest of `text`, to notice a text changed under its claims.
    pub text_hash: String,
    pub text: String,
}

impl Document {
    /// A document whose hash matches its text.
    pub fn new(id: DocumentId, title: &str, source: SourceId, text: String) -> Self {
        Self {
            id,
            title: title.to_owned(),
            source,
            url: None,
            published: None,
            byline: None,
            site_name: None,
            text_hash: text_hash(&text),
            text,
        }
    }

    /// True when the stored hash still matches the text.
    pub fn hash_matches(&self) -> bool {
        self.text_hash == text_hash(&self.text)
    }
}

/// The hash stored beside a document's text.
pub fn text_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(7 + 2 * digest.len());
    out.push_str("sha256:");
    push_hex(&mut out, &digest);
    out
}

/// `bytes` in lower-case hex, as hashes are written in files and findings.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(2 * bytes.len());
    push_hex(&mut out, bytes);
    out
}

/// Appends `bytes` in lower-case hex to `out`.
fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for &byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
}

/// How one claim relates to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Supports,
    Contradicts,
    Updates,
}

impl LinkKind {
    pub const ALL: [LinkKind; 3] = [Self::Supports, Self::Contradicts, Self::Updates];

    pub fn id(self) -> &'static str {
        match self {
            Self::Supports => "supports",
            Self::Contradicts => "contradicts",
            Self::Updates => "updates",
        }
    }
}

/// A link from one claim to another.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimLink {
    pub kind: LinkKind,
    pub target: ClaimId,
}

/// A span of a document that makes a claim, and what the analyst made of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: ClaimId,
    pub document: DocumentId,
    /// First code point of the quote.
    pub start: usize,
    /// One past the last code point of the quote.
    pub end: usize,
    /// The exact text of the span, to find it again if the offsets drift.
    pub quote: String,
    /// Up to 32 code points before the quote.
    pub prefix: String,
    /// Up to 32 code points after the quote.
    pub suffix: String,
    pub label: LabelId,
    /// Who makes the claim; empty means the outlet itself.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub claimant: String,
    /// What the claim is about, e.g. "Belgorod strike 2023-12-30".
    #[serde(default)]
    pub subject: String,
    /// Which property of the subject, e.g. "killed".
    #[serde(default)]
    pub attribute: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Quantity>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// The date the figure speaks for.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::optional_date"
    )]
    pub as_of: Option<NaiveDate>,
    pub credibility: Credibility,
    pub verdict: Verdict,
    /// The text itself doubts the claim ("could not independently verify").
    #[serde(default, skip_serializing_if = "is_false")]
    pub hedged: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ClaimLink>,
    /// The log of reasons for the credibility grade, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credibility_notes: Vec<CredibilityNote>,
    /// Who tagged it.
    #[serde(default)]
    pub author: Name,
    #[serde(with = "super::time::utc")]
    pub created: DateTime<Utc>,
    #[serde(with = "super::time::utc")]
    pub modified: DateTime<Utc>,
}

/// For `skip_serializing_if`: a claim not hedged leaves the field out.
fn is_false(value: &bool) -> bool {
    !value
}

impl Claim {
    /// A new claim on an anchored span: credibility 6 and unassessed until
    /// the analyst says otherwise.
    pub fn new(document: DocumentId, anchor: Anchor, label: LabelId, author: &str) -> Self {
        let now = now();
        Self {
            id: ClaimId::fresh(),
            document,
            start: anchor.span.start,
            end: anchor.span.end,
            quote: anchor.quote,
            prefix: anchor.prefix,
            suffix: anchor.suffix,
            label,
            claimant: String::new(),
            subject: String::new(),
            attribute: String::new(),
            value: None,
            unit: String::new(),
            as_of: None,
            credibility: Credibility::default(),
            verdict: Verdict::default(),
            hedged: false,
            note: String::new(),
            links: Vec::new(),
            credibility_notes: Vec::new(),
            author: author.into(),
            created: now,
            modified: now,
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The current time, to the second, so timestamps read well in the file.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)
}

/// A colour as `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color(pub [u8; 3]);

impl std::fmt::Display for Color {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl std::str::FromStr for Color {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not a colour like '#1f77b4'");
        let hex = s.strip_prefix('#').ok_or_else(bad)?;
        if hex.len() != 6 || !hex.is_ascii() {
            return Err(bad());
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
        Ok(Color([channel(0)?, channel(2)?, channel(4)?]))
    }
}

impl Serialize for Color {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// A kind of claim, with the colour it is highlighted in and its key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub id: LabelId,
    pub name: String,
    pub color: Color,
    /// The digit key 1–9 that tags a selection with this label.
    #[serde(default)]
    pub key: Option<u8>,
}

impl Label {
    /// The default label set of PRODUCT §2, keys 1–5.
    pub fn default_set() -> Vec<Label> {
        let label = |id: &str, name: &str, rgb: [u8; 3], key: u8| Label {
            id: LabelId::from(id),
            name: name.to_owned(),
            color: Color(rgb),
            key: Some(key),
        };
        vec![
            label("numeric", "numeric claim", [0x1f, 0x77, 0xb4], 1),
            label("event", "event claim", [0x2c, 0xa0, 0x2c], 2),
            label("causal", "causal claim", [0xd6, 0x27, 0x28], 3),
            label("quote", "what someone said", [0x94, 0x67, 0xbd], 4),
            label("position", "opinion or stance", [0xff, 0x7f, 0x0e], 5),
        ]
    }
}

/// A finding of the checker that an analyst dismissed. It holds while the
/// claims it names are unchanged (`claims_digest` records them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dismissal {
    pub fingerprint: String,
    pub reason: String,
    pub author: String,
    #[serde(with = "super::time::date")]
    pub date: NaiveDate,
    /// A digest of the involved claims when the finding was dismissed.
    #[serde(default)]
    pub claims_digest: String,
}

/// `wanted`, or the first of `wanted-2`, `wanted-3`, … that is not taken.
fn first_free(wanted: &str, taken: impl Fn(&str) -> bool) -> Option<String> {
    if !taken(wanted) {
        return Some(wanted.to_owned());
    }
    (2..u32::MAX)
        .map(|n| format!("{wanted}-{n}"))
        .find(|id| !taken(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_written_in_lower_case_hex() {
        assert_eq!(hex(&[0x00, 0x0f, 0xab, 0xff]), "000fabff");
        assert_eq!(
            text_hash(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
