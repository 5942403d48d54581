//! The two axes of the Admiralty code (STANAG 2511) and the verdicts.
//!
//! Source reliability and information credibility are graded independently
//! and never merged into one score; "B2" is only a way to show both.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How far a source can be trusted, A (completely reliable) to F (cannot be judged).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    /// Cannot be judged: no basis to evaluate the source. Not "bad": unknown.
    #[default]
    F,
}

impl Reliability {
    /// Every grade, best first.
    pub const ALL: [Reliability; 6] = [Self::A, Self::B, Self::C, Self::D, Self::E, Self::F];

    /// The grade's letter.
    pub fn letter(self) -> char {
        match self {
            Self::A => 'A',
            Self::B => 'B',
            Self::C => 'C',
            Self::D => 'D',
            Self::E => 'E',
            Self::F => 'F',
        }
    }

    /// The short name of the grade.
    pub fn name(self) -> &'static str {
        match self {
            Self::A => "completely reliable",
            Self::B => "usually reliable",
            Self::C => "fairly reliable",
            Self::D => "not usually reliable",
            Self::E => "unreliable",
            Self::F => "cannot be judged",
        }
    }

    /// What the grade means, as STANAG 2511 describes it.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::A => {
                "no doubt about authenticity, trustworthiness, competence; history of complete reliability"
            }
            Self::B => "minor doubts; valid information most of the time",
            Self::C => "doubts; has provided valid information in the past",
            Self::D => "significant doubts; has provided valid information in the past",
            Self::E => {
                "lacks authenticity, trustworthiness, competence; history of invalid information"
            }
            Self::F => "no basis to evaluate the source (not \"bad\": unknown)",
        }
    }
}

impl fmt::Display for Reliability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

impl FromStr for Reliability {
    type Err = GradeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let grade = match s.trim().to_ascii_uppercase().as_str() {
            "A" => Self::A,
            "B" => Self::B,
            "C" => Self::C,
            "D" => Self::D,
            "E" => Self::E,
            "F" => Self::F,
            _ => return Err(GradeError::Reliability(s.to_owned())),
        };
        Ok(grade)
    }
}

/// How credible one piece of information is, 1 (confirmed) to 6 (cannot be judged).
///
/// Written as a plain number in project files and CSV.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(try_from = "u8", into = "u8")]
pub enum Credibility {
    Confirmed = 1,
    Probable = 2,
    Possible = 3,
    Doubtful = 4,
    Improbable = 5,
    /// Cannot be judged: no basis to evaluate. Not "false": new.
    #[default]
    CannotBeJudged = 6,
}

impl Credibility {
    /// Every grade, best first.
    pub const ALL: [Credibility; 6] = [
        Self::Confirmed,
        Self::Probable,
        Self::Possible,
        Self::Doubtful,
        Self::Improbable,
        Self::CannotBeJudged,
    ];

    /// The grade's digit, 1–6.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The short name of the grade.
    pub fn name(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Probable => "probably true",
            Self::Possible => "possibly true",
            Self::Doubtful => "doubtful",
            Self::Improbable => "improbable",
            Self::CannotBeJudged => "cannot be judged",
        }
    }

    /// What the grade means, as STANAG 2511 describes it.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed by other, independent sources; logical; consistent",
            Self::Probable => "not confirmed; logical; consistent with other information",
            Self::Possible => "not confirmed; reasonably logical; agrees with some information",
            Self::Doubtful => "not confirmed; possible but not logical; no other information",
            Self::Improbable => "not confirmed; not logical; contradicted by other information",
            Self::CannotBeJudged => "no basis to evaluate (not \"false\": new)",
        }
    }
}

impl From<Credibility> for u8 {
    fn from(c: Credibility) -> u8 {
        c.number()
    }
}

impl TryFrom<u8> for Credibility {
    type Error = GradeError;

    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Self::ALL
            .into_iter()
            .find(|c| c.number() == n)
            .ok_or_else(|| GradeError::Credibility(n.to_string()))
    }
}

impl fmt::Display for Credibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

impl FromStr for Credibility {
    type Err = GradeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim()
            .parse::<u8>()
            .ok()
            .and_then(|n| Self::try_from(n).ok())
            .ok_or_else(|| GradeError::Credibility(s.to_owned()))
    }
}

/// The Admiralty code of a claim from a source, e.g. `B2`.
pub fn admiralty(reliability: Reliability, credibility: Credibility) -> String {
    format!("{reliability}{credibility}")
}

/// The code with both grades in words, e.g. `B2 (usually reliable source,
/// probably true claim)`; `F6 (neither source nor claim can be judged)`
/// rather than the same words twice.
pub fn admiralty_in_words(reliability: Reliability, credibility: Credibility) -> String {
    let code = admiralty(reliability, credibility);
    if reliability == Reliability::F && credibility == Credibility::CannotBeJudged {
        return format!("{code} (neither source nor claim can be judged)");
    }
    format!(
        "{code} ({} source, {} claim)",
        reliability.name(),
        credibility.name()
    )
}

/// The fact-checker's verdict on a claim (AVeriTeC's labels).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    #[default]
    Unassessed,
    Supported,
    Refuted,
    NotEnoughEvidence,
    ConflictingEvidence,
}

impl Verdict {
    /// Every verdict, in the order menus show them.
    pub const ALL: [Verdict; 5] = [
        Self::Unassessed,
        Self::Supported,
        Self::Refuted,
        Self::NotEnoughEvidence,
        Self::ConflictingEvidence,
    ];

    /// The id written in files and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Self::Unassessed => "unassessed",
            Self::Supported => "supported",
            Self::Refuted => "refuted",
            Self::NotEnoughEvidence => "not_enough_evidence",
            Self::ConflictingEvidence => "conflicting_evidence",
        }
    }

    /// The verdict in words.
    pub fn name(self) -> &'static str {
        match self {
            Self::Unassessed => "unassessed",
            Self::Supported => "supported",
            Self::Refuted => "refuted",
            Self::NotEnoughEvidence => "not enough evidence",
            Self::ConflictingEvidence => "conflicting evidence",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Verdict {
    type Err = GradeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Self::ALL
            .into_iter()
            .find(|v| v.id() == wanted)
            .ok_or_else(|| GradeError::Verdict(s.to_owned()))
    }
}

/// A grade or verdict that is not one of the defined values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GradeError {
    #[error("'{0}' is not a reliability grade (A–F)")]
    Reliability(String),
    #[error("'{0}' is not a credibility grade (1–6)")]
    Credibility(String),
    #[error(
        "'{0}' is not a verdict (unassessed, supported, refuted, not_enough_evidence, conflicting_evidence)"
    )]
    Verdict(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_in_words_never_say_the_same_words_twice() {
        assert_eq!(
            admiralty_in_words(Reliability::F, Credibility::try_from(6).unwrap()),
            "F6 (neither source nor claim can be judged)"
        );
        let b2 = admiralty_in_words(Reliability::B, Credibility::try_from(2).unwrap());
        assert!(b2.starts_with("B2 (usually reliable source, "), "{b2}");
    }

    #[test]
    fn grades_parse_and_print() {
        assert_eq!("b".parse::<Reliability>(), Ok(Reliability::B));
        assert_eq!("2".parse::<Credibility>(), Ok(Credibility::Probable));
        assert!("7".parse::<Credibility>().is_err());
        assert!("G".parse::<Reliability>().is_err());
        assert_eq!(admiralty(Reliability::B, Credibility::Probable), "B2");
        assert_eq!(
            "not_enough_evidence".parse::<Verdict>(),
            Ok(Verdict::NotEnoughEvidence)
        );
    }

    #[test]
    fn defaults_are_cannot_be_judged() {
        assert_eq!(Reliability::default(), Reliability::F);
        assert_eq!(Credibility::default(), Credibility::CannotBeJudged);
        assert_eq!(Verdict::default(), Verdict::Unassessed);
    }
}
