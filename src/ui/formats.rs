//! The field's formats as the workbench offers them: File > Export as and
//! File > Import annotations. The formats themselves live in
//! [`crate::io`]; this file names them for the menus and dialogs and makes
//! one thin call into the library for each, with errors as one line that
//! the status bar or a dialog can show.

use crate::io::{self, claim_review::ClaimReviewError};
use crate::model::{Claim, Project};
use crate::progress::Progress;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::path::{Path, PathBuf};

/// What the workbench says when ClaimReview is asked of a project that
/// names no publisher (the library's own error names the command line's
/// way to set it, which is no help here).
pub const NO_PUBLISHER: &str = "ClaimReview names the publishing organisation as the reviewer of every claim, and this project names none yet: set it with Edit > Publisher…";

/// A format File > Export as writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The claims as CSV, for a spreadsheet.
    Csv,
    /// W3C Web Annotations (JSON-LD), for annotation servers and corpora.
    W3c,
    /// Label Studio tasks (JSON), for labelling teams.
    LabelStudio,
    /// schema.org ClaimReview (JSON-LD), for publishing a fact-check.
    ClaimReview,
}

impl ExportFormat {
    /// Every format, in the order the menu shows them.
    pub const ALL: [Self; 4] = [Self::Csv, Self::W3c, Self::LabelStudio, Self::ClaimReview];

    /// The item in the Export as menu; it asks for a path, hence the
    /// ellipsis.
    pub fn menu_name(self) -> &'static str {
        match self {
            Self::Csv => "CSV (.csv)…",
            Self::W3c => "W3C Web Annotation (.jsonld)…",
            Self::LabelStudio => "Label Studio (.json)…",
            Self::ClaimReview => "ClaimReview (.jsonld)…",
        }
    }

    /// The format's name in a sentence.
    pub fn name(self) -> &'static str {
        match self {
            Self::Csv => "CSV",
            Self::W3c => "W3C Web Annotation",
            Self::LabelStudio => "Label Studio tasks",
            Self::ClaimReview => "ClaimReview",
        }
    }

    /// The heading of the path dialog that asks where to write it.
    pub fn dialog_title(self) -> &'static str {
        match self {
            Self::Csv => "Export claims as CSV",
            Self::W3c => "Export claims as W3C Web Annotations",
            Self::LabelStudio => "Export claims as Label Studio tasks",
            Self::ClaimReview => "Export ClaimReview for publishing",
        }
    }

    /// The file name's extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::W3c | Self::ClaimReview => "jsonld",
            Self::LabelStudio => "json",
        }
    }

    /// The file proposed beside the project file: `belgorod.csv`,
    /// `belgorod-annotations.jsonld`, `belgorod-tasks.json`,
    /// `belgorod-reviews.jsonld`. Two formats share `.jsonld`, so the
    /// name tells them apart.
    pub fn default_path(self, project: &Path) -> PathBuf {
        let stem = project
            .file_stem()
            .map_or_else(|| "claims".to_owned(), |s| s.to_string_lossy().into_owned());
        let suffix = match self {
            Self::Csv => "",
            Self::W3c => "-annotations",
            Self::LabelStudio => "-tasks",
            Self::ClaimReview => "-reviews",
        };
        project.with_file_name(format!("{stem}{suffix}.{}", self.extension()))
    }
}

/// What an export made: the file's bytes, and how many claims it left
/// out (ClaimReview leaves out those still unassessed).
#[derive(Clone, Debug)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub left_out: usize,
}

/// Writes `project` in `format`, counting in `progress` where the library
/// can (CSV counts claims; the JSON formats are one step each).
pub fn export(
    project: &Project,
    format: ExportFormat,
    progress: &Progress,
) -> Result<Exported, String> {
    let whole = |bytes: String| Exported {
        bytes: bytes.into_bytes(),
        left_out: 0,
    };
    if format != ExportFormat::Csv {
        progress.stage("writing JSON", 1);
    }
    let exported = match format {
        ExportFormat::Csv => {
            let mut bytes = Vec::new();
            io::export_claims_with(project, &mut bytes, progress).map_err(|e| e.to_string())?;
            Exported { bytes, left_out: 0 }
        }
        ExportFormat::W3c => io::w3c::export_w3c(project)
            .map(whole)
            .map_err(|e| format!("writing W3C annotations: {e}"))?,
        ExportFormat::LabelStudio => io::label_studio::export_label_studio(project)
            .map(whole)
            .map_err(|e| format!("writing Label Studio tasks: {e}"))?,
        ExportFormat::ClaimReview => match io::claim_review::export_claim_review(project) {
            Ok((text, left_out)) => Exported {
                bytes: text.into_bytes(),
                left_out,
            },
            Err(ClaimReviewError::NoPublisher) => return Err(NO_PUBLISHER.to_owned()),
            Err(error) => return Err(error.to_string()),
        },
    };
    progress.finish_stage();
    Ok(exported)
}

/// A format File > Import annotations reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnotationFormat {
    /// W3C Web Annotations: claimdesk's own, Hypothesis' and others'.
    W3c,
    /// Label Studio tasks with `labels` results.
    LabelStudio,
}

impl AnnotationFormat {
    /// Both, in the order the import dialog offers them.
    pub const ALL: [Self; 2] = [Self::W3c, Self::LabelStudio];

    /// The format's name in the dialog and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::W3c => "W3C Web Annotation",
            Self::LabelStudio => "Label Studio",
        }
    }

    /// The format a file's text is most likely in: Label Studio's tasks
    /// (a list of them, or one) carry their document as `data.text`,
    /// which no W3C annotation does; anything else is read as W3C, whose
    /// importer says what it expected when the file is neither.
    pub fn guess(text: &str) -> Self {
        let is_task = |raw: &RawValue| serde_json::from_str::<TaskProbe>(raw.get()).is_ok();
        let tasks = if text.trim_start().starts_with('[') {
            serde_json::from_str::<Vec<&RawValue>>(text)
                .is_ok_and(|list| list.into_iter().any(is_task))
        } else {
            serde_json::from_str::<&RawValue>(text).is_ok_and(is_task)
        };
        if tasks { Self::LabelStudio } else { Self::W3c }
    }
}

/// Just enough of a Label Studio task to recognise one: its `data.text`
/// is there (its value is the importer's to judge).
#[derive(Deserialize)]
struct TaskProbe {
    #[serde(rename = "data")]
    _data: TaskData,
}

#[derive(Deserialize)]
struct TaskData {
    #[serde(rename = "text")]
    _text: serde::de::IgnoredAny,
}

/// What an import read: new claims, how many the project already has
/// (skipped), and the format the file was read as.
#[derive(Clone, Debug)]
pub struct ReadAnnotations {
    pub claims: Vec<Claim>,
    pub skipped: usize,
    pub format: AnnotationFormat,
}

/// Reads `bytes` as annotations of `project`, in `format`, or in the
/// format [`AnnotationFormat::guess`] finds when it is `None`. All or
/// nothing: the error names the annotation or task that stopped it.
pub fn read_annotations(
    project: &Project,
    bytes: &[u8],
    format: Option<AnnotationFormat>,
    author: &str,
) -> Result<ReadAnnotations, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 text ({e})"))?;
    let format = format.unwrap_or_else(|| AnnotationFormat::guess(text));
    let (claims, skipped) = match format {
        AnnotationFormat::W3c => {
            io::w3c::import_w3c(project, text, author).map_err(|e| e.to_string())?
        }
        AnnotationFormat::LabelStudio => {
            io::label_studio::import_label_studio(project, text, author)
                .map_err(|e| e.to_string())?
        }
    };
    Ok(ReadAnnotations {
        claims,
        skipped,
        format,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_tasks_with_a_text_is_label_studio_and_the_rest_w3c() {
        let guess = AnnotationFormat::guess;
        assert_eq!(
            guess(r#"[{"id": 1, "data": {"text": "Hello."}, "annotations": []}]"#),
            AnnotationFormat::LabelStudio
        );
        assert_eq!(
            guess(r#"{"data": {"text": "Hello."}}"#),
            AnnotationFormat::LabelStudio
        );
        assert_eq!(
            guess(r#"{"type": "AnnotationCollection", "first": {"items": []}}"#),
            AnnotationFormat::W3c
        );
        assert_eq!(guess(r#"[{"type": "Annotation"}]"#), AnnotationFormat::W3c);
        // Not JSON at all: W3C's importer says what it expected.
        assert_eq!(guess("not json"), AnnotationFormat::W3c);
        assert_eq!(guess(""), AnnotationFormat::W3c);
    }

    #[test]
    fn the_proposed_files_sit_beside_the_project_and_differ_by_format() {
        let project = Path::new("/work/belgorod.ron");
        let names: Vec<PathBuf> = ExportFormat::ALL
            .iter()
            .map(|f| f.default_path(project))
            .collect();
        assert_eq!(
            names,
            [
                "/work/belgorod.csv",
                "/work/belgorod-annotations.jsonld",
                "/work/belgorod-tasks.json",
                "/work/belgorod-reviews.jsonld"
            ]
            .map(PathBuf::from)
        );
    }

    #[test]
    fn claim_review_without_a_publisher_says_where_to_set_it() {
        let project = Project::new("p");
        let error = export(&project, ExportFormat::ClaimReview, &Progress::default());
        assert_eq!(error.err().as_deref(), Some(NO_PUBLISHER));
    }
}
