//! Stable identifiers for sources, documents, claims and labels.
//!
//! Ids are plain strings in the file. New ones carry 64 random bits, so two
//! analysts adding claims to copies of one project never mint the same id
//! and no central counter is needed.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $prefix:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The prefix that freshly minted ids of this kind start with.
            pub const PREFIX: &'static str = $prefix;

            /// Mints a new id that is unique without coordination.
            pub fn fresh() -> Self {
                Self(format!("{}-{}", $prefix, random_suffix()))
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
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
    };
}

id_type!(
    /// Identifies a [`crate::model::Source`].
    SourceId,
    "src"
);
id_type!(
    /// Identifies a [`crate::model::Document`]; often the stem of the imported file.
    DocumentId,
    "doc"
);
id_type!(
    /// Identifies a [`crate::model::Claim`].
    ClaimId,
    "c"
);
id_type!(
    /// Identifies a [`crate::model::Label`], e.g. `numeric`.
    LabelId,
    "label"
);

/// Sixteen hex digits of randomness from the operating system.
fn random_suffix() -> String {
    // The OS generator can only fail on exotic platforms early at boot; a
    // clock-derived fallback still keeps ids distinct within one process.
    let bits = getrandom::u64().unwrap_or_else(|_| fallback_bits());
    format!("{bits:016x}")
}

fn fallback_bits() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    nanos ^ COUNTER.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
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
}
