//! Stable identifiers for sources, documents, claims and labels.
//!
//! Ids are plain strings in the file. New ones carry 64 random bits, so two
//! analysts adding claims to copies of one project never mint the same id
//! and no central counter is needed.

use foldhash::HashSet;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $prefix:literal, shared: $shared:literal) => {
        $(#[$meta])*
        ///
        /// The text is shared: a copy of an id costs a count, not a string,
        /// which matters where 100,000 claims are copied into findings.
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(Arc<str>);

        impl $name {
            /// The prefix that freshly minted ids of this kind start with.
            pub const PREFIX: &'static str = $prefix;

            /// Mints a new id that is unique without coordination.
            pub fn fresh() -> Self {
                Self(format!("{}-{}", $prefix, random_suffix()).into())
            }

            /// The id as written in files.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.into())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s.into())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0.as_ref().to_owned()
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(IdVisitor($shared)).map(Self)
            }
        }
    };
}

id_type!(
    /// Identifies a [`crate::model::Source`].
    SourceId,
    "src",
    shared: true
);
id_type!(
    /// Identifies a [`crate::model::Document`]; often the stem of the imported file.
    DocumentId,
    "doc",
    shared: true
);
id_type!(
    /// Identifies a [`crate::model::Claim`].
    ClaimId,
    "c",
    shared: false
);
id_type!(
    /// Identifies a [`crate::model::Label`], e.g. `numeric`.
    LabelId,
    "label",
    shared: true
);

/// A name written on many records, such as who tagged a claim: shared
/// like an id, so 100,000 claims by one analyst hold one copy of the name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Name(Arc<str>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Self {
        Self(s.into())
    }
}

impl From<String> for Name {
    fn from(s: String) -> Self {
        Self(s.into())
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(IdVisitor(true)).map(Self)
    }
}

thread_local! {
    /// The ids read so far by [`read_sharing_ids`] on this thread.
    static READ_IDS: RefCell<Option<HashSet<Arc<str>>>> = const { RefCell::new(None) };
}

/// Runs `read` (which deserialises a project or part of one) so that the
/// source, document and label ids and the [`Name`]s it reads share their
/// text: every claim names its document, label and author, and a copy per
/// claim of a few thousand strings would grow with the claims. Claim ids,
/// each unique, are not shared.
pub(crate) fn read_sharing_ids<T>(read: impl FnOnce() -> T) -> T {
    struct Reset(Option<HashSet<Arc<str>>>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let outer = self.0.take();
            READ_IDS.with(|ids| *ids.borrow_mut() = outer);
        }
    }
    let outer = READ_IDS.with(|ids| ids.borrow_mut().replace(HashSet::default()));
    let _reset = Reset(outer);
    read()
}

/// Reads an id's text, shared with an equal one already read when `shared`
/// and [`read_sharing_ids`] runs on this thread.
struct IdVisitor(bool);

impl IdVisitor {
    fn text(&self, text: &str) -> Arc<str> {
        if !self.0 {
            return text.into();
        }
        READ_IDS.with(|ids| match ids.borrow_mut().as_mut() {
            Some(ids) => match ids.get(text) {
                Some(known) => Arc::clone(known),
                None => {
                    let id: Arc<str> = text.into();
                    ids.insert(Arc::clone(&id));
                    id
                }
            },
            None => text.into(),
        })
    }
}

impl serde::de::Visitor<'_> for IdVisitor {
    type Value = Arc<str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id (a string)")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(self.text(text))
    }
}

/// Sixteen hex digits of randomness from the operating system.
fn random_suffix() -> String {
    format!("{:016x}", next_random())
}

/// The next of a stream of 64-bit values, distinct within the process and
/// unpredictable across processes: SplitMix64 over a counter whose start is
/// drawn from the operating system once. Minting 100,000 ids (an import)
/// then asks the system once rather than 100,000 times.
fn next_random() -> u64 {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};
    static START: OnceLock<u64> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // The OS generator can only fail on exotic platforms early at boot; a
    // clock-derived start still keeps ids distinct within one process.
    let start = *START.get_or_init(|| getrandom::u64().unwrap_or_else(|_| clock_bits()));
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // SplitMix64's increment and finaliser: a bijection of the counter, so
    // two calls in one process never give the same value.
    let mut z = start.wrapping_add(n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn clock_bits() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_differ_and_carry_their_prefix() {
        let a = ClaimId::fresh();
        let b = ClaimId::fresh();
        assert_ne!(a, b);
        assert!(a.as_str().starts_with("c-"));
        assert_eq!(a.as_str().len(), 2 + 16);
    }

    #[test]
    fn ids_read_together_share_their_text_and_claim_ids_do_not() {
        let read = |text: &str| -> Vec<(DocumentId, ClaimId)> {
            ron::from_str(text).expect("a list of id pairs")
        };
        let text = r#"[("d1", "c1"), ("d1", "c1"), ("d2", "c2")]"#;
        let shared = read_sharing_ids(|| read(text));
        assert!(Arc::ptr_eq(&shared[0].0.0, &shared[1].0.0));
        assert!(!Arc::ptr_eq(&shared[0].1.0, &shared[1].1.0));
        assert_eq!(shared[2].0.as_str(), "d2");
        // Outside, every id is its own, and the ids compare by text.
        let plain = read(text);
        assert!(!Arc::ptr_eq(&plain[0].0.0, &plain[1].0.0));
        assert_eq!(plain, shared);
        // Nested readings each share within themselves, and end cleanly.
        let nested = read_sharing_ids(|| (read_sharing_ids(|| read(text)), read(text)));
        assert!(Arc::ptr_eq(&nested.1[0].0.0, &nested.1[1].0.0));
        assert!(READ_IDS.with(|ids| ids.borrow().is_none()));
        // Names (a claim's author) are shared the same way.
        let names: Vec<Name> = read_sharing_ids(|| ron::from_str(r#"["me", "me"]"#).unwrap());
        assert!(Arc::ptr_eq(&names[0].0, &names[1].0));
        assert_eq!(names[0], "me");
    }
}
