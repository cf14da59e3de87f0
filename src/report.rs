//! `vanban report`: one self-contained HTML page (inline SVG charts, no script, no
//! external file) drawn from the tables a build wrote: top agencies by tasks split by
//! role, documents per year by issuer, deadlines by month, the usual lead × support pairs.

use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::path::Path;

/// Series colours: lead, support, others; then the issuers' palette.
const LEAD: &str = "#1f5fa8";
const SUPPORT: &str = "#f0a030";
const OTHER: &str = "#b8c2cc";
const PALETTE: [&str; 7] = [
    "#1f5fa8", "#d9534f", "#2e9e6a", "#f0a030", "#7a4fb0", "#2aa3b8", "#b8c2cc",
];

/// Read table `name` of a build folder: Parquet when present, else CSV.
fn load(dir: &Path, name: &str) -> Result<DataFrame, String> {
    let pq = dir.join(format!("{name}.parquet"));
    if pq.exists() {
        return crate::dataset::read_parquet(&pq);
    }
    let csv = dir.join(format!("{name}.csv"));
    if csv.exists() {
        return CsvReadOptions::default()
            .with_has_header(true)
            .try_into_reader_with_file_path(Some(csv.clone()))
            .and_then(|r| r.finish())
            .map_err(|e| format!("{}: {e}", csv.display()));
    }
    Err(format!(
        "{} has no {name}.parquet or {name}.csv: run `vanban build PATH --out {}` first",
        dir.display(),
        dir.display()
    ))
}

fn strings(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>, String> {
    let c = df
        .column(name)
        .and_then(|c| c.cast(&DataType::String))
        .map_err(|e| format!("column {name}: {e}"))?;
    let c = c.str().map_err(|e| e.to_string())?;
    Ok(c.iter().map(|x| x.map(String::from)).collect())
}

fn numbers(df: &DataFrame, name: &str) -> Result<Vec<Option<i64>>, String> {
    let c = df
        .column(name)
        .and_then(|c| c.cast(&DataType::Int64))
        .map_err(|e| format!("column {name}: {e}"))?;
    let c = c.i64().map_err(|e| e.to_string())?;
    Ok(c.iter().collect())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Shorten a label to `n` characters (graphemes are not split: the text is NFC).
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

/// A round axis maximum and step for values up to `max`.
fn axis(max: f64) -> (f64, f64) {
    let max = max.max(1.0);
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
        .max(1.0);
    ((max / step).ceil() * step, step)
}

fn legend(series: &[(&str, &str)]) -> String {
    let mut s = String::from("<div class=\"legend\">");
    for (name, colour) in series {
        let _ = write!(
            s,
            "<span><i style=\"background:{colour}\"></i>{}</span>",
            esc(name)
        );
    }
    s + "</div>"
}

/// Horizontal stacked bars: one row per label, one segment per series.
fn hbars(rows: &[(String, Vec<f64>)], colours: &[&str]) -> String {
    let (label_w, bar_w, row_h) = (330.0, 560.0, 26.0);
    let total = |v: &[f64]| v.iter().sum::<f64>();
    let max = rows.iter().map(|r| total(&r.1)).fold(0.0, f64::max);
    let (top, step) = axis(max);
    let h = 30.0 + row_h * rows.len() as f64;
    let w = label_w + bar_w + 60.0;
    let mut s = format!(
        "<svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let mut t = 0.0;
    while t <= top + 1e-9 {
        let x = label_w + bar_w * t / top;
        let _ = write!(
            s,
            "<line x1=\"{x:.1}\" y1=\"4\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"grid\"/><text x=\"{x:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"middle\">{t}</text>",
            h - 22.0,
            h - 6.0
        );
        t += step;
    }
    for (i, (label, values)) in rows.iter().enumerate() {
        let y = 6.0 + row_h * i as f64;
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"label\" text-anchor=\"end\"><title>{}</title>{}</text>",
            label_w - 8.0,
            y + row_h * 0.62,
            esc(label),
            esc(&clip(label, 46))
        );
        let mut x = label_w;
        for (v, colour) in values.iter().zip(colours) {
            let bw = bar_w * v / top;
            if bw > 0.0 {
                let _ = write!(
                    s,
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>",
                    row_h - 8.0
                );
            }
            x += bw;
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{}</text>",
            x + 5.0,
            y + row_h * 0.62,
            total(values)
        );
    }
    s + "</svg>"
}

/// Vertical stacked bars over categories (years, months); `tick` says which categories
/// get a label under the axis.
fn vbars(
    categories: &[String],
    values: &[Vec<f64>],
    colours: &[&str],
    tick: impl Fn(usize, &str) -> Option<String>,
) -> String {
    let (left, plot_w, plot_h) = (50.0, 840.0, 260.0);
    let max = values
        .iter()
        .map(|v| v.iter().sum::<f64>())
        .fold(0.0, f64::max);
    let (top, step) = axis(max);
    let n = categories.len().max(1) as f64;
    let slot = plot_w / n;
    let bar = (slot * 0.8).max(1.0);
    let (w, h) = (left + plot_w + 10.0, plot_h + 40.0);
    let mut s = format!(
        "<svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let mut t = 0.0;
    while t <= top + 1e-9 {
        let y = 10.0 + plot_h - plot_h * t / top;
        let _ = write!(
            s,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"grid\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"end\">{t}</text>",
            left + plot_w,
            left - 6.0,
            y + 4.0
        );
        t += step;
    }
    for (i, (cat, vals)) in categories.iter().zip(values).enumerate() {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = 10.0 + plot_h;
        let sum: f64 = vals.iter().sum();
        let _ = write!(s, "<g><title>{}: {sum}</title>", esc(cat));
        for (v, colour) in vals.iter().zip(colours) {
            let bh = plot_h * v / top;
            if bh > 0.0 {
                y -= bh;
                let _ = write!(
                    s,
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\" fill=\"{colour}\"/>"
                );
            }
        }
        s += "</g>";
        if let Some(label) = tick(i, cat) {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"middle\">{}</text>",
                x + bar / 2.0,
                plot_h + 28.0,
                esc(&label)
            );
        }
    }
    s + "</svg>"
}

/// The figures a report shows, read from a build folder.
struct Figures {
    documents: usize,
    ok: usize,
    partial: usize,
    failed: usize,
    directives: i64,
    assignments: usize,
    agencies: usize,
    years: Option<(i64, i64)>,
    /// (agency, [lead, support, other roles]) by total, largest first.
    agencies_by_role: Vec<(String, [f64; 3])>,
    /// Generic groups ("các sở, ngành liên quan") left out of the agency chart.
    generic_left_out: usize,
    /// year → issuer → documents.
    per_year: BTreeMap<i64, HashMap<String, f64>>,
    issuers_by_size: Vec<String>,
    /// ("YYYY-MM", directives) for every month with a deadline.
    deadlines: Vec<(String, f64)>,
    pairs: Vec<(String, String, i64)>,
}

fn figures(dir: &Path) -> Result<Figures, String> {
    let docs = load(dir, "documents")?;
    let status = strings(&docs, "status")?;
    let count = |s: &str| status.iter().filter(|x| x.as_deref() == Some(s)).count();
    let years: Vec<i64> = numbers(&docs, "year")?.into_iter().flatten().collect();
    // Files with the same bytes share a doc_id and their directives: count them once.
    let mut seen = std::collections::HashSet::new();
    let directives = strings(&docs, "doc_id")?
        .into_iter()
        .zip(numbers(&docs, "directives")?)
        .filter(|(id, _)| seen.insert(id.clone()))
        .filter_map(|(_, n)| n)
        .sum();
    let assignments = load(dir, "assignments")?.height();

    let workload = load(dir, "agency_workload")?;
    let mut by_agency: HashMap<String, [f64; 3]> = HashMap::new();
    for ((a, r), n) in strings(&workload, "canonical")?
        .into_iter()
        .zip(strings(&workload, "role")?)
        .zip(numbers(&workload, "directives")?)
    {
        let (Some(a), Some(r), Some(n)) = (a, r, n) else {
            continue;
        };
        let slot = match r.as_str() {
            "lead" => 0,
            "support" => 1,
            _ => 2,
        };
        by_agency.entry(a).or_default()[slot] += n as f64;
    }
    let agencies = by_agency.len();
    // A named body has a capitalised word after its head ("Sở Tài chính", "Bộ Y tế",
    // "Ủy ban nhân dân tỉnh Lào Cai"); the rest are collectives and generic terms of
    // legal texts ("các sở, ngành liên quan", "Công ty", "Ủy ban nhân dân cấp tỉnh").
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let generic = |a: &str| !capital(a) || !a.split_whitespace().skip(1).any(capital);
    let generic_left_out = by_agency.keys().filter(|a| generic(a)).count();
    let mut agencies_by_role: Vec<(String, [f64; 3])> =
        by_agency.into_iter().filter(|(a, _)| !generic(a)).collect();
    agencies_by_role.sort_by(|a, b| {
        let t = |v: &[f64; 3]| v[0] + v[1] + v[2];
        t(&b.1).total_cmp(&t(&a.1)).then(a.0.cmp(&b.0))
    });
    agencies_by_role.truncate(20);

    let summary = load(dir, "issuer_summary")?;
    let mut per_year: BTreeMap<i64, HashMap<String, f64>> = BTreeMap::new();
    let mut issuer_total: HashMap<String, f64> = HashMap::new();
    for ((i, y), n) in strings(&summary, "issuer")?
        .into_iter()
        .zip(numbers(&summary, "year")?)
        .zip(numbers(&summary, "documents")?)
    {
        let (Some(y), Some(n)) = (y, n) else { continue };
        let issuer = i.unwrap_or_else(|| "(no issuer read)".into());
        *per_year
            .entry(y)
            .or_default()
            .entry(issuer.clone())
            .or_default() += n as f64;
        *issuer_total.entry(issuer).or_default() += n as f64;
    }
    let mut issuers_by_size: Vec<(String, f64)> = issuer_total.into_iter().collect();
    issuers_by_size.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

    let cal = load(dir, "deadline_calendar")?;
    let deadlines = strings(&cal, "month")?
        .into_iter()
        .zip(numbers(&cal, "directives")?)
        .filter_map(|(m, n)| Some((m?.get(..7)?.to_string(), n? as f64)))
        .collect();

    let p = load(dir, "agency_pairs")?;
    let pairs = strings(&p, "lead")?
        .into_iter()
        .zip(strings(&p, "support")?)
        .zip(numbers(&p, "directives")?)
        .filter_map(|((l, s), n)| Some((l?, s?, n?)))
        .take(12)
        .collect();

    Ok(Figures {
        documents: docs.height(),
        ok: count("ok"),
        partial: count("partial"),
        failed: count("failed"),
        directives,
        assignments,
        agencies,
        years: years
            .iter()
            .min()
            .zip(years.iter().max())
            .map(|(a, b)| (*a, *b)),
        agencies_by_role,
        generic_left_out,
        per_year,
        issuers_by_size: issuers_by_size.into_iter().map(|x| x.0).collect(),
        deadlines,
        pairs,
    })
}

/// Months from the first to the last of `months` ("YYYY-MM"), with their values (0 where
/// none), so that the calendar's axis is even.
fn month_range(months: &[(String, f64)]) -> Vec<(String, f64)> {
    let parse = |m: &str| -> Option<i64> {
        Some(m.get(..4)?.parse::<i64>().ok()? * 12 + m.get(5..7)?.parse::<i64>().ok()? - 1)
    };
    let known: HashMap<i64, f64> = months
        .iter()
        .filter_map(|(m, v)| Some((parse(m)?, *v)))
        .collect();
    let (Some(lo), Some(hi)) = (known.keys().min(), known.keys().max()) else {
        return Vec::new();
    };
    (*lo..=*hi)
        .map(|k| {
            (
                format!("{:04}-{:02}", k / 12, k % 12 + 1),
                known.get(&k).copied().unwrap_or(0.0),
            )
        })
        .collect()
}

/// The `width` consecutive months holding the most deadlines (all of them when fewer):
/// a few far-off or misread dates must not flatten the chart.
fn densest_window(months: &[(String, f64)], width: usize) -> Vec<(String, f64)> {
    if months.len() <= width {
        return months.to_vec();
    }
    let sums: Vec<f64> = months
        .windows(width)
        .map(|w| w.iter().map(|m| m.1).sum())
        .collect();
    let mut best = 0;
    for (i, v) in sums.iter().enumerate() {
        if *v > sums[best] {
            best = i;
        }
    }
    months[best..best + width].to_vec()
}

const STYLE: &str = "
body{font-family:'Segoe UI',Roboto,'Noto Sans','Helvetica Neue',Arial,sans-serif;margin:32px auto;max-width:980px;color:#1d2733;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:36px 0 6px;border-bottom:2px solid #e3e8ee;padding-bottom:4px}
p.sub{color:#5b6b7b;margin:0 0 18px}p.note{color:#5b6b7b;font-size:13px;margin:4px 0}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{flex:1;min-width:130px;border:1px solid #e3e8ee;border-radius:8px;padding:10px 14px}
.card b{display:block;font-size:24px;color:#1f5fa8}.card span{color:#5b6b7b;font-size:13px}
svg{display:block;max-width:100%;height:auto}svg text{font-size:12px;fill:#1d2733}svg .tick{fill:#5b6b7b;font-size:11px}
svg .grid{stroke:#e3e8ee}svg .value{font-size:11px;fill:#5b6b7b}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px;margin:6px 0}.legend span{white-space:nowrap}.legend i{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-1px}
table{border-collapse:collapse;font-size:13px;width:100%}td,th{border-bottom:1px solid #e3e8ee;padding:4px 8px;text-align:left}td.n{text-align:right}
footer{margin-top:36px;color:#8a97a5;font-size:12px}
";

/// The HTML page for the build folder `dir`.
pub fn html(dir: &Path) -> Result<String, String> {
    let f = figures(dir)?;
    let mut s = String::new();
    let years = f
        .years
        .map(|(a, b)| {
            if a == b {
                format!("{a}")
            } else {
                format!("{a}–{b}")
            }
        })
        .unwrap_or_else(|| "—".into());
    let _ = write!(
        s,
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>vanban — tasks in {n} documents</title><style>{STYLE}</style></head><body>",
        n = f.documents
    );
    let _ = write!(
        s,
        "<h1>Tasks assigned in {} documents</h1><p class=\"sub\">Built by vanban from <code>{}</code> · documents dated {years}</p>",
        f.documents,
        esc(&dir.display().to_string())
    );
    let card =
        |v: String, what: &str| format!("<div class=\"card\"><b>{v}</b><span>{what}</span></div>");
    s += "<div class=\"cards\">";
    s += &card(f.documents.to_string(), "documents");
    s += &card(f.directives.to_string(), "directives (tasks) found");
    s += &card(f.assignments.to_string(), "agency assignments");
    s += &card(f.agencies.to_string(), "distinct agencies");
    s += &card(
        format!("{} / {} / {}", f.ok, f.partial, f.failed),
        "parsed ok / partial / failed",
    );
    s += "</div>";

    s += "<h2>Agencies with the most tasks</h2>";
    if f.agencies_by_role.is_empty() {
        s += "<p class=\"note\">No agency was named in a directive.</p>";
    } else {
        s += &legend(&[
            ("lead (chủ trì)", LEAD),
            ("support (phối hợp)", SUPPORT),
            ("supervises, reports to, addressed", OTHER),
        ]);
        let rows: Vec<(String, Vec<f64>)> = f
            .agencies_by_role
            .iter()
            .map(|(a, v)| (a.clone(), v.to_vec()))
            .collect();
        s += &hbars(&rows, &[LEAD, SUPPORT, OTHER]);
        let _ = write!(
            s,
            "<p class=\"note\">Directives naming each agency, top {} named bodies; {} collective or generic names (“các sở, ngành liên quan”, “Ủy ban nhân dân cấp tỉnh”, “Công ty”) are left out.</p>",
            rows.len(),
            f.generic_left_out
        );
    }

    s += "<h2>Documents per year, by issuer</h2>";
    if f.per_year.is_empty() {
        s += "<p class=\"note\">No document has a date.</p>";
    } else {
        let top: Vec<&String> = f.issuers_by_size.iter().take(6).collect();
        let mut series: Vec<(&str, &str)> = top
            .iter()
            .zip(PALETTE)
            .map(|(i, c)| (i.as_str(), c))
            .collect();
        let others = f.issuers_by_size.len() > top.len();
        if others {
            series.push(("other issuers", PALETTE[6]));
        }
        let (lo, hi) = (
            *f.per_year.keys().next().unwrap_or(&0),
            *f.per_year.keys().last().unwrap_or(&0),
        );
        let cats: Vec<String> = (lo..=hi).map(|y| y.to_string()).collect();
        let values: Vec<Vec<f64>> = (lo..=hi)
            .map(|y| {
                let m = f.per_year.get(&y);
                let mut v: Vec<f64> = top
                    .iter()
                    .map(|i| m.and_then(|m| m.get(*i)).copied().unwrap_or(0.0))
                    .collect();
                if others {
                    let all: f64 = m.map(|m| m.values().sum()).unwrap_or(0.0);
                    v.push(all - v.iter().sum::<f64>());
                }
                v
            })
            .collect();
        s += &legend(&series);
        let colours: Vec<&str> = series.iter().map(|x| x.1).collect();
        let every = cats.len().div_ceil(16).max(1);
        s += &vbars(&cats, &values, &colours, |i, c| {
            i.is_multiple_of(every).then(|| c.to_string())
        });
    }

    s += "<h2>Deadlines by month</h2>";
    let all = month_range(&f.deadlines);
    let months = densest_window(&all, 60);
    if months.is_empty() {
        s += "<p class=\"note\">No directive has a dated deadline.</p>";
    } else {
        let cats: Vec<String> = months.iter().map(|m| m.0.clone()).collect();
        let values: Vec<Vec<f64>> = months.iter().map(|m| vec![m.1]).collect();
        let years = cats.len() / 12 + 1;
        let every_year = years.div_ceil(14).max(1);
        s += &vbars(&cats, &values, &[LEAD], |_, c| {
            if cats.len() <= 24 {
                return Some(c.to_string());
            }
            let y: usize = c.get(..4)?.parse().ok()?;
            (c.ends_with("-01") && y.is_multiple_of(every_year)).then(|| c[..4].to_string())
        });
        let shown: f64 = months.iter().map(|m| m.1).sum();
        let total: f64 = all.iter().map(|m| m.1).sum();
        let _ = write!(
            s,
            "<p class=\"note\">{shown} directives fall due in {} – {}, counted in the month their period ends (“trước ngày 30/6” in June, “trong quý III” in September){}.</p>",
            months[0].0,
            months[months.len() - 1].0,
            if total > shown {
                format!(
                    "; {} more fall due outside these {} months",
                    total - shown,
                    months.len()
                )
            } else {
                String::new()
            }
        );
    }

    if !f.pairs.is_empty() {
        s += "<h2>Who works with whom: lead × support</h2><table><tr><th>lead (chủ trì)</th><th>support (phối hợp)</th><th>directives</th></tr>";
        for (l, sp, n) in &f.pairs {
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{n}</td></tr>",
                esc(l),
                esc(sp)
            );
        }
        s += "</table>";
    }
    let _ = writeln!(
        s,
        "<footer>vanban {} · figures from the tables in this folder (agency_workload, issuer_summary, deadline_calendar, agency_pairs)</footer></body></html>",
        env!("CARGO_PKG_VERSION")
    );
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round() {
        assert_eq!(axis(7.0), (8.0, 2.0));
        assert_eq!(axis(0.0), (1.0, 1.0));
        assert_eq!(axis(430.0), (500.0, 100.0));
    }

    #[test]
    fn months_are_filled_in() {
        let m = month_range(&[("2021-11".into(), 2.0), ("2022-02".into(), 1.0)]);
        let names: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["2021-11", "2021-12", "2022-01", "2022-02"]);
        assert_eq!(m[1].1, 0.0);
    }

    #[test]
    fn the_densest_months_are_shown() {
        let m: Vec<(String, f64)> = (1..=12)
            .map(|i| (format!("2020-{i:02}"), if i >= 9 { 5.0 } else { 1.0 }))
            .collect();
        let w = densest_window(&m, 4);
        assert_eq!(w[0].0, "2020-09");
        assert_eq!(w.len(), 4);
        assert_eq!(densest_window(&m, 20).len(), 12);
    }

    #[test]
    fn labels_are_escaped_and_clipped() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(clip("Sở Công Thương", 5), "Sở C…");
    }
}
