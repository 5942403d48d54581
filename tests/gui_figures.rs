//! The Figures view, driven headless through egui_kittest: the tab opens
//! it, a topic is chosen from the list, the plot holds the figure of every
//! source that gives one (asserted on the geometry the library computes),
//! hovering a figure tells its quote, clicking it selects its claim and
//! shows it in its document, and the view never changes the project.

mod common_gui;

use claimdesk::figures::Figures;
use claimdesk::model::{ClaimId, Project};
use claimdesk::ui::{App, Start};
use common_gui::{harness, sample_copy};
use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::collections::BTreeSet;

const TOLL: &str = "Belgorod strike 2023-12-30 / killed";

fn open_figures(harness: &mut Harness<'static, App>) {
    harness.get_by_label("Figures").click();
    harness.run();
}

/// Every outlet that gives a death toll in people, from the model alone.
fn outlets_with_a_toll(project: &Project) -> BTreeSet<String> {
    project
        .claims
        .iter()
        .filter(|c| {
            c.subject == "Belgorod strike 2023-12-30"
                && c.attribute == "killed"
                && c.value.is_some()
        })
        .filter_map(|c| project.document(&c.document))
        .filter_map(|d| project.source(&d.source))
        .map(|s| s.name.clone())
        .collect()
}

fn hover(harness: &mut Harness<'static, App>, at: Pos2) {
    harness.event(Event::PointerMoved(at));
    // A tooltip shows after egui's delay.
    harness.run_steps(40);
}

fn click(harness: &mut Harness<'static, App>, at: Pos2) {
    harness.event(Event::PointerMoved(at));
    harness.step();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

#[test]
fn the_toll_s_chart_holds_every_source_s_figure_and_a_click_selects_its_claim() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let before = harness.state().project().clone();
    open_figures(&mut harness);
    // Another topic first, then the toll, from the list.
    harness
        .get_by_label("Belgorod / distance from border")
        .click();
    harness.run();
    assert_eq!(
        harness.state().figures_view().chosen_title(),
        Some("Belgorod / distance from border")
    );
    harness.get_by_label(TOLL).click();
    harness.run();

    let app = harness.state();
    let view = app.figures_view();
    assert_eq!(view.chosen_title(), Some(TOLL));
    let chart = view.chart().expect("a chart on show");
    assert_eq!(chart.title, TOLL);
    assert_eq!(chart.unit, "people");
    let drawn: BTreeSet<String> = chart.series.iter().map(|s| s.name.clone()).collect();
    assert_eq!(drawn, outlets_with_a_toll(app.project()));
    // The same geometry the brief draws, from the model and the findings.
    let figures = Figures::new(app.project(), app.findings());
    let key = figures
        .topics()
        .iter()
        .find(|t| t.title == TOLL)
        .unwrap()
        .key
        .clone();
    assert_eq!(figures.chart(&key, None).as_ref(), Some(chart));
    assert!(
        !chart.conflicts.is_empty(),
        "the checker's conflicts are joined"
    );

    // Hover a figure: its quote and outlet are told.
    let figure = chart
        .figures
        .iter()
        .find(|f| f.quote == "claiming 24 people were killed")
        .expect("Kyiv Independent's 24");
    let claim: ClaimId = figure.claim.clone();
    let quote = figure.quote.clone();
    let at = view.screen_pos_of(&claim).expect("drawn on screen");
    hover(&mut harness, at);
    // One tooltip says it all (the legend names the outlet too, without
    // the dash before it).
    harness.get_by_label_contains(&format!(
        "“{quote}”\n24 people (as of 2024-01-03) — Kyiv Independent (B)\nclaimant: Russian authorities"
    ));
    harness.get_by_label_contains("verdict: conflicting evidence");

    // Click it: its claim is selected and its document opened at it.
    click(&mut harness, at);
    let app = harness.state();
    assert_eq!(app.selected_claim().map(|c| &c.id), Some(&claim));
    let document = &app.project().claim(&claim).unwrap().document;
    assert_eq!(app.open_document(), Some(document));
    assert_eq!(app.project(), &before, "the view never changes the project");
}

#[test]
fn the_view_opens_on_the_topic_of_the_selected_claim_and_the_filter_narrows_the_list() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    // A claim selected in the claims table, as an analyst clicks it.
    harness.get_by_label("Search claims").click();
    harness.run();
    common_gui::field(&harness, "Search claims").type_text("kilometers from the Ukrainian");
    harness.run();
    let quote = harness
        .state()
        .project()
        .claims
        .iter()
        .find(|c| c.quote.contains("kilometers from the Ukrainian"))
        .expect("a distance in the sample")
        .quote
        .clone();
    harness.get_by_label(&quote).click();
    harness.run();
    assert!(harness.state().selected_claim().is_some());
    open_figures(&mut harness);
    assert_eq!(
        harness.state().figures_view().chosen_title(),
        Some("Belgorod / distance from border")
    );

    common_gui::field(&harness, "Filter").click();
    harness.run();
    common_gui::field(&harness, "Filter").type_text("children");
    harness.run();
    assert!(harness.query_by_label(TOLL).is_none());
    harness.get_by_label("Belgorod strike 2023-12-30 / children killed");
}

#[test]
fn an_empty_project_says_what_the_view_is_for() {
    let mut harness = harness(Start::Empty);
    open_figures(&mut harness);
    harness.get_by_label_contains("No figures yet");
}

#[test]
fn file_export_brief_writes_the_topic_on_show_alone_when_asked() {
    let (dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    open_figures(&mut harness);
    harness
        .get_by_label("Belgorod / distance from border")
        .click();
    harness.run();
    // The view's own button opens File > Export brief…, offering its topic.
    harness.get_by_label("Brief…").click();
    harness.run();
    harness.get_by_label("Export brief (HTML)");
    let out = dir.path().join("distance.html");
    let field = common_gui::field(&harness, "File path");
    field.click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    common_gui::field(&harness, "File path").type_text(&out.display().to_string());
    harness.run();
    harness
        .get_by_label("Only Belgorod / distance from border")
        .click();
    harness.run();
    harness.get_by_label("OK").click();
    common_gui::wait_idle(&mut harness);
    harness.get_by_label(&format!("Wrote the brief to {}", out.display()));
    let html = std::fs::read_to_string(&out).expect("the brief is written");
    assert_eq!(html.matches("<svg").count(), 1);
    assert!(html.contains("<h3>Belgorod / distance from border</h3>"));
}
