//! Quantities as the text states them: an interval plus the words used.
//!
//! The syntax (PRODUCT §4) is shared by the inspector, the CSV and the
//! command line: `24`, `>=14`, `>100`, `<=5`, `<5`, `~40`, `100..200`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A figure a claim states, with the precision the text gave it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Quantity {
    /// "24": exactly this.
    Exact(f64),
    /// "at least 14": `>=14`.
    AtLeast(f64),
    /// "more than 100", "over 100": `>100`.
    MoreThan(f64),
    /// "at most 5", "up to 5": `<=5`.
    AtMost(f64),
    /// "fewer than 5": `<5`.
    LessThan(f64),
    /// "about 40": `~40`, read as ±10 %.
    About(f64),
    /// "between 100 and 200", "hundreds": `100..200`, both ends included.
    Range(f64, f64),
}

/// One end of an [`Interval`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// No limit on this side.
    Unbounded,
    /// The value itself belongs to the interval.
    Closed(f64),
    /// The value itself is excluded.
    Open(f64),
}

impl Bound {
    /// The number at this end, if there is one.
    pub fn value(self) -> Option<f64> {
        match self {
            Bound::Unbounded => None,
            Bound::Closed(v) | Bound::Open(v) => Some(v),
        }
    }
}

/// The set of numbers a [`Quantity`] allows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub low: Bound,
    pub high: Bound,
}

impl Interval {
    /// True when some number lies in both intervals.
    pub fn overlaps(&self, other: &Interval) -> bool {
        lower_within(self.low, other.high) && lower_within(other.low, self.high)
    }

    /// True when every number of this interval lies below every number of `other`.
    pub fn is_below(&self, other: &Interval) -> bool {
        !lower_within(other.low, self.high)
    }
}

/// True when a lower bound `low` admits a number not above the upper bound `high`.
fn lower_within(low: Bound, high: Bound) -> bool {
    match (low, high) {
        (Bound::Unbounded, _) | (_, Bound::Unbounded) => true,
        (Bound::Closed(l), Bound::Closed(h)) => l <= h,
        (Bound::Closed(l), Bound::Open(h))
        | (Bound::Open(l), Bound::Closed(h))
        | (Bound::Open(l), Bound::Open(h)) => l < h,
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.low {
            Bound::Unbounded => write!(f, "(-∞")?,
            Bound::Closed(v) => write!(f, "[{v}")?,
            Bound::Open(v) => write!(f, "({v}")?,
        }
        match self.high {
            Bound::Unbounded => write!(f, ", ∞)"),
            Bound::Closed(v) => write!(f, ", {v}]"),
            Bound::Open(v) => write!(f, ", {v})"),
        }
    }
}

impl Quantity {
    /// The numbers this quantity allows; `~x` is read as x ± 10 %.
    pub fn interval(&self) -> Interval {
        use Bound::*;
        let (low, high) = match *self {
            Quantity::Exact(v) => (Closed(v), Closed(v)),
            Quantity::AtLeast(v) => (Closed(v), Unbounded),
            Quantity::MoreThan(v) => (Open(v), Unbounded),
            Quantity::AtMost(v) => (Unbounded, Closed(v)),
            Quantity::LessThan(v) => (Unbounded, Open(v)),
            Quantity::About(v) => {
                // Dividing (not multiplying by 0.1) keeps ~30 at [27, 33] exactly.
                let margin = v.abs() / 10.0;
                (Closed(v - margin), Closed(v + margin))
            }
            Quantity::Range(a, b) => (Closed(a), Closed(b)),
        };
        Interval { low, high }
    }

    /// True when the two quantities can both be true.
    pub fn agrees_with(&self, other: &Quantity) -> bool {
        self.interval().overlaps(&other.interval())
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Rust prints an f64 in the shortest form that parses back to the
        // same value and never in exponent notation, so print → parse is exact.
        match *self {
            Quantity::Exact(v) => write!(f, "{v}"),
            Quantity::AtLeast(v) => write!(f, ">={v}"),
            Quantity::MoreThan(v) => write!(f, ">{v}"),
            Quantity::AtMost(v) => write!(f, "<={v}"),
            Quantity::LessThan(v) => write!(f, "<{v}"),
            Quantity::About(v) => write!(f, "~{v}"),
            Quantity::Range(a, b) => write!(f, "{a}..{b}"),
        }
    }
}

/// Why a text is not a quantity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    #[error("no value given")]
    Empty,
    #[error("'{0}' needs a number after the sign, e.g. '>=14'")]
    MissingNumber(String),
    #[error(
        "'{0}' is not a number: write digits with an optional '-' and a '.' for decimals, e.g. '24' or '2.5'"
    )]
    BadNumber(String),
    #[error("'{0}' is too large to be a figure")]
    OutOfRange(String),
    #[error(
        "'{0}' cannot be kept exactly as written (claimdesk keeps about 15 significant digits); round it"
    )]
    Inexact(String),
    #[error("the range '{0}' runs backwards: write the smaller number first")]
    BackwardsRange(String),
}

/// Builds a quantity from the number after its sign.
type MakeQuantity = fn(f64) -> Quantity;

impl FromStr for Quantity {
    type Err = QuantityError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(QuantityError::Empty);
        }
        let prefixed: [(&str, MakeQuantity); 5] = [
            (">=", Quantity::AtLeast),
            ("<=", Quantity::AtMost),
            (">", Quantity::MoreThan),
            ("<", Quantity::LessThan),
            ("~", Quantity::About),
        ];
        for (sign, make) in prefixed {
            if let Some(rest) = s.strip_prefix(sign) {
                if rest.trim().is_empty() {
                    return Err(QuantityError::MissingNumber(s.to_owned()));
                }
                return parse_number(rest).map(make);
            }
        }
        if let Some((a, b)) = s.split_once("..") {
            let (low, high) = (parse_number(a)?, parse_number(b)?);
            if low > high {
                return Err(QuantityError::BackwardsRange(s.to_owned()));
            }
            return Ok(Quantity::Range(low, high));
        }
        parse_number(s).map(Quantity::Exact)
    }
}

/// Parses `-?digits(.digits)?`; nothing else (no exponent, no NaN, no inf).
fn parse_number(s: &str) -> Result<f64, QuantityError> {
    let s = s.trim();
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return Err(QuantityError::BadNumber(s.to_owned()));
    }
    let value: f64 = s
        .parse()
        .map_err(|_| QuantityError::BadNumber(s.to_owned()))?;
    if !value.is_finite() {
        return Err(QuantityError::OutOfRange(s.to_owned()));
    }
    // Rust prints the shortest decimal that reads back as this value: when
    // that is not the number written, the figure would be stored changed.
    if decimal_digits(s) != decimal_digits(&value.to_string()) {
        return Err(QuantityError::Inexact(s.to_owned()));
    }
    // Normalise -0 so that it prints and compares like 0.
    Ok(if value == 0.0 { 0.0 } else { value })
}

/// A plain decimal (`-?digits(.digits)?`) as its significant digits and
/// where the point stands among them: `0120.50` and `120.5` give the same.
fn decimal_digits(number: &str) -> (bool, String, isize) {
    let negative = number.starts_with('-');
    let unsigned = number.trim_start_matches('-');
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = format!("{whole}{fraction}");
    let leading = digits.len() - digits.trim_start_matches('0').len();
    let significant = digits.trim_matches('0');
    if significant.is_empty() {
        return (false, String::new(), 0);
    }
    let point = whole.len() as isize - leading as isize;
    (negative, significant.to_owned(), point)
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn the_syntax_of_the_brief_parses_and_prints_back() {
        for text in [
            "24", ">=14", ">100", "<=5", "<5", "~40", "100..200", "2.5", "-3", "200..999",
        ] {
            assert_eq!(q(text).to_string(), text);
        }
    }

    #[test]
    fn bad_input_is_refused_with_a_reason() {
        for text in [
            ">=", "~", "5..3", "NaN", "1e999", "", "inf", "1e5", "5o", "..3", "1.", ".5", "--1",
        ] {
            assert!(
                text.parse::<Quantity>().is_err(),
                "{text} should be refused"
            );
        }
        let huge = "9".repeat(400);
        assert_eq!(
            huge.parse::<Quantity>(),
            Err(QuantityError::OutOfRange(huge.clone()))
        );
    }

    #[test]
    fn a_value_is_kept_as_written_or_refused() {
        for kept in [
            "9007199254740992",
            "0.1",
            "120.50",
            "007",
            "-0.0",
            "123456789012345",
            "0.000001",
        ] {
            let value = q(kept);
            assert_eq!(
                decimal_digits(&value.to_string()),
                decimal_digits(kept),
                "{kept}"
            );
        }
        for changed in [
            "9007199254740993",
            "1.000000000000000001",
            "0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
            ">=9007199254740993",
            "1..12345678901234567",
        ] {
            let error = changed.parse::<Quantity>().unwrap_err();
            assert!(
                matches!(error, QuantityError::Inexact(_)),
                "{changed}: {error}"
            );
        }
    }

    #[test]
    fn intervals_agree_as_the_brief_says() {
        assert!(q(">=14").agrees_with(&q("24")));
        assert!(!q("24").agrees_with(&q("25")));
        assert!(!q("~40").agrees_with(&q("~30")));
        assert!(!q("200..999").agrees_with(&q("108")));
        assert!(q(">100").agrees_with(&q("108")));
        assert!(!q(">100").agrees_with(&q("100")));
        assert!(!q("<5").agrees_with(&q("5")));
        assert!(q("<=5").agrees_with(&q("5")));
        assert_eq!(q("~40").interval().to_string(), "[36, 44]");
        assert_eq!(q(">100").interval().to_string(), "(100, ∞)");
    }

    #[test]
    fn is_below_orders_disjoint_intervals() {
        assert!(q("24").interval().is_below(&q("25").interval()));
        assert!(!q("25").interval().is_below(&q("24").interval()));
        assert!(!q(">=14").interval().is_below(&q("24").interval()));
    }
}
