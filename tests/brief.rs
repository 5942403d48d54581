//! The brief (`claimdesk report`), run as an analyst runs it and read as
//! a browser reads it: one SVG per figure topic, every figure's quote in
//! its topic's table, the open findings with both quotes, the sources and
//! the dismissed findings; nothing outside the file.

mod common;

use claimdesk::check::check;
use claimdesk::figures::Figures;
use claimdesk::io::load_project;
use common::{claimdesk, claimdesk_ok, sample_project};
use dom_query::Document;
use std::path::{Path, PathBuf};

fn sample_copy(dir: &Path) -> PathBuf {
    let path = dir.join("belgorod.ron");
    std::fs::copy(sample_project(), &path).unwrap();
    path
}

fn report(project: &Path, out: &Path, more: &[&str]) -> Document {
    let mut args = vec![
        "report".as_ref(),
        project.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    args.extend(more.iter().map(std::ffi::OsStr::new));
    claimdesk_ok(args);
    Document::from(std::fs::read_to_string(out).unwrap())
}

/// Text with its white space as single spaces.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_sample_s_brief_holds_every_figure_one_chart_per_topic_and_the_findings() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = sample_copy(dir.path());
    let before = std::fs::read(&project_path).unwrap();
    let html = report(&project_path, &dir.path().join("brief.html"), &[]);
    let project = load_project(&project_path).unwrap();
    let findings = check(&project);
    let figures = Figures::new(&project, &findings);

    let groups = html.select("section.group");
    assert_eq!(groups.length(), figures.topics().len());
    for group in groups.iter() {
        let title = squeezed(&group.select("h3").text());
        let topic = figures
            .topics()
            .iter()
            .find(|t| t.title == title)
            .unwrap_or_else(|| panic!("{title} is no topic"));
        assert_eq!(group.select("svg").length(), 1, "one chart for {title}");
        let chart = figures.chart(&topic.key, None).unwrap();
        // Each figure: a marker in the chart and a row with its quote.
        assert_eq!(
            group.select("svg g.figure").length(),
            chart.figures.len(),
            "{title}"
        );
        let quotes: Vec<String> = group
            .select("tbody q")
            .iter()
            .map(|q| squeezed(&q.text()))
            .collect();
        for figure in &chart.figures {
            assert!(
                quotes.contains(&squeezed(&figure.quote)),
                "{} is not in {title}",
                figure.quote
            );
        }
        assert_eq!(
            group.select("svg line.conflict").length(),
            chart.conflicts.len(),
            "{title}"
        );
    }
    // Every claim with a figure about something is in some table.
    let all_quotes = squeezed(&html.select("section.group tbody").text());
    for claim in project
        .claims
        .iter()
        .filter(|c| c.value.is_some() && !c.subject.trim().is_empty())
    {
        assert!(
            all_quotes.contains(&squeezed(&claim.quote)),
            "{}",
            claim.quote
        );
    }

    // The open findings, each with the quotes of its claims.
    let shown = html.select("#findings .finding");
    let open: Vec<_> = findings.iter().filter(|f| f.is_open()).collect();
    assert_eq!(shown.length(), open.len());
    let findings_text = squeezed(&html.select("#findings").text());
    for finding in open {
        assert!(findings_text.contains(&squeezed(&finding.message)));
        for claim in finding.claims.iter().filter_map(|id| project.claim(id)) {
            assert!(
                findings_text.contains(&squeezed(&claim.quote)),
                "{}",
                claim.quote
            );
        }
    }
    // The sources with their grades.
    let sources = squeezed(&html.select("#sources").text());
    for source in &project.sources {
        assert!(sources.contains(&squeezed(&source.name)), "{}", source.name);
    }
    assert_eq!(html.select("#dismissed").length(), 1);

    // Self-contained: nothing fetched, nothing run.
    assert!(
        html.select("script, link[rel=stylesheet], img, iframe, object")
            .is_empty()
    );
    let text = std::fs::read_to_string(dir.path().join("brief.html")).unwrap();
    assert!(!text.contains("@font-face") && !text.contains("url("));
    // And the project is as it was.
    assert_eq!(std::fs::read(&project_path).unwrap(), before);
}

#[test]
fn a_brief_can_be_limited_to_conflicts_or_to_chosen_topics() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = sample_copy(dir.path());
    let project = load_project(&project_path).unwrap();
    let findings = check(&project);
    let figures = Figures::new(&project, &findings);
    let with_conflicts = figures
        .topics()
        .iter()
        .filter(|t| t.open_conflicts > 0)
        .count();
    assert!(with_conflicts > 0 && with_conflicts < figures.topics().len());

    let html = report(
        &project_path,
        &dir.path().join("c.html"),
        &["--conflicts-only"],
    );
    assert_eq!(html.select("section.group").length(), with_conflicts);

    let html = report(
        &project_path,
        &dir.path().join("t.html"),
        &[
            "--topic",
            "belgorod strike 2023-12-30 / KILLED",
            "--topic",
            "Belgorod / distance from border",
        ],
    );
    let titles: Vec<String> = html
        .select("section.group h3")
        .iter()
        .map(|h| squeezed(&h.text()))
        .collect();
    assert_eq!(
        titles,
        [
            "Belgorod / distance from border",
            "Belgorod strike 2023-12-30 / killed"
        ]
    );

    let wrong = claimdesk([
        "report".as_ref(),
        project_path.as_os_str(),
        "--out".as_ref(),
        dir.path().join("x.html").as_os_str(),
        "--topic".as_ref(),
        "Moon / distance".as_ref(),
    ]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&wrong.stderr)
            .contains("no figure topic is called 'Moon / distance'")
    );
    assert!(!dir.path().join("x.html").exists());

    // The list names every topic, one a line.
    let listed = claimdesk_ok([
        "report".as_ref(),
        project_path.as_os_str(),
        "--list".as_ref(),
    ]);
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert_eq!(listed.lines().count(), figures.topics().len());
    assert!(
        listed
            .contains("Belgorod strike 2023-12-30 / killed\t6 people\t4 sources\t5 open conflicts"),
        "{listed}"
    );
}

#[test]
fn a_brief_never_overwrites_its_project() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = sample_copy(dir.path());
    let before = std::fs::read(&project_path).unwrap();
    let output = claimdesk([
        "report".as_ref(),
        project_path.as_os_str(),
        "--out".as_ref(),
        project_path.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read(&project_path).unwrap(), before);
}
