//! Look-ups by id that [`crate::edit::apply`] keeps in step with the
//! project, so that an edit of one claim among 100,000 costs what it
//! changes, not a scan of them all.
//!
//! The index sits inside [`super::Project`] but is not part of it: it is
//! not saved, not compared and rebuilt whenever it may be out of step.
//! `apply` keeps it current; a list changed directly (a loader, a test, a
//! generator) is noticed by its length, and the index is rebuilt on the
//! next edit. Read-only look-ups check what the index says against the
//! list, so a stale index can cost a scan but never gives a wrong answer.

use super::{Claim, ClaimId, Document, DocumentId, Source, SourceId, span};
use foldhash::{HashMap, HashMapExt};

/// Positions by id, claims per document, who links to whom, and the
/// length of each document's text in code points.
#[derive(Clone, Default)]
pub struct Index {
    /// The lengths of the sources, documents and claims lists the maps were
    /// made for; `None` before the first build.
    built_for: Option<[usize; 3]>,
    sources: HashMap<SourceId, usize>,
    documents: HashMap<DocumentId, usize>,
    /// Positions of claims; `None` after an edit that moved claims, until
    /// a look-up needs them again.
    claims: Option<ClaimPositions>,
    /// How many claims each document has.
    per_document: HashMap<DocumentId, usize>,
    /// For each claim that others link to, the claims that link to it.
    linked_from: HashMap<ClaimId, Vec<ClaimId>>,
    /// Each document's length in code points, counted once: a text never
    /// changes once it is in.
    chars: HashMap<DocumentId, usize>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Index")
    }
}

/// Two projects are equal by what they hold, whatever their indexes know.
impl PartialEq for Index {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

fn positions<K: Clone + Eq + std::hash::Hash, T>(
    items: &[T],
    id: impl Fn(&T) -> &K,
) -> HashMap<K, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        // The first of a repeated id wins, as a scan from the front finds it.
        map.entry(id(item).clone()).or_insert(n);
    }
    map
}

impl Index {
    /// True when the maps were made for lists of these lengths.
    fn fits(&self, lens: [usize; 3]) -> bool {
        self.built_for == Some(lens)
    }

    /// Builds the index anew when the lists are not the ones it was made for.
    pub(crate) fn refresh(&mut self, sources: &[Source], documents: &[Document], claims: &[Claim]) {
        let lens = [sources.len(), documents.len(), claims.len()];
        if self.fits(lens) {
            return;
        }
        self.sources = positions(sources, |s| &s.id);
        self.documents = positions(documents, |d| &d.id);
        self.claims = Some(ClaimPositions::of(claims));
        self.per_document = HashMap::new();
        self.linked_from = HashMap::new();
        for claim in claims {
            *self.per_document.entry(claim.document.clone()).or_default() += 1;
            self.add_links(claim);
        }
        self.chars.retain(|id, _| self.documents.contains_key(id));
        self.built_for = Some(lens);
    }

    /// Records new list lengths after an edit that kept the maps in step.
    fn set_lens(&mut self, sources: usize, documents: usize, claims: usize) {
        if self.built_for.is_some() {
            self.built_for = Some([sources, documents, claims]);
        }
    }

    /// The position of the source `id`, when the index is current.
    pub(crate) fn source(&self, sources: &[Source], id: &SourceId) -> Lookup {
        self.lookup(&self.sources, sources, id, |s| &s.id)
    }

    /// The position of the document `id`, when the index is current.
    pub(crate) fn document(&self, documents: &[Document], id: &DocumentId) -> Lookup {
        self.lookup(&self.documents, documents, id, |d| &d.id)
    }

    /// The position of the claim `id`, when the index is current.
    pub(crate) fn claim(&self, claims: &[Claim], id: &ClaimId) -> Lookup {
        match &self.claims {
            Some(positions) if self.built_for.is_some() => match positions.get(claims, id) {
                Some(n) => Lookup::At(n),
                None => Lookup::Absent,
            },
            _ => Lookup::Unknown,
        }
    }

    fn lookup<K: Eq + std::hash::Hash, T>(
        &self,
        map: &HashMap<K, usize>,
        items: &[T],
        id: &K,
        key: impl Fn(&T) -> &K,
    ) -> Lookup {
        if self.built_for.is_none() {
            return Lookup::Unknown;
        }
        match map.get(id) {
            Some(&n) if items.get(n).is_some_and(|item| key(item) == id) => Lookup::At(n),
            // The list moved under the index: only a scan can tell.
            Some(_) => Lookup::Unknown,
            None => Lookup::Absent,
        }
    }

    /// Whether the index is current for these lists (so that a miss means
    /// "no such id").
    pub(crate) fn current(&self, sources: usize, documents: usize, claims: usize) -> bool {
        self.fits([sources, documents, claims])
    }

    /// Makes the claims' positions known again, after edits that moved them.
    pub(crate) fn locate_claims(&mut self, claims: &[Claim]) {
        if self.claims.is_none() {
            self.claims = Some(ClaimPositions::of(claims));
        }
    }

    /// How many claims `document` has.
    pub(crate) fn claims_in(&self, document: &DocumentId) -> usize {
        self.per_document.get(document).copied().unwrap_or(0)
    }

    /// The claims that link to `target`.
    pub(crate) fn linked_from(&self, target: &ClaimId) -> &[ClaimId] {
        self.linked_from.get(target).map_or(&[], Vec::as_slice)
    }

    /// The length of `document`'s text in code points, counted once.
    pub(crate) fn chars(&mut self, document: &Document) -> usize {
        *self
            .chars
            .entry(document.id.clone())
            .or_insert_with(|| span::char_len(&document.text))
    }

    fn add_links(&mut self, claim: &Claim) {
        for link in &claim.links {
            let from = self.linked_from.entry(link.target.clone()).or_default();
            if !from.contains(&claim.id) {
                from.push(claim.id.clone());
            }
        }
    }

    fn remove_links(&mut self, claim: &Claim) {
        for link in &claim.links {
            if let Some(from) = self.linked_from.get_mut(&link.target) {
                from.retain(|c| c != &claim.id);
                if from.is_empty() {
                    self.linked_from.remove(&link.target);
                }
            }
        }
    }

    /// A claim was put at `at` in `claims` (at the end, or back among the
    /// others by an undo), and the other lists are `lens[0]` and `lens[1]`
    /// long.
    pub(crate) fn claim_inserted(&mut self, claims: &[Claim], at: usize, lens: [usize; 3]) {
        if self.built_for.is_none() {
            return;
        }
        let Some(claim) = claims.get(at) else {
            self.built_for = None;
            return;
        };
        match &mut self.claims {
            Some(positions) if at + 1 == claims.len() => positions.insert(claims, at),
            // Every claim after it moved one place on.
            _ => self.claims = None,
        }
        *self.per_document.entry(claim.document.clone()).or_default() += 1;
        self.add_links(claim);
        self.set_lens(lens[0], lens[1], lens[2]);
    }

    /// A claim left the list, which is now `lens` long.
    pub(crate) fn claim_removed(&mut self, claim: &Claim, lens: [usize; 3]) {
        if self.built_for.is_none() {
            return;
        }
        self.claims = None;
        if let Some(count) = self.per_document.get_mut(&claim.document) {
            *count = count.saturating_sub(1);
        }
        self.remove_links(claim);
        self.set_lens(lens[0], lens[1], lens[2]);
    }

    /// A claim was replaced in place by `new` (its links or its document
    /// may differ).
    pub(crate) fn claim_replaced(&mut self, old: &Claim, new: &Claim) {
        if self.built_for.is_none() {
            return;
        }
        if old.document != new.document {
            if let Some(count) = self.per_document.get_mut(&old.document) {
                *count = count.saturating_sub(1);
            }
            *self.per_document.entry(new.document.clone()).or_default() += 1;
        }
        if old.links != new.links {
            self.remove_links(old);
            self.add_links(new);
        }
    }

    /// The sources or documents list changed shape (an insert or a removal):
    /// their positions are made again, which costs a few thousand entries.
    pub(crate) fn lists_changed(
        &mut self,
        sources: &[Source],
        documents: &[Document],
        claims: usize,
    ) {
        if self.built_for.is_none() {
            return;
        }
        self.sources = positions(sources, |s| &s.id);
        self.documents = positions(documents, |d| &d.id);
        self.chars.retain(|id, _| self.documents.contains_key(id));
        self.set_lens(sources.len(), documents.len(), claims);
    }
}

/// What the index knows of an id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lookup {
    At(usize),
    Absent,
    /// The index is not current: scan.
    Unknown,
}

/// Where each claim is, as one `u32` per claim in a hash table keyed by
/// the claim's id, which is read from the list itself: a map holding its
/// own copy of every id costs several times as much, on the project that
/// the workbench holds whole in memory.
#[derive(Clone)]
struct ClaimPositions {
    table: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

impl ClaimPositions {
    fn hash(&self, id: &ClaimId) -> u64 {
        use std::hash::BuildHasher;
        self.hasher.hash_one(id)
    }

    /// The positions of `claims`; of an id used twice, the first.
    fn of(claims: &[Claim]) -> Self {
        let mut positions = Self {
            table: hashbrown::HashTable::with_capacity(claims.len()),
            hasher: foldhash::fast::RandomState::default(),
        };
        for at in 0..claims.len() {
            positions.insert(claims, at);
        }
        positions
    }

    /// Records the claim at `at`, unless its id is there already.
    fn insert(&mut self, claims: &[Claim], at: usize) {
        let (Some(claim), Ok(position)) = (claims.get(at), u32::try_from(at)) else {
            return;
        };
        let hash = self.hash(&claim.id);
        let hasher = &self.hasher;
        let rehash = |&p: &u32| {
            use std::hash::BuildHasher;
            claims.get(p as usize).map_or(0, |c| hasher.hash_one(&c.id))
        };
        let same = |&p: &u32| claims.get(p as usize).is_some_and(|c| c.id == claim.id);
        if let hashbrown::hash_table::Entry::Vacant(slot) = self.table.entry(hash, same, rehash) {
            slot.insert(position);
        }
    }

    /// Where the claim `id` is in `claims`.
    fn get(&self, claims: &[Claim], id: &ClaimId) -> Option<usize> {
        let same = |&p: &u32| claims.get(p as usize).is_some_and(|c| &c.id == id);
        self.table.find(self.hash(id), same).map(|&p| p as usize)
    }
}
