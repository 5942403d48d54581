//! Dates and times as the project file holds them, for `#[serde(with)]`.
//!
//! Every claim carries two times, and chrono's general parser and
//! formatter (which take any RFC 3339 string, char by char) cost a large
//! project about a tenth of its open and save. The file holds almost only
//! the one form claimdesk writes, `2024-03-01T09:30:00Z` and `2024-03-01`:
//! those are read and written here directly, and every other form goes to
//! chrono, so that what is read or written, and every error, is chrono's.
//! The property tests hold both ways to chrono's answer.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::fmt;

/// The number written by the ASCII digits `b`, or `None` when one is not
/// a digit.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DD`, when `b` is exactly that and a real date.
fn quick_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&b[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// A date as an analyst types it (on the command line, in a CSV cell, in
/// the inspector): exactly `YYYY-MM-DD`, with a four-digit year from 0001.
/// `24-12-30` is not read as the year 24, nor `-2024-01-01` as a year
/// before Christ: they are refused, so what is stored is what was meant.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    quick_date(text.trim().as_bytes())
        .filter(|date| date.year() >= 1)
        .ok_or_else(|| {
            format!("'{text}' is not a date like 2023-12-30 (year, month, day: YYYY-MM-DD)")
        })
}

/// `YYYY-MM-DDTHH:MM:SSZ`, when `b` is exactly that and a real time (a
/// leap second goes to chrono).
fn quick_time(b: &[u8]) -> Option<DateTime<Utc>> {
    if b.len() != 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
        return None;
    }
    let date = quick_date(&b[..10])?;
    let (hour, minute, second) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    Some(date.and_hms_opt(hour, minute, second)?.and_utc())
}

/// Writes `value` as `width` digits at the start of `out`.
fn put_digits(out: &mut [u8], mut value: u32, width: usize) {
    for slot in out[..width].iter_mut().rev() {
        // `value % 10` is below 10: the cast cannot truncate.
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// `YYYY-MM-DD` into `out`, or `None` for a year chrono writes with a sign.
fn write_date(date: NaiveDate, out: &mut [u8]) -> Option<()> {
    let year = u32::try_from(date.year())
        .ok()
        .filter(|&year| year <= 9999)?;
    put_digits(out, year, 4);
    out[4] = b'-';
    put_digits(&mut out[5..], date.month(), 2);
    out[7] = b'-';
    put_digits(&mut out[8..], date.day(), 2);
    Some(())
}

/// The times claimdesk writes (see [`crate::model::now`]): whole seconds,
/// as chrono writes them.
pub mod utc {
    use super::*;

    pub fn serialize<S: Serializer>(
        time: &DateTime<Utc>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut out = *b"0000-00-00T00:00:00Z";
        let whole_seconds = time.nanosecond() == 0;
        if whole_seconds && write_date(time.date_naive(), &mut out).is_some() {
            put_digits(&mut out[11..], time.hour(), 2);
            put_digits(&mut out[14..], time.minute(), 2);
            put_digits(&mut out[17..], time.second(), 2);
            if let Ok(text) = std::str::from_utf8(&out) {
                return serializer.serialize_str(text);
            }
        }
        time.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = DateTime<Utc>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("an RFC 3339 formatted date and time string")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                match quick_time(value.as_bytes()) {
                    Some(time) => Ok(time),
                    None => value
                        .parse::<DateTime<FixedOffset>>()
                        .map(|time| time.with_timezone(&Utc))
                        .map_err(E::custom),
                }
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// A date, as chrono writes it.
struct Date(NaiveDate);

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = *b"0000-00-00";
        if write_date(self.0, &mut out).is_some()
            && let Ok(text) = std::str::from_utf8(&out)
        {
            return serializer.serialize_str(text);
        }
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Date;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a formatted date string")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                match quick_date(value.as_bytes()) {
                    Some(date) => Ok(Date(date)),
                    None => value.parse().map(Date).map_err(E::custom),
                }
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        Date(*date).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        Date::deserialize(deserializer).map(|date| date.0)
    }
}

pub mod optional_date {
    use super::*;

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        date.map(Date).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        Option::<Date>::deserialize(deserializer).map(|date| date.map(|date| date.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Ours {
        #[serde(with = "utc")]
        time: DateTime<Utc>,
        #[serde(with = "date")]
        date: NaiveDate,
        #[serde(with = "optional_date")]
        maybe: Option<NaiveDate>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Chronos {
        time: DateTime<Utc>,
        date: NaiveDate,
        maybe: Option<NaiveDate>,
    }

    fn file(time: &str, date: &str, maybe: &str) -> String {
        format!("(time: {time:?}, date: {date:?}, maybe: {maybe})")
    }

    /// What `ron` reads from `text` into each: the values, or the errors'
    /// texts.
    fn both(text: &str) -> (Result<Chronos, String>, Result<Chronos, String>) {
        let ours = ron::from_str::<Ours>(text).map(|ours| Chronos {
            time: ours.time,
            date: ours.date,
            maybe: ours.maybe,
        });
        let chronos = ron::from_str::<Chronos>(text);
        (
            ours.map_err(|error| error.to_string()),
            chronos.map_err(|error| error.to_string()),
        )
    }

    #[test]
    fn dates_typed_by_an_analyst_are_exactly_four_digit_years() {
        assert_eq!(
            parse_date("2023-12-30"),
            Ok(NaiveDate::from_ymd_opt(2023, 12, 30).unwrap())
        );
        assert_eq!(
            parse_date(" 0001-01-01 "),
            Ok(NaiveDate::from_ymd_opt(1, 1, 1).unwrap())
        );
        for bad in [
            "24-12-30",
            "-2024-01-01",
            "+2024-01-01",
            "0000-01-01",
            "12024-01-01",
            "2024-1-01",
            "2023-02-29",
            "2024-01-01T00:00:00Z",
            "",
        ] {
            let error = parse_date(bad).unwrap_err();
            assert!(error.contains("YYYY-MM-DD"), "{bad}: {error}");
        }
    }

    #[test]
    fn reads_what_claimdesk_writes() {
        let text = file("2024-03-01T09:30:05Z", "2023-12-30", "Some(\"2024-02-29\")");
        let (ours, chronos) = both(&text);
        assert_eq!(ours, chronos);
        let read = ours.expect("a time and dates claimdesk writes");
        assert_eq!(read.time.to_rfc3339(), "2024-03-01T09:30:05+00:00");
        assert_eq!(read.maybe, NaiveDate::from_ymd_opt(2024, 2, 29));
    }

    #[test]
    fn other_forms_and_errors_are_chronos() {
        for (time, date) in [
            ("2024-03-01T09:30:05+02:00", "2023-12-30"),
            ("2024-03-01 09:30:05z", "2023-12-30"),
            ("2016-12-31T23:59:60Z", "2023-12-30"),
            ("2024-03-01T09:30:05.250Z", "+12345-01-01"),
            ("2024-02-30T09:30:05Z", "2023-12-30"),
            ("2024-03-01T24:00:00Z", "2023-12-30"),
            ("2024-03-01T09:30:05Z", "2023-02-29"),
            ("2024-03-01T09:30:05Z", "2023-1-30"),
            ("2024-03-01T09:30:05Z", "2023-12-3x"),
            ("2024-03-01T09:3+:05Z", "2023-12-30"),
        ] {
            let (ours, chronos) = both(&file(time, date, "None"));
            assert_eq!(ours, chronos, "{time} {date}");
        }
    }

    fn any_time() -> impl Strategy<Value = DateTime<Utc>> {
        let seconds = -62_000_000_000i64..300_000_000_000;
        let nanos = prop_oneof![Just(0u32), 0u32..2_000_000_000];
        (seconds, nanos).prop_filter_map("a time chrono holds", |(seconds, nanos)| {
            DateTime::from_timestamp(seconds, nanos)
        })
    }

    proptest! {
        #[test]
        fn writes_and_reads_every_time_as_chrono_does(time in any_time(), days in -800_000i32..4_000_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap_or_default();
            let ours = Ours { time, date, maybe: Some(date) };
            let chronos = Chronos { time, date, maybe: Some(date) };
            let text = ron::to_string(&ours).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&text, &ron::to_string(&chronos).map_err(|e| TestCaseError::fail(e.to_string()))?);
            prop_assert_eq!(ron::from_str::<Ours>(&text).ok(), Some(ours));
        }

        #[test]
        fn reads_any_near_miss_as_chrono_does(
            text in "[0-9+-]{0,2}[0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2}[T t][0-9]{2}:[0-9]{2}:[0-9]{2}(Z|z|[.][0-9]{1,3}Z|[+-][0-9]{2}:[0-9]{2})?",
            date in "[0-9+-]{0,2}[0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2}",
        ) {
            let (ours, chronos) = both(&file(&text, &date, &format!("Some({date:?})")));
            prop_assert_eq!(ours, chronos);
        }
    }
}
