//! The merge of three project files as claimdesk writes them, one claim
//! per line, without reading every claim three times.
//!
//! Reading a 100,000-claim file takes most of a second, and a merge reads
//! three; yet two branches rarely touch more than a few thousand claims.
//! Here the claims stay lines: a line the three files hold alike is copied
//! as it is, and only the claims whose lines differ are read, merged as
//! [`super::merge`] merges them and written again. Everything but the
//! claims (a few megabytes) is read and merged whole. Ours' lines are all
//! read once, on every core, so that no line reaches the result unread.
//! The result is byte for byte what [`super::merge`] and a save write
//! (a property test holds the two to that).

use super::{
    Item, Merged, clashing_documents, drop_dangling_links, finish, keep_what_is_needed,
    merge_all_but_claims, merge_list, merge_object, same_spans, summary_of,
};
use crate::io::parallel::{claim_line, claims_list, write_with_claim_lines};
use crate::io::project_file::pretty_config;
use crate::model::{Claim, ClaimId, Conflict, ObjectKind};
use foldhash::{HashMap, HashMapExt, HashSet};
use rayon::prelude::*;
use std::borrow::Cow;

/// A merged file: its text, and what the merge found.
#[derive(Debug)]
pub struct MergedText {
    pub text: String,
    pub claims: usize,
    /// Conflicts the result records, old and new.
    pub conflicts: usize,
    /// Conflicts this merge recorded.
    pub new_conflicts: usize,
    /// Conflicts ours recorded before.
    pub ours_conflicts: usize,
}

/// One claim's line, with the id it starts with.
#[derive(Clone, Debug, PartialEq)]
struct ClaimLine<'a> {
    id: &'a str,
    text: Cow<'a, str>,
}

/// How a claim's line starts, as a save writes it.
const LINE_START: &str = "        (id: \"";

impl ClaimLine<'_> {
    fn claim(&self) -> Option<Claim> {
        let text = self.text.trim_start().strip_suffix(",\n")?;
        ron::from_str(text).ok()
    }
}

impl Item for ClaimLine<'_> {
    const KIND: ObjectKind = ObjectKind::Claim;

    fn key(&self) -> &str {
        self.id
    }

    fn merged(base: Option<&Self>, ours: &Self, theirs: &Self, found: &mut Vec<Conflict>) -> Self {
        // Lines alike need no reading: nearly all of them.
        if ours == theirs || base == Some(theirs) {
            return ours.clone();
        }
        if base == Some(ours) {
            return theirs.clone();
        }
        let base = base.map(ClaimLine::claim);
        let (Some(o), Some(t)) = (ours.claim(), theirs.claim()) else {
            return ours.clone();
        };
        let merged = match base {
            Some(Some(b)) => merge_object(Some(&b), &o, &t, found),
            Some(None) => return ours.clone(),
            None => merge_object(None, &o, &t, found),
        };
        match claim_line(&merged, &pretty_config()) {
            Ok(text) => ClaimLine {
                id: ours.id,
                text: Cow::Owned(text),
            },
            Err(_) => ours.clone(),
        }
    }

    fn summary(&self) -> String {
        self.claim()
            .map_or_else(|| "null".to_owned(), |c| summary_of(&c))
    }
}

/// A file cut in two: everything but the claims (the claims list left
/// empty), and the claims' lines.
struct Cut<'a> {
    rest: String,
    lines: Vec<ClaimLine<'a>>,
}

/// Cuts a file as a save writes it; `None` for any other shape.
fn cut(text: &str) -> Option<Cut<'_>> {
    let (open, close) = claims_list(text)?;
    let body = text[open + 1..close]
        .strip_prefix('\n')?
        .strip_suffix("    ")?;
    let mut lines = Vec::new();
    for line in body.split_inclusive('\n') {
        let after = line.strip_prefix(LINE_START)?;
        let id = &after[..after.find('"')?];
        if id.contains('\\') || !line.ends_with("),\n") {
            return None;
        }
        lines.push(ClaimLine {
            id,
            text: Cow::Borrowed(line),
        });
    }
    let mut rest = String::with_capacity(open + 1 + text.len() - close);
    rest.push_str(&text[..=open]);
    rest.push_str(&text[close..]);
    Some(Cut { rest, lines })
}

/// Each line's text by its id (the first, where an id repeats).
fn texts<'a>(lines: &'a [ClaimLine<'a>]) -> HashMap<&'a str, &'a str> {
    let mut map = HashMap::with_capacity(lines.len());
    for line in lines {
        map.entry(line.id).or_insert(&*line.text);
    }
    map
}

/// Merges three project files line by line where they are as a save
/// writes them; `None` where they are not (or a piece cannot be read),
/// for the caller to merge them whole.
pub fn merge_texts(base: &str, ours: &str, theirs: &str) -> Option<MergedText> {
    // The three files are cut and their rest read side by side.
    let prepared = |text| {
        let cut = cut(text)?;
        let rest = crate::io::parse_project(&cut.rest)
            .ok()
            .filter(|p| p.claims.is_empty())?;
        Some((cut, rest))
    };
    let (b, (o, t)) = rayon::join(
        || prepared(base),
        || rayon::join(|| prepared(ours), || prepared(theirs)),
    );
    let ((b, hb), (o, ho), (t, ht)) = (b?, o?, t?);
    if o.lines.is_empty() {
        return None;
    }
    if !clashing_documents(&hb, &ho, &ht).is_empty() {
        return None;
    }
    // No line reaches the result unread: ours' all, the others' where
    // they differ from ours.
    if !o.lines.par_iter().all(|l| l.claim().is_some()) {
        return None;
    }
    let (in_b, in_o, in_t) = (texts(&b.lines), texts(&o.lines), texts(&t.lines));
    // The claims whose lines are not the same in all three files.
    let alike = |id: &str| {
        let line = in_o.get(id);
        line.is_some() && line == in_b.get(id) && line == in_t.get(id)
    };
    let touched: HashSet<&str> = b
        .lines
        .iter()
        .chain(&o.lines)
        .chain(&t.lines)
        .map(|l| l.id)
        .filter(|id| !alike(id))
        .collect();
    let unread = |lines: &[ClaimLine<'_>]| {
        lines
            .iter()
            .filter(|l| touched.contains(l.id))
            .any(|l| l.claim().is_none())
    };
    if unread(&b.lines) || unread(&t.lines) {
        return None;
    }

    let mut found = Vec::new();
    let mut project = merge_all_but_claims(&hb, &ho, &ht, &ht.documents, &mut found);
    let mut lines = merge_list(&b.lines, &o.lines, &t.lines, &mut found);
    // What hangs on the claims that changed: their documents, sources and
    // labels, their links, and claims tagged twice.
    let mut changed: Vec<(usize, Claim)> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        if touched.contains(line.id) {
            changed.push((n, line.claim()?));
        }
    }
    project.claims = changed.iter().map(|(_, c)| c.clone()).collect();
    keep_what_is_needed(&mut project, &[&ho, &ht, &hb], &mut found);
    let ids: HashSet<&str> = lines.iter().map(|l| l.id).collect();
    drop_dangling_links(&mut project.claims, |id: &ClaimId| {
        ids.contains(id.as_str())
    });
    let added = |lines: &[ClaimLine<'_>], other: &HashMap<&str, &str>| -> Vec<Claim> {
        lines
            .iter()
            .filter(|l| !in_b.contains_key(l.id) && !other.contains_key(l.id))
            .filter_map(ClaimLine::claim)
            .collect()
    };
    let (ours_added, theirs_added) = (added(&o.lines, &in_t), added(&t.lines, &in_o));
    same_spans(
        &ours_added.iter().collect::<Vec<_>>(),
        &theirs_added.iter().collect::<Vec<_>>(),
        &mut found,
    );
    for ((n, before), after) in changed.iter().zip(&project.claims) {
        if before != after {
            lines[*n].text = Cow::Owned(claim_line(after, &pretty_config()).ok()?);
        }
    }
    project.claims.clear();
    let Merged {
        project,
        new_conflicts,
    } = finish(project, found);
    let mut text =
        write_with_claim_lines(&project, &pretty_config(), lines.iter().map(|l| &*l.text)).ok()?;
    text.push('\n');
    Some(MergedText {
        text,
        claims: lines.len(),
        conflicts: project.conflicts.len(),
        new_conflicts,
        ours_conflicts: ho.conflicts.len(),
    })
}

/// A [`MergedText`] of a merge of whole projects into `ours`.
pub fn written(merged: &Merged, ours: &crate::model::Project) -> Result<MergedText, ron::Error> {
    Ok(MergedText {
        text: crate::io::project_to_string(&merged.project)?,
        claims: merged.project.claims.len(),
        conflicts: merged.project.conflicts.len(),
        new_conflicts: merged.new_conflicts,
        ours_conflicts: ours.conflicts.len(),
    })
}
