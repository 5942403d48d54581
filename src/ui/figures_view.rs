//! The Figures view: the project's figure topics on the left (with how many
//! figures, sources and open conflicts each has, and a filter), and the
//! chosen topic's chart on the right, drawn with egui_plot from the
//! geometry `crate::figures` computes (the brief's SVG draws the same).
//! Hover a figure for its quote, source, claimant, date, credibility and
//! verdict; click it to select its claim and show it in its document.

use crate::check::Finding;
use crate::figures::{
    Band, Chart, Dated, Figure, Figures, Topic, WARNING, day_label, nearest, number,
};
use crate::model::{ClaimId, Project};
use crate::ui::Action;
use egui::{Color32, Pos2, Shape, Stroke, Ui, Vec2};
use egui_plot::{
    Legend, Plot, PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotPoint, PlotTransform,
};
use std::ops::RangeInclusive;

/// How near (in points) the pointer must be to a figure to point at it.
const PICK_DISTANCE: f64 = 8.0;

/// What the view keeps between frames: the chosen topic and unit, the
/// filter, and the topics and chart of the project version last drawn.
#[derive(Default)]
pub struct FiguresView {
    filter: String,
    chosen: Option<String>,
    unit: Option<String>,
    /// The workspace version, and that of the findings, the caches were
    /// made for.
    made_for: Option<(u64, Option<u64>)>,
    topics: Vec<Topic>,
    chart: Option<Chart>,
    /// The chart's topic and unit, to know when to make it again.
    chart_of: Option<(String, Option<String>)>,
    reset: bool,
    /// The figure under the pointer in the last frame.
    hovered: Option<usize>,
    /// Where the plot drew its chart in the last frame.
    transform: Option<PlotTransform>,
}

impl FiguresView {
    /// Chooses the topic of `claim`'s figure, when it has one: called as
    /// the view opens, with the selected claim or finding's claim.
    pub fn choose_for(&mut self, project: &Project, findings: &[Finding], claim: &ClaimId) {
        if let Some(key) = Figures::new(project, findings).topic_of_claim(claim)
            && self.chosen.as_deref() != Some(key)
        {
            self.chosen = Some(key.to_owned());
            self.unit = None;
            self.reset = true;
        }
    }

    /// The topic on show, by its title.
    pub fn chosen_title(&self) -> Option<&str> {
        let chosen = self.chosen.as_deref()?;
        self.topics
            .iter()
            .find(|t| t.key == chosen)
            .map(|t| t.title.as_str())
    }

    /// The topic on show: its key and title.
    pub fn chosen_topic(&self) -> Option<(String, String)> {
        let chosen = self.chosen.as_deref()?;
        self.topics
            .iter()
            .find(|t| t.key == chosen)
            .map(|t| (t.key.clone(), t.title.clone()))
    }

    /// The chart on show (for the tests: what the plot draws).
    pub fn chart(&self) -> Option<&Chart> {
        self.chart.as_ref()
    }

    /// Where the figure of `claim` was drawn in the last frame (for the
    /// tests, which click it as a person would).
    pub fn screen_pos_of(&self, claim: &ClaimId) -> Option<Pos2> {
        let figure = self
            .chart
            .as_ref()?
            .figures
            .iter()
            .find(|f| &f.claim == claim)?;
        Some(
            self.transform
                .as_ref()?
                .position_from_point(&PlotPoint::new(figure.x, figure.y)),
        )
    }

    /// Makes the topics and the chart again when the project or the
    /// findings changed, or another topic or unit was chosen.
    fn refresh(&mut self, project: &Project, versions: (u64, Option<u64>), findings: &[Finding]) {
        let stamp = versions;
        let stale = self.made_for != Some(stamp);
        let wanted = self.chosen.clone().map(|key| (key, self.unit.clone()));
        if !stale && wanted == self.chart_of {
            return;
        }
        let figures = Figures::new(project, findings);
        if stale {
            self.topics = figures.topics().to_vec();
            self.made_for = Some(stamp);
        }
        if self
            .chosen
            .as_ref()
            .is_none_or(|k| !self.topics.iter().any(|t| &t.key == k))
        {
            // The topic with most conflicts, then most figures, opens first.
            self.chosen = self
                .topics
                .iter()
                .max_by(|a, b| (a.open_conflicts, a.figures).cmp(&(b.open_conflicts, b.figures)))
                .map(|t| t.key.clone());
            self.unit = None;
        }
        self.chart = self
            .chosen
            .as_deref()
            .and_then(|key| figures.chart(key, self.unit.as_deref()));
        self.chart_of = self.chosen.clone().map(|key| (key, self.unit.clone()));
    }

    /// The view; `versions` are the workspace's and its findings' (the
    /// chart is made again when either changes).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        versions: (u64, Option<u64>),
        findings: &[Finding],
        selected: Option<&ClaimId>,
        actions: &mut Vec<Action>,
    ) {
        self.refresh(project, versions, findings);
        if self.topics.is_empty() {
            ui.weak("No figures yet: tag a numeric claim and give it a subject, an attribute and a value, and it is plotted here with every other source's figure for the same thing.");
            return;
        }
        let list_width = (ui.available_width() * 0.28).clamp(220.0, 380.0);
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(
                Vec2::new(list_width, ui.available_height()),
                egui::Layout::top_down(egui::Align::Min),
                |ui| self.topics_ui(ui),
            );
            ui.separator();
            ui.vertical(|ui| self.chart_ui(ui, selected, actions));
        });
    }

    fn topics_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("Filter");
            ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("subject or attribute"))
                .labelled_by(label.id);
        });
        let wanted = self.filter.trim().to_lowercase();
        let shown: Vec<usize> = (0..self.topics.len())
            .filter(|&n| self.topics[n].title.to_lowercase().contains(&wanted))
            .collect();
        let mut choose = None;
        // A topic is two lines; only the rows in sight are laid out, so a
        // project of thousands of topics scrolls as fast as a few.
        let spacing = ui.spacing().item_spacing.y;
        let row_height = 2.0 * ui.text_style_height(&egui::TextStyle::Body) + 2.0 * spacing + 4.0;
        egui::ScrollArea::vertical()
            .id_salt("figure_topics")
            .auto_shrink(false)
            .show_rows(ui, row_height, shown.len(), |ui, rows| {
                for &n in &shown[rows] {
                    let topic = &self.topics[n];
                    let chosen = self.chosen.as_ref() == Some(&topic.key);
                    let response = ui.selectable_label(chosen, &topic.title);
                    let counts = format!(
                        "{} · {} · {}",
                        crate::model::counted(topic.figures, "figure", "figures"),
                        crate::model::counted(topic.sources, "source", "sources"),
                        crate::model::counted(
                            topic.open_conflicts,
                            "open conflict",
                            "open conflicts"
                        ),
                    );
                    if topic.open_conflicts > 0 {
                        ui.colored_label(ui.visuals().warn_fg_color, counts);
                    } else {
                        ui.weak(counts);
                    }
                    ui.add_space(4.0);
                    if response.clicked() && !chosen {
                        choose = Some(topic.key.clone());
                    }
                }
            });
        if let Some(key) = choose {
            self.chosen = Some(key);
            self.unit = None;
            self.reset = true;
        }
    }

    fn chart_ui(&mut self, ui: &mut Ui, selected: Option<&ClaimId>, actions: &mut Vec<Action>) {
        let Some(chart) = self.chart.as_ref() else {
            ui.weak("Choose a topic on the left.");
            return;
        };
        let mut unit_choice = None;
        ui.horizontal_wrapped(|ui| {
            ui.heading(&chart.title);
            let units: Vec<String> = std::iter::once(chart.unit.clone())
                .chain(chart.left_out.iter().map(|u| u.unit.clone()))
                .collect();
            if units.len() > 1 {
                egui::ComboBox::from_id_salt("figures_unit")
                    .selected_text(unit_name(&chart.unit))
                    .show_ui(ui, |ui| {
                        for unit in &units {
                            if ui
                                .selectable_label(*unit == chart.unit, unit_name(unit))
                                .clicked()
                            {
                                unit_choice = Some(unit.clone());
                            }
                        }
                    })
                    .response
                    .on_hover_text("The unit plotted: figures in other units are left out");
            } else if !chart.unit.is_empty() {
                ui.label(format!("in {}", chart.unit));
            }
            if ui
                .button("Reset view")
                .on_hover_text("Zoom and pan back to every figure")
                .clicked()
            {
                self.reset = true;
            }
            if ui
                .button("Brief…")
                .on_hover_text(
                    "Write this chart, with the rest of the project's brief, as one HTML file",
                )
                .clicked()
            {
                actions.push(Action::Command(crate::ui::UICommand::ExportBrief));
            }
        });
        let mut about = format!(
            "{} from {}. {}.",
            crate::model::counted(chart.figures.len(), "figure", "figures"),
            crate::model::counted(chart.series.len(), "source", "sources"),
            chart.band.describe(&chart.unit)
        );
        for other in &chart.left_out {
            about.push_str(&format!(
                " Left out: {} in {}.",
                crate::model::counted(other.figures, "figure", "figures"),
                unit_name(&other.unit)
            ));
        }
        ui.weak(about);
        ui.weak("Hollow: dated by its article, not by the claim. Bars: the range the words allow; arrows: open ends. Fill: credibility. Dashed: conflicts the checker found.");
        let hovered = self.hovered.take();
        let selected_figure =
            selected.and_then(|id| chart.figures.iter().position(|f| &f.claim == id));
        let undated = chart.undated;
        let mut plot = Plot::new("figures_plot")
            .legend(Legend::default().position(egui_plot::Corner::RightBottom))
            .x_axis_formatter(move |mark, _| {
                // The undated strip has no dates under it.
                if undated.is_some_and(|(left, right)| {
                    mark.value >= left - 0.5 && mark.value <= right + 0.5
                }) {
                    return String::new();
                }
                axis_day(mark.value)
            })
            .y_axis_formatter(|mark, _| number(mark.value))
            .label_formatter(|_| None)
            .show_crosshair(false)
            .allow_double_click_reset(true)
            .include_y(chart.y_range.0)
            .include_y(chart.y_range.1);
        if let Some((low, high)) = x_range(chart) {
            plot = plot.include_x(low).include_x(high);
        }
        if std::mem::take(&mut self.reset) {
            plot = plot.reset();
        }
        let dark = ui.visuals().dark_mode;
        let response = plot.show(ui, |plot_ui| {
            plot_ui.add(Layer::new(chart, Part::Backdrop, dark));
            plot_ui.add(Layer::new(chart, Part::Links, dark));
            for series in 0..chart.series.len() {
                let mut layer = Layer::new(chart, Part::Series(series), dark);
                layer.hovered = hovered.filter(|&n| chart.figures[n].series == series);
                layer.selected = selected_figure.filter(|&n| chart.figures[n].series == series);
                plot_ui.add(layer);
            }
        });
        let transform = response.transform;
        self.transform = Some(transform);
        let pointer = response.response.hover_pos();
        let picked = pointer.and_then(|pos| {
            let at = transform.value_from_position(pos);
            let scale = [
                transform.dpos_dvalue_x().abs(),
                transform.dpos_dvalue_y().abs(),
            ];
            nearest(chart, [at.x, at.y], scale, PICK_DISTANCE)
        });
        if let Some(n) = picked {
            let figure = &chart.figures[n];
            let series = &chart.series[figure.series];
            let text = crate::report::tooltip_text(figure, series);
            let hover = response.response.clone();
            hover.on_hover_ui_at_pointer(|ui| {
                ui.set_max_width(420.0);
                ui.label(text);
            });
            if response.response.clicked() {
                actions.push(Action::ShowClaim(figure.claim.clone()));
            }
        }
        self.hovered = picked;
        if let Some(unit) = unit_choice {
            self.unit = Some(unit);
            self.reset = true;
        }
    }
}

fn unit_name(unit: &str) -> &str {
    if unit.is_empty() { "no unit" } else { unit }
}

/// A day of the x axis as a date; marks between days say nothing.
fn axis_day(day: f64) -> String {
    if (day - day.round()).abs() > 0.01 {
        return String::new();
    }
    day_label(day)
}

/// The chart's dates and undated strip, with room around.
fn x_range(chart: &Chart) -> Option<(f64, f64)> {
    let mut range: Option<(f64, f64)> = chart.days.map(|(a, b)| (a - 0.6, b + 0.6));
    if let Some((left, right)) = chart.undated {
        range = Some(match range {
            Some((a, b)) => (a.min(left - 0.2), b.max(right + 0.2)),
            None => (left - 0.2, right + 0.2),
        });
    }
    range
}

/// What one plot item draws.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The undated strip and the band of agreement.
    Backdrop,
    /// Conflict lines and revision steps.
    Links,
    /// One outlet's figures (a legend entry: clicking it hides them).
    Series(usize),
}

/// A part of the chart as an egui_plot item: drawn straight from the
/// chart's geometry, a few shapes per figure, so a topic of 10,000 figures
/// is one item per outlet and not 10,000 items.
struct Layer<'a> {
    chart: &'a Chart,
    part: Part,
    base: PlotItemBase,
    color: Color32,
    dark: bool,
    hovered: Option<usize>,
    selected: Option<usize>,
}

impl<'a> Layer<'a> {
    fn new(chart: &'a Chart, part: Part, dark: bool) -> Self {
        let (name, color) = match part {
            Part::Series(n) => {
                let series = &chart.series[n];
                let [r, g, b] = series.color;
                (series.label(), Color32::from_rgb(r, g, b))
            }
            Part::Backdrop => (String::new(), Color32::GRAY),
            Part::Links => (String::new(), warning()),
        };
        let mut base = PlotItemBase::new(name);
        // Items of one plot are told apart by id, made from the name.
        if !matches!(part, Part::Series(_)) {
            base = PlotItemBase::new(String::new());
        }
        Self {
            chart,
            part,
            base,
            color,
            dark,
            hovered: None,
            selected: None,
        }
    }

    fn figure_shapes(&self, figure: &Figure, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let x = transform.position_from_point_x(figure.x);
        let at = |y: f64| transform.position_from_point_y(y);
        let color = self.color;
        if !figure.point {
            shapes.push(Shape::line_segment(
                [Pos2::new(x, at(figure.low)), Pos2::new(x, at(figure.high))],
                Stroke::new(3.0, color.gamma_multiply(0.75)),
            ));
        }
        if figure.up {
            let y = at(figure.high);
            shapes.push(arrow(x, y, -1.0, color));
        }
        if figure.down {
            let y = at(figure.low);
            shapes.push(arrow(x, y, 1.0, color));
        }
        let center = Pos2::new(x, at(figure.y));
        if figure.dated == Dated::Published {
            let background = if self.dark {
                Color32::from_gray(27)
            } else {
                Color32::WHITE
            };
            shapes.push(Shape::circle_filled(center, 5.5, background));
            shapes.push(Shape::circle_stroke(center, 5.5, Stroke::new(2.0, color)));
            shapes.push(Shape::circle_filled(
                center,
                2.5,
                color.gamma_multiply(figure.fill),
            ));
        } else {
            shapes.push(Shape::circle_filled(
                center,
                5.5,
                color.gamma_multiply(figure.fill),
            ));
            shapes.push(Shape::circle_stroke(center, 5.5, Stroke::new(1.5, color)));
        }
    }
}

/// Charts of more figures than this draw them as flat quads.
const DENSE_FROM: usize = 1_000;

impl Layer<'_> {
    /// A figure as flat quads in `mesh`: its bar, its arrows as triangles,
    /// and a square marker (a square ring when dated by its article).
    fn figure_quads(&self, figure: &Figure, transform: &PlotTransform, mesh: &mut egui::Mesh) {
        let x = transform.position_from_point_x(figure.x);
        let at = |y: f64| transform.position_from_point_y(y);
        let color = self.color;
        if !figure.point {
            let (top, bottom) = (at(figure.high), at(figure.low));
            mesh.add_colored_rect(
                egui::Rect::from_min_max(
                    Pos2::new(x - 1.0, top.min(bottom)),
                    Pos2::new(x + 1.0, top.max(bottom)),
                ),
                color.gamma_multiply(0.6),
            );
        }
        for (open, y, direction) in [
            (figure.up, at(figure.high), -1.0),
            (figure.down, at(figure.low), 1.0),
        ] {
            if open {
                let base = mesh.vertices.len() as u32;
                mesh.colored_vertex(Pos2::new(x - 4.0, y - direction * 6.0), color);
                mesh.colored_vertex(Pos2::new(x, y + direction), color);
                mesh.colored_vertex(Pos2::new(x + 4.0, y - direction * 6.0), color);
                mesh.add_triangle(base, base + 1, base + 2);
            }
        }
        let center = Pos2::new(x, at(figure.y));
        let square = |half: f32| egui::Rect::from_center_size(center, Vec2::splat(2.0 * half));
        mesh.add_colored_rect(square(3.5), color);
        let inside = if figure.dated == Dated::Published {
            if self.dark {
                Color32::from_gray(27)
            } else {
                Color32::WHITE
            }
        } else {
            // Credibility as fill: the less credible, the paler inside.
            let background = if self.dark {
                Color32::from_gray(27)
            } else {
                Color32::WHITE
            };
            background.lerp_to_gamma(color, figure.fill)
        };
        mesh.add_colored_rect(square(2.0), inside);
    }
}

/// A small triangle at an open end of a bar, pointing up (`-1`) or down.
fn arrow(x: f32, y: f32, direction: f32, color: Color32) -> Shape {
    Shape::convex_polygon(
        vec![
            Pos2::new(x - 5.0, y - direction * 7.0),
            Pos2::new(x, y + direction),
            Pos2::new(x + 5.0, y - direction * 7.0),
        ],
        color,
        Stroke::NONE,
    )
}

fn warning() -> Color32 {
    let [r, g, b] = WARNING;
    Color32::from_rgb(r, g, b)
}

impl PlotItem for Layer<'_> {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let chart = self.chart;
        let frame = *transform.frame();
        match self.part {
            Part::Backdrop => {
                if let Some((left, right)) = chart.undated {
                    let rect = egui::Rect::from_x_y_ranges(
                        transform.position_from_point_x(left)
                            ..=transform.position_from_point_x(right),
                        frame.y_range(),
                    );
                    shapes.push(Shape::rect_filled(
                        rect,
                        0.0,
                        Color32::from_gray(128).gamma_multiply(0.14),
                    ));
                    let color = ui.visuals().weak_text_color();
                    shapes.push(ui.ctx().fonts_mut(|fonts| {
                        Shape::text(
                            fonts,
                            Pos2::new(rect.center().x, frame.top() + 4.0),
                            egui::Align2::CENTER_TOP,
                            "undated",
                            egui::FontId::proportional(12.0),
                            color,
                        )
                    }));
                }
                if let Band::Agreed { low, high } = chart.band {
                    let top = transform.position_from_point_y(high.unwrap_or(chart.y_range.1));
                    let bottom = transform.position_from_point_y(low.unwrap_or(chart.y_range.0));
                    let rect = egui::Rect::from_x_y_ranges(
                        frame.x_range(),
                        top.min(bottom - 1.5)..=bottom,
                    );
                    shapes.push(Shape::rect_filled(
                        rect,
                        0.0,
                        Color32::from_rgba_unmultiplied(44, 160, 44, 36),
                    ));
                }
            }
            Part::Links => {
                let point = |n: usize| {
                    let f = &chart.figures[n];
                    transform.position_from_point(&PlotPoint::new(f.x, f.y))
                };
                for (pair, revision) in &chart.steps {
                    let (a, b) = (point(pair.from), point(pair.to));
                    let color = if *revision {
                        warning()
                    } else {
                        ui.visuals().weak_text_color()
                    };
                    shapes.push(Shape::line(
                        vec![a, Pos2::new(b.x, a.y), b],
                        Stroke::new(1.2, color),
                    ));
                }
                // Dashes cost a shape each: past a few hundred conflicts
                // the lines are drawn plain and faint instead.
                let dashed = chart.conflicts.len() <= 300;
                for pair in &chart.conflicts {
                    let ends = [point(pair.from), point(pair.to)];
                    if dashed {
                        shapes.extend(Shape::dashed_line(
                            &ends,
                            Stroke::new(1.5, warning()),
                            6.0,
                            4.0,
                        ));
                    } else {
                        shapes.push(Shape::line_segment(
                            ends,
                            Stroke::new(1.0, warning().gamma_multiply(0.35)),
                        ));
                    }
                }
            }
            Part::Series(series) => {
                // Only what is in sight: a zoomed chart of 10,000 figures
                // draws the few hundred on screen.
                let bounds = transform.bounds();
                let margin = 10.0 / transform.dpos_dvalue_x().abs().max(f64::MIN_POSITIVE);
                let (left, right) = (bounds.min()[0] - margin, bounds.max()[0] + margin);
                // Past a thousand figures, each is a few flat quads in one
                // mesh per outlet: round, anti-aliased markers would make
                // tens of megabytes of vertices every frame.
                let mut mesh = (chart.figures.len() > DENSE_FROM).then(egui::Mesh::default);
                for &n in &chart.by_series[series] {
                    let figure = &chart.figures[n];
                    if figure.x < left || figure.x > right {
                        continue;
                    }
                    match mesh.as_mut() {
                        Some(mesh) => self.figure_quads(figure, transform, mesh),
                        None => self.figure_shapes(figure, transform, shapes),
                    }
                    if self.hovered == Some(n) || self.selected == Some(n) {
                        let center =
                            transform.position_from_point(&PlotPoint::new(figure.x, figure.y));
                        shapes.push(Shape::circle_stroke(
                            center,
                            9.0,
                            Stroke::new(2.0, ui.visuals().strong_text_color()),
                        ));
                    }
                }
                if let Some(mesh) = mesh {
                    shapes.push(Shape::mesh(mesh));
                }
            }
        }
    }

    fn initialize(&mut self, _x_range: RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        self.color
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::None
    }

    fn bounds(&self) -> PlotBounds {
        let chart = self.chart;
        let (y0, y1) = chart.y_range;
        let figures_bounds = |members: &mut dyn Iterator<Item = &Figure>| {
            let mut bounds = PlotBounds::NOTHING;
            for figure in members {
                bounds.extend_with(&PlotPoint::new(figure.x, figure.low));
                bounds.extend_with(&PlotPoint::new(figure.x, figure.high));
            }
            bounds
        };
        match (self.part, x_range(chart)) {
            (Part::Series(series), _) => {
                figures_bounds(&mut chart.by_series[series].iter().map(|&n| &chart.figures[n]))
            }
            (_, None) => figures_bounds(&mut chart.figures.iter()),
            (_, Some((x0, x1))) => PlotBounds::from_min_max([x0, y0], [x1, y1]),
        }
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_days_are_dates_and_between_days_nothing() {
        let day = f64::from(chrono::Datelike::num_days_from_ce(
            &chrono::NaiveDate::from_ymd_opt(2024, 1, 3).unwrap(),
        ));
        assert_eq!(axis_day(day), "2024-01-03");
        assert_eq!(axis_day(day + 0.5), "");
    }
}
