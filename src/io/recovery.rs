//! Autosave and recovery: unsaved work survives a crash.
//!
//! While a project has unsaved changes the workbench writes it, a few
//! seconds after the last edit, to a recovery file in the platform's data
//! folder (never beside the project, which stays exactly as the analyst
//! last saved it). At the next start a recovery newer than its project is
//! offered; a save or a clean close removes it.

use super::project_file::{
    FileError, load_project, parse_project_bytes, project_to_string, write_atomically,
};
use crate::model::Project;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The folder that holds recovery files.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
}

/// A recovery file that is newer than its project.
#[derive(Clone, Debug)]
pub struct PendingRecovery {
    pub path: PathBuf,
    pub project: Project,
    pub written: SystemTime,
    pub differences: Differences,
}

/// How a recovered project differs from the one on disk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Differences {
    pub claims_added: usize,
    pub claims_removed: usize,
    pub claims_changed: usize,
    pub sources_differing: usize,
    pub documents_differing: usize,
}

impl Differences {
    /// Compares two versions of a project, entity by entity.
    pub fn between(on_disk: &Project, recovered: &Project) -> Self {
        let mut d = Self::default();
        for claim in &recovered.claims {
            match on_disk.claim(&claim.id) {
                None => d.claims_added += 1,
                Some(old) if old != claim => d.claims_changed += 1,
                Some(_) => {}
            }
        }
        d.claims_removed = on_disk
            .claims
            .iter()
            .filter(|c| recovered.claim(&c.id).is_none())
            .count();
        d.sources_differing = count_differing(&on_disk.sources, &recovered.sources, |s| &s.id);
        d.documents_differing =
            count_differing(&on_disk.documents, &recovered.documents, |d| &d.id);
        d
    }

    /// "3 claims added, 1 changed; 1 source differs".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let mut say = |n: usize, one: &str, many: &str| {
            if n > 0 {
                parts.push(crate::model::counted(n, one, many));
            }
        };
        say(self.claims_added, "claim added", "claims added");
        say(self.claims_removed, "claim removed", "claims removed");
        say(self.claims_changed, "claim changed", "claims changed");
        say(self.sources_differing, "source differs", "sources differ");
        say(
            self.documents_differing,
            "document differs",
            "documents differ",
        );
        if parts.is_empty() {
            "no differences in claims, sources or documents".into()
        } else {
            parts.join(", ")
        }
    }
}

fn count_differing<T: PartialEq, K: PartialEq>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> &K,
) -> usize {
    let changed_or_added = new
        .iter()
        .filter(|n| old.iter().find(|o| key(o) == key(n)) != Some(*n))
        .count();
    let removed = old
        .iter()
        .filter(|o| !new.iter().any(|n| key(n) == key(o)))
        .count();
    changed_or_added + removed
}

impl RecoveryStore {
    /// The platform's data folder (`~/.local/share/claimdesk/recovery` on
    /// Linux), or `$CLAIMDESK_DATA_DIR/recovery` when that is set (tests).
    pub fn platform() -> Option<Self> {
        let base = match std::env::var_os("CLAIMDESK_DATA_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => directories::ProjectDirs::from("org", "claimdesk", "claimdesk")?
                .data_dir()
                .to_owned(),
        };
        Some(Self::at(base.join("recovery")))
    }

    /// A store in `dir`.
    pub fn at(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The recovery file of a project (or of an unsaved new one).
    pub fn path_for(&self, project: Option<&Path>) -> PathBuf {
        let Some(project) = project else {
            return self.dir.join("untitled.ron");
        };
        // Two projects with the same name in different folders must not
        // share a recovery file: the key includes a hash of the full path.
        let full = std::path::absolute(project).unwrap_or_else(|_| project.to_owned());
        let digest = Sha256::digest(full.to_string_lossy().as_bytes());
        let key = crate::model::hex(&digest[..8]);
        let stem = project.file_stem().unwrap_or_default().to_string_lossy();
        self.dir.join(format!("{stem}-{key}.ron"))
    }

    /// Writes the unsaved state of a project, atomically.
    pub fn write(
        &self,
        project_path: Option<&Path>,
        project: &Project,
    ) -> Result<PathBuf, FileError> {
        let path = self.path_for(project_path);
        std::fs::create_dir_all(&self.dir).map_err(|cause| FileError::Write {
            path: self.dir.clone(),
            cause,
        })?;
        let text = project_to_string(project).map_err(|e| FileError::Serialise {
            path: path.clone(),
            message: e.to_string(),
        })?;
        write_atomically(&path, text.as_bytes())?;
        Ok(path)
    }

    /// The recovery of a project when there is one newer than the project
    /// file (or the project file is gone). A recovery that cannot be read is
    /// not offered.
    pub fn pending(&self, project_path: Option<&Path>) -> Option<PendingRecovery> {
        let path = self.path_for(project_path);
        let written = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
        let on_disk = match project_path {
            Some(p) => {
                let saved = std::fs::metadata(p).and_then(|m| m.modified()).ok();
                if saved.is_some_and(|saved| saved > written) {
                    return None;
                }
                load_project(p).ok()
            }
            None => None,
        };
        let bytes = std::fs::read(&path).ok()?;
        let project = parse_project_bytes(&path, &bytes).ok()?;
        let differences =
            Differences::between(&on_disk.unwrap_or_else(|| Project::new("")), &project);
        Some(PendingRecovery {
            path,
            project,
            written,
            differences,
        })
    }

    /// Removes the recovery of a project, after a save or a clean close.
    pub fn remove(&self, project_path: Option<&Path>) {
        // A recovery that cannot be removed is offered again at the next
        // start, where the analyst can discard it: nothing is lost.
        let _ = std::fs::remove_file(self.path_for(project_path));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    #[test]
    fn a_recovery_newer_than_its_project_is_offered_with_its_differences() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::at(dir.path().join("recovery"));
        let project_path = dir.path().join("p.ron");
        let mut project = Project::new("p");
        super::super::save_project(&project_path, &project).unwrap();
        assert!(store.pending(Some(&project_path)).is_none());
        project.sources.push(Source::new("New outlet"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        store.write(Some(&project_path), &project).unwrap();
        let pending = store.pending(Some(&project_path)).unwrap();
        assert_eq!(pending.project, project);
        assert_eq!(pending.differences.sources_differing, 1);
        assert!(pending.differences.summary().contains("1 source differs"));
        store.remove(Some(&project_path));
        assert!(store.pending(Some(&project_path)).is_none());
    }

    #[test]
    fn projects_of_the_same_name_in_different_folders_do_not_share_a_recovery() {
        let store = RecoveryStore::at(PathBuf::from("/tmp/r"));
        assert_ne!(
            store.path_for(Some(Path::new("/a/p.ron"))),
            store.path_for(Some(Path::new("/b/p.ron")))
        );
    }
}
