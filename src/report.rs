//! The brief: one self-contained HTML file (no scripts, fonts or files
//! beside it; it prints) that hands a disagreement on. For each figure
//! topic, the chart of [`crate::figures`] as inline SVG and a table of its
//! figures; then the checker's open findings with their quotes, the sources
//! with their grades and latest credibility note, and the dismissed
//! findings with their reasons. It reads the project and never changes it.

use crate::check::{Finding, Severity};
use crate::figures::{Band, Chart, Dated, Figures, Topic, WARNING, day_label, number};
use crate::model::{Claim, ClaimId, Document, DocumentId, Project, Source, SourceId};
use foldhash::{HashMap, HashMapExt};
use std::fmt::Write as _;

/// Which topics a brief shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BriefOptions {
    /// Only topics with an open conflict.
    pub conflicts_only: bool,
    /// Only these topics, by title (case and spacing ignored) or key;
    /// every topic when empty.
    pub topics: Vec<String>,
    /// The day the brief is dated.
    pub date: Option<chrono::NaiveDate>,
}

/// What a brief could not be made of.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BriefError {
    #[error("no figure topic is called '{0}' (claimdesk report lists them with --list)")]
    NoSuchTopic(String),
}

/// The topics `options` choose, in the order of [`Figures::topics`].
pub fn chosen_topics<'a>(
    figures: &'a Figures,
    options: &BriefOptions,
) -> Result<Vec<&'a Topic>, BriefError> {
    let wanted: Vec<String> = options
        .topics
        .iter()
        .map(|t| crate::model::normalize_name(t))
        .collect();
    for (given, normal) in options.topics.iter().zip(&wanted) {
        let known = figures
            .topics()
            .iter()
            .any(|t| crate::model::normalize_name(&t.title) == *normal || t.key == *given);
        if !known {
            return Err(BriefError::NoSuchTopic(given.clone()));
        }
    }
    Ok(figures
        .topics()
        .iter()
        .filter(|t| !options.conflicts_only || t.open_conflicts > 0)
        .filter(|t| {
            wanted.is_empty()
                || wanted.contains(&crate::model::normalize_name(&t.title))
                || options.topics.contains(&t.key)
        })
        .collect())
}

/// The project's claims, documents and sources by id, made once: a brief
/// names a claim's article per figure and per finding, 100,000 times on a
/// large project, which must not be a scan each time.
struct Lookup<'a> {
    claims: HashMap<&'a ClaimId, &'a Claim>,
    documents: HashMap<&'a DocumentId, &'a Document>,
    sources: HashMap<&'a SourceId, &'a Source>,
}

impl<'a> Lookup<'a> {
    fn new(project: &'a Project) -> Self {
        let mut claims = HashMap::with_capacity(project.claims.len());
        for claim in &project.claims {
            claims.entry(&claim.id).or_insert(claim);
        }
        let mut documents = HashMap::with_capacity(project.documents.len());
        for document in &project.documents {
            documents.entry(&document.id).or_insert(document);
        }
        let mut sources = HashMap::with_capacity(project.sources.len());
        for source in &project.sources {
            sources.entry(&source.id).or_insert(source);
        }
        Self {
            claims,
            documents,
            sources,
        }
    }

    fn document_of(&self, claim: &ClaimId) -> Option<&'a Document> {
        let claim = self.claims.get(claim)?;
        self.documents.get(&claim.document).copied()
    }
}

/// The brief of `project` as HTML; `findings` are the checker's.
pub fn brief(
    project: &Project,
    findings: &[Finding],
    options: &BriefOptions,
) -> Result<String, BriefError> {
    let figures = Figures::new(project, findings);
    let topics = chosen_topics(&figures, options)?;
    let lookup = Lookup::new(project);
    let charts: Vec<Chart> = topics
        .iter()
        .filter_map(|t| figures.chart(&t.key, None))
        .collect();
    let mut out = String::with_capacity(
        64 * 1024 + charts.iter().map(|c| c.figures.len() * 900).sum::<usize>(),
    );
    let date = options
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    head(&mut out, &project.name);
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p class=\"meta\">Brief of {date} · {} · {} · {} · made with claimdesk</p></header>",
        esc(&project.name),
        crate::model::counted(project.sources.len(), "source", "sources"),
        crate::model::counted(project.documents.len(), "document", "documents"),
        crate::model::counted(project.claims.len(), "claim", "claims"),
    );
    contents(&mut out, &charts, &topics);
    out.push_str("<section id=\"figures\"><h2>Figures</h2>\n");
    if charts.is_empty() {
        out.push_str("<p>No figures to show.</p>\n");
    }
    for (n, (chart, topic)) in charts.iter().zip(&topics).enumerate() {
        group(&mut out, &lookup, n, chart, topic);
    }
    out.push_str("</section>\n");
    open_findings(&mut out, &lookup, findings);
    sources(&mut out, project);
    dismissed(&mut out, findings);
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

fn head(out: &mut String, name: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"claimdesk\">\n<title>{} — brief</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        esc(name)
    );
}

/// Print-friendly and self-contained: system fonts only.
const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b;line-height:1.4}
h1{font-size:1.7rem;margin:0 0 .2rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}
h3{margin:1.6rem 0 .3rem}.meta,.note{color:#555;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.6rem 0}
th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num{white-space:nowrap;font-variant-numeric:tabular-nums}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em;vertical-align:-.05em}
figure{margin:.4rem 0}svg{max-width:100%;height:auto;background:#fff}
.finding{margin:.6rem 0;padding:.4rem .6rem;border-left:4px solid #999;background:#fafafa}
.finding.warning{border-color:#e67800}.finding.error{border-color:#c62828}
q{font-style:italic}nav ol{columns:2;font-size:.9rem}
@media print{body{margin:0;max-width:none}section.group{break-inside:avoid}h2{break-after:avoid}nav{display:none}a{color:inherit;text-decoration:none}}
";

fn contents(out: &mut String, charts: &[Chart], topics: &[&Topic]) {
    if charts.is_empty() {
        return;
    }
    out.push_str("<nav><h2>Contents</h2><ol>\n");
    for (n, (chart, topic)) in charts.iter().zip(topics).enumerate() {
        let _ = writeln!(
            out,
            "<li><a href=\"#group-{n}\">{}</a> ({}{})</li>",
            esc(&chart.title),
            crate::model::counted(chart.figures.len(), "figure", "figures"),
            if topic.open_conflicts > 0 {
                format!(
                    ", {}",
                    crate::model::counted(topic.open_conflicts, "conflict", "conflicts")
                )
            } else {
                String::new()
            }
        );
    }
    out.push_str("</ol></nav>\n");
}

fn group(out: &mut String, lookup: &Lookup, n: usize, chart: &Chart, topic: &Topic) {
    let _ = write!(
        out,
        "<section class=\"group\" id=\"group-{n}\"><h3>{}</h3>\n<p class=\"note\">",
        esc(&chart.title)
    );
    let _ = write!(
        out,
        "{} from {}{}; {}.",
        crate::model::counted(chart.figures.len(), "figure", "figures"),
        crate::model::counted(chart.series.len(), "source", "sources"),
        if chart.unit.is_empty() {
            String::new()
        } else {
            format!(", in {}", esc(&chart.unit))
        },
        esc(&chart.band.describe(&chart.unit)),
    );
    if topic.open_conflicts > 0 {
        let _ = write!(
            out,
            " {} open.",
            crate::model::counted(topic.open_conflicts, "conflict", "conflicts")
        );
    }
    for other in &chart.left_out {
        let _ = write!(
            out,
            " Left out: {} in {}.",
            crate::model::counted(other.figures, "figure", "figures"),
            esc(if other.unit.is_empty() {
                "no unit"
            } else {
                &other.unit
            })
        );
    }
    out.push_str("</p>\n<figure>");
    svg(out, chart);
    let _ = writeln!(
        out,
        "<figcaption class=\"note\">Each figure at the date it speaks for (hollow: its article's date; left strip: undated); a bar is the range its words allow, an arrow an open end; fill shows credibility (full: confirmed). Dashed lines join figures the checker finds in conflict.</figcaption></figure>"
    );
    out.push_str("<table><thead><tr><th>Value</th><th>Date</th><th>Source</th><th>Claimant</th><th>Credibility</th><th>Verdict</th><th>Quote</th></tr></thead><tbody>\n");
    let mut rows: Vec<usize> = (0..chart.figures.len()).collect();
    rows.sort_by(|&a, &b| {
        let (a, b) = (&chart.figures[a], &chart.figures[b]);
        a.date.cmp(&b.date).then(a.series.cmp(&b.series))
    });
    for row in rows {
        let figure = &chart.figures[row];
        let series = &chart.series[figure.series];
        let [r, g, b] = series.color;
        let date = match (figure.date, figure.dated) {
            (Some(date), Dated::AsOf) => date.to_string(),
            (Some(date), _) => format!("{date} (article)"),
            (None, _) => "undated".into(),
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"num\">{}</td><td class=\"num\">{date}</td><td><span class=\"swatch\" style=\"background:rgb({r},{g},{b})\"></span>{}</td><td>{}</td><td>{}</td><td>{}</td><td><q>{}</q>{}</td></tr>",
            esc(figure.value.split(" (").next().unwrap_or(&figure.value)),
            esc(&series.label()),
            esc(&figure.claimant),
            esc(&format!(
                "{} {}",
                figure.credibility.number(),
                figure.credibility.name()
            )),
            esc(&figure.verdict),
            esc(&figure.quote),
            document_title(lookup, &figure.claim)
        );
    }
    out.push_str("</tbody></table></section>\n");
}

/// " — in “Title”", naming the article a quote is from.
fn document_title(lookup: &Lookup, claim: &ClaimId) -> String {
    lookup.document_of(claim).map_or_else(String::new, |d| {
        format!(" <span class=\"note\">in {}</span>", esc(&d.title))
    })
}

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 340.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// The chart as SVG, from the same geometry the Figures view draws.
pub fn svg(out: &mut String, chart: &Chart) {
    let (x0, x1) = x_domain(chart);
    let (y0, y1) = chart.y_range;
    let sx = |x: f64| LEFT + (x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
    let sy = |y: f64| HEIGHT - BOTTOM - (y - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
    let legend_rows = chart.series.len().div_ceil(2);
    let height = HEIGHT + 18.0 * legend_rows as f64 + 8.0;
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{}\" font-family=\"system-ui,sans-serif\" font-size=\"11\">",
        esc(&chart.title)
    );
    // The undated strip, the band, the grid.
    if let Some((left, right)) = chart.undated {
        let _ = writeln!(
            out,
            "<rect x=\"{:.1}\" y=\"{TOP}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#f0f0f0\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#666\">undated</text>",
            sx(left),
            sx(right) - sx(left),
            HEIGHT - TOP - BOTTOM,
            (sx(left) + sx(right)) / 2.0,
            HEIGHT - BOTTOM + 14.0
        );
    }
    if let Band::Agreed { low, high } = chart.band {
        let top = sy(high.unwrap_or(y1).min(y1));
        let bottom = sy(low.unwrap_or(y0).max(y0));
        let _ = writeln!(
            out,
            "<rect x=\"{LEFT}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#2ca02c\" fill-opacity=\"0.12\"><title>{}</title></rect>",
            WIDTH - LEFT - RIGHT,
            (bottom - top).max(1.5),
            esc(&chart.band.describe(&chart.unit))
        );
    }
    for tick in ticks(y0, y1, 6) {
        let y = sy(tick);
        let _ = writeln!(
            out,
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e5e5e5\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#444\">{}</text>",
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            number(tick)
        );
    }
    if let Some((first, last)) = chart.days {
        let every = ((last - first) / 8.0).ceil().max(1.0);
        let mut day = first;
        while day <= last + 0.01 {
            let x = sx(day);
            let _ = writeln!(
                out,
                "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{TOP}\" y2=\"{:.1}\" stroke=\"#eee\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#444\">{}</text>",
                HEIGHT - BOTTOM,
                HEIGHT - BOTTOM + 14.0,
                day_label(day)
            );
            day += every;
        }
    }
    let _ = writeln!(
        out,
        "<text x=\"12\" y=\"{:.1}\" transform=\"rotate(-90 12 {:.1})\" text-anchor=\"middle\" fill=\"#444\">{}</text>",
        (TOP + HEIGHT - BOTTOM) / 2.0,
        (TOP + HEIGHT - BOTTOM) / 2.0,
        esc(if chart.unit.is_empty() {
            "value"
        } else {
            &chart.unit
        })
    );
    let [wr, wg, wb] = WARNING;
    for (pair, revision) in &chart.steps {
        let (a, b) = (&chart.figures[pair.from], &chart.figures[pair.to]);
        let color = if *revision {
            format!("rgb({wr},{wg},{wb})")
        } else {
            "#888".into()
        };
        let _ = writeln!(
            out,
            "<path d=\"M{:.1} {:.1}H{:.1}V{:.1}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.2\"/>",
            sx(a.x),
            sy(a.y),
            sx(b.x),
            sy(b.y)
        );
    }
    for pair in &chart.conflicts {
        let (a, b) = (&chart.figures[pair.from], &chart.figures[pair.to]);
        let _ = writeln!(
            out,
            "<line class=\"conflict\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"rgb({wr},{wg},{wb})\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>",
            sx(a.x),
            sy(a.y),
            sx(b.x),
            sy(b.y)
        );
    }
    for figure in &chart.figures {
        let series = &chart.series[figure.series];
        let [r, g, b] = series.color;
        let color = format!("rgb({r},{g},{b})");
        let x = sx(figure.x);
        let _ = write!(
            out,
            "<g class=\"figure\" data-claim=\"{}\"><title>",
            esc(figure.claim.as_str())
        );
        tooltip(out, figure, series);
        out.push_str("</title>");
        if !figure.point {
            let _ = write!(
                out,
                "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-width=\"3\" stroke-opacity=\"0.75\"/>",
                sy(figure.low),
                sy(figure.high)
            );
        }
        if figure.up {
            let y = sy(figure.high);
            let _ = write!(
                out,
                "<path d=\"M{:.1} {:.1}L{x:.1} {:.1}L{:.1} {:.1}Z\" fill=\"{color}\"/>",
                x - 5.0,
                y + 7.0,
                y - 1.0,
                x + 5.0,
                y + 7.0
            );
        }
        if figure.down {
            let y = sy(figure.low);
            let _ = write!(
                out,
                "<path d=\"M{:.1} {:.1}L{x:.1} {:.1}L{:.1} {:.1}Z\" fill=\"{color}\"/>",
                x - 5.0,
                y - 7.0,
                y + 1.0,
                x + 5.0,
                y - 7.0
            );
        }
        let y = sy(figure.y);
        if figure.dated == Dated::Published {
            let _ = write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5.5\" fill=\"#fff\" stroke=\"{color}\" stroke-width=\"2\"/><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2.5\" fill=\"{color}\" fill-opacity=\"{:.2}\"/>",
                figure.fill
            );
        } else {
            let _ = write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5.5\" fill=\"{color}\" fill-opacity=\"{:.2}\" stroke=\"{color}\" stroke-width=\"1.5\"/>",
                figure.fill
            );
        }
        out.push_str("</g>\n");
    }
    for (n, series) in chart.series.iter().enumerate() {
        let [r, g, b] = series.color;
        let x = LEFT + (n % 2) as f64 * 340.0;
        let y = HEIGHT + 6.0 + (n / 2) as f64 * 18.0;
        let _ = writeln!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"rgb({r},{g},{b})\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#222\">{}</text>",
            x + 9.0,
            y + 4.0,
            esc(&shortened(&series.label(), 52))
        );
    }
    out.push_str("</svg>\n");
}

/// What a marker says when pointed at: the view's hover says the same.
pub fn tooltip_text(figure: &crate::figures::Figure, series: &crate::figures::Series) -> String {
    let mut text = format!("“{}”\n{} — {}", figure.quote, figure.value, series.label());
    if !figure.claimant.is_empty() {
        let _ = write!(text, "\nclaimant: {}", figure.claimant);
    }
    let date = match (figure.date, figure.dated) {
        (Some(date), Dated::AsOf) => date.to_string(),
        (Some(date), _) => format!("{date} (the article's date)"),
        (None, _) => "undated".into(),
    };
    let _ = write!(
        text,
        "\ndate: {date}\ncredibility: {}\nverdict: {}",
        figure.credibility, figure.verdict
    );
    text
}

fn tooltip(out: &mut String, figure: &crate::figures::Figure, series: &crate::figures::Series) {
    out.push_str(&esc(&tooltip_text(figure, series)));
}

/// The x axis' ends: the undated strip and every date, with room around.
fn x_domain(chart: &Chart) -> (f64, f64) {
    let (mut low, mut high) = match chart.days {
        Some((first, last)) => (first - 0.6, last + 0.6),
        None => (f64::INFINITY, f64::NEG_INFINITY),
    };
    if let Some((left, right)) = chart.undated {
        low = low.min(left - 0.2);
        high = high.max(right + 0.2);
    }
    if !low.is_finite() || !high.is_finite() || high - low < 1.0 {
        let middle = if low.is_finite() {
            (low + high) / 2.0
        } else {
            0.0
        };
        return (middle - 1.0, middle + 1.0);
    }
    (low, high)
}

/// About `count` round values between `low` and `high` (1, 2 or 5 × 10^k apart).
fn ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    let span = high - low;
    if !(span.is_finite() && span > 0.0) {
        return Vec::new();
    }
    let raw = span / count as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(raw);
    let mut tick = (low / step).ceil() * step;
    let mut ticks = Vec::new();
    while tick <= high && ticks.len() < 50 {
        ticks.push(tick);
        tick += step;
    }
    ticks
}

fn open_findings(out: &mut String, lookup: &Lookup, findings: &[Finding]) {
    let open: Vec<&Finding> = findings.iter().filter(|f| f.is_open()).collect();
    let _ = writeln!(
        out,
        "<section id=\"findings\"><h2>Open findings ({})</h2>",
        open.len()
    );
    if open.is_empty() {
        out.push_str("<p>The checker finds nothing open.</p>\n");
    }
    for finding in open {
        let class = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let _ = write!(
            out,
            "<div class=\"finding {class}\"><strong>{}</strong> <span class=\"note\">{}</span><br>{}",
            finding.severity.name(),
            finding.rule.id(),
            esc(&finding.message)
        );
        let quotes: Vec<String> = finding
            .claims
            .iter()
            .filter_map(|id| lookup.claims.get(id))
            .map(|c| {
                let outlet = lookup
                    .documents
                    .get(&c.document)
                    .and_then(|d| lookup.sources.get(&d.source))
                    .map_or("?", |s| s.name.as_str());
                format!(
                    "<li><q>{}</q> <span class=\"note\">({})</span></li>",
                    esc(&c.quote),
                    esc(outlet)
                )
            })
            .collect();
        if !quotes.is_empty() {
            let _ = write!(out, "<ul>{}</ul>", quotes.join(""));
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

fn sources(out: &mut String, project: &Project) {
    out.push_str("<section id=\"sources\"><h2>Sources</h2><table><thead><tr><th>Source</th><th>Kind</th><th>Reliability</th><th>Latest credibility note</th></tr></thead><tbody>\n");
    for source in &project.sources {
        let note = source.notes.last().map_or_else(String::new, |n| {
            format!("{} ({}, {})", esc(&n.text), esc(&n.author), n.date)
        });
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{} — {}</td><td>{note}</td></tr>",
            esc(&source.name),
            source.kind.name(),
            source.reliability.letter(),
            esc(source.reliability.name())
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn dismissed(out: &mut String, findings: &[Finding]) {
    let dismissed: Vec<&Finding> = findings.iter().filter(|f| !f.is_open()).collect();
    let _ = writeln!(
        out,
        "<section id=\"dismissed\"><h2>Dismissed findings ({})</h2>",
        dismissed.len()
    );
    if dismissed.is_empty() {
        out.push_str("<p>None.</p>\n");
    }
    for finding in dismissed {
        let Some(dismissal) = &finding.dismissed else {
            continue;
        };
        let _ = writeln!(
            out,
            "<div class=\"finding\">{}<br><span class=\"note\">Dismissed by {} on {}: {}</span></div>",
            esc(&finding.message),
            esc(&dismissal.author),
            dismissal.date,
            esc(&dismissal.reason)
        );
    }
    out.push_str("</section>\n");
}

/// `text` cut to `chars` characters, with an ellipsis when cut.
fn shortened(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(chars - 1).collect();
    cut.push('…');
    cut
}

/// Text for HTML, in an element or a quoted attribute.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(
            ticks(0.0, 30.0, 6),
            [0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0]
        );
        assert!(ticks(0.0, 0.0, 6).is_empty());
        assert!(ticks(0.0, f64::NAN, 6).is_empty());
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>\u{7}"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn an_empty_project_has_a_brief_too() {
        let project = Project::new("Empty");
        let html = brief(&project, &[], &BriefOptions::default()).unwrap();
        assert!(html.contains("No figures to show"));
        assert!(html.ends_with("</html>\n"));
    }

    #[test]
    fn an_unknown_topic_is_an_error() {
        let project = crate::sample_project();
        let options = BriefOptions {
            topics: vec!["no such thing".into()],
            ..BriefOptions::default()
        };
        assert!(matches!(
            brief(&project, &[], &options),
            Err(BriefError::NoSuchTopic(_))
        ));
    }
}
