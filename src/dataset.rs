//! Datasets: document trees → rows → polars DataFrames → Parquet and CSV tables, and the
//! corpus-wide aggregates.
//!
//! A batch keeps rows, never texts: each document is parsed, turned into its rows and
//! dropped, so memory grows with the number of rows, not with the corpus. Every input
//! file gets exactly one `documents` row, whatever happened to it. Each table is written
//! to a temporary name and renamed, so an interrupted run leaves no half-written file.

use crate::tree::{Document, Node, NodeKind, Severity};
use polars::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Rows of every table, column by column.
#[derive(Debug, Default, Clone)]
pub struct Rows {
    documents: Documents,
    sections: Sections,
    directives: Directives,
    assignments: Assignments,
    recipients: Recipients,
    diagnostics: Diagnostics,
}

#[derive(Debug, Default, Clone)]
struct Documents {
    doc_id: Vec<String>,
    file: Vec<String>,
    status: Vec<String>,
    source: Vec<String>,
    dialect: Vec<Option<String>>,
    issuer: Vec<Option<String>>,
    issuer_parent: Vec<Option<String>>,
    reference: Vec<Option<String>>,
    number: Vec<Option<String>>,
    type_code: Vec<Option<String>>,
    issuer_code: Vec<Option<String>>,
    doc_type: Vec<Option<String>>,
    place: Vec<Option<String>>,
    date: Vec<Option<i32>>,
    year: Vec<Option<i32>>,
    title: Vec<Option<String>>,
    subject: Vec<Option<String>>,
    authority: Vec<Option<String>>,
    signer_title: Vec<Option<String>>,
    signer: Vec<Option<String>>,
    directives: Vec<u32>,
    recipients: Vec<u32>,
    errors: Vec<u32>,
    bytes: Vec<u64>,
    lines: Vec<u32>,
}

#[derive(Debug, Default, Clone)]
struct Sections {
    doc_id: Vec<String>,
    line: Vec<u32>,
    depth: Vec<u32>,
    marker: Vec<Option<String>>,
    heading: Vec<String>,
}

#[derive(Debug, Default, Clone)]
struct Directives {
    doc_id: Vec<String>,
    directive_id: Vec<String>,
    line: Vec<u32>,
    kind: Vec<String>,
    marker: Vec<Option<String>>,
    text: Vec<String>,
    action: Vec<Option<String>>,
    urgent: Vec<bool>,
    deadline_kind: Vec<Option<String>>,
    deadline_raw: Vec<Option<String>>,
    deadline_start: Vec<Option<i32>>,
    deadline_end: Vec<Option<i32>>,
    deadline_period: Vec<Option<String>>,
    date: Vec<Option<i32>>,
    issuer: Vec<Option<String>>,
}

#[derive(Debug, Default, Clone)]
struct Assignments {
    doc_id: Vec<String>,
    directive_id: Vec<String>,
    line: Vec<u32>,
    agency: Vec<String>,
    canonical: Vec<String>,
    role: Vec<String>,
    explicit: Vec<bool>,
    date: Vec<Option<i32>>,
    issuer: Vec<Option<String>>,
    doc_type: Vec<Option<String>>,
}

#[derive(Debug, Default, Clone)]
struct Recipients {
    doc_id: Vec<String>,
    position: Vec<u32>,
    line: Vec<u32>,
    text: Vec<String>,
    archive: Vec<bool>,
}

#[derive(Debug, Default, Clone)]
struct Diagnostics {
    doc_id: Vec<String>,
    file: Vec<String>,
    line: Vec<u32>,
    column: Vec<u32>,
    severity: Vec<String>,
    message: Vec<String>,
}

/// Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`), the representation of a Date.
pub fn epoch_days(iso: &str) -> Option<i32> {
    let mut it = iso.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (it.next()??, it.next()??, it.next()??);
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

/// A stable identifier of a document: FNV-1a of its bytes, as 16 hex digits. The same
/// file gives the same id on every run and machine, wherever it lies.
pub fn doc_id(bytes: &[u8]) -> String {
    format!("{:016x}", doc_key(bytes))
}

/// [`doc_id`] as a number (FNV-1a, 64 bits).
pub fn doc_key(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn json_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

impl Rows {
    /// The rows of one document.
    pub fn of(doc: &Document, doc_id: &str) -> Rows {
        let mut r = Rows::default();
        let h = &doc.header;
        let date = h.date.as_deref().and_then(epoch_days);
        let year = h
            .date
            .as_deref()
            .and_then(|d| d.get(..4)?.parse().ok())
            .or(h.symbol_year.map(i32::from));
        let mut n_directives = 0;
        fn walk<'a>(ns: &'a [Node], depth: u32, out: &mut Vec<(&'a Node, u32)>) {
            for n in ns {
                out.push((n, depth));
                walk(&n.children, depth + 1, out);
            }
        }
        let mut nodes = Vec::new();
        walk(&doc.body, 0, &mut nodes);
        for (n, depth) in nodes {
            let line = n.span.line as u32;
            if n.kind == NodeKind::Section {
                let s = &mut r.sections;
                s.doc_id.push(doc_id.to_string());
                s.line.push(line);
                s.depth.push(depth);
                s.marker.push(n.marker.clone());
                s.heading.push(n.text.clone());
            }
            let Some(d) = &n.directive else { continue };
            n_directives += 1;
            let directive_id = format!("{doc_id}:{line}");
            let t = &mut r.directives;
            t.doc_id.push(doc_id.to_string());
            t.directive_id.push(directive_id.clone());
            t.line.push(line);
            t.kind.push(n.kind.name().to_string());
            t.marker.push(n.marker.clone());
            t.text.push(n.text.clone());
            t.action.push(d.action.clone());
            t.urgent.push(d.urgent);
            let dl = d.deadline.as_ref();
            t.deadline_kind.push(dl.map(|x| json_name(&x.kind)));
            t.deadline_raw.push(dl.map(|x| x.raw.clone()));
            t.deadline_start
                .push(dl.and_then(|x| x.start.as_deref()).and_then(epoch_days));
            t.deadline_end
                .push(dl.and_then(|x| x.end.as_deref()).and_then(epoch_days));
            t.deadline_period.push(dl.and_then(|x| x.period.clone()));
            t.date.push(date);
            t.issuer.push(h.issuer.clone());
            for a in &d.assignments {
                let s = &mut r.assignments;
                s.doc_id.push(doc_id.to_string());
                s.directive_id.push(directive_id.clone());
                s.line.push(line);
                s.agency.push(a.agency.clone());
                s.canonical.push(a.canonical.clone());
                s.role.push(a.role.as_str().to_string());
                s.explicit.push(a.explicit);
                s.date.push(date);
                s.issuer.push(h.issuer.clone());
                s.doc_type.push(h.doc_type.clone());
            }
        }
        for (i, rc) in doc.recipients.iter().enumerate() {
            let s = &mut r.recipients;
            s.doc_id.push(doc_id.to_string());
            s.position.push(i as u32 + 1);
            s.line.push(rc.span.line as u32);
            s.text.push(rc.text.clone());
            s.archive.push(rc.archive);
        }
        for dg in &doc.diagnostics {
            let s = &mut r.diagnostics;
            s.doc_id.push(doc_id.to_string());
            s.file.push(doc.file.clone());
            s.line.push(dg.line as u32);
            s.column.push(dg.column as u32);
            s.severity.push(json_name(&dg.severity));
            s.message.push(dg.message.clone());
        }
        let sig = doc.signature.as_ref();
        let d = &mut r.documents;
        d.doc_id.push(doc_id.to_string());
        d.file.push(doc.file.clone());
        d.status.push(json_name(&doc.status));
        d.source.push(doc.source.clone());
        d.dialect.push(h.dialect.map(|x| json_name(&x)));
        d.issuer.push(h.issuer.clone());
        d.issuer_parent.push(h.issuer_parent.clone());
        d.reference.push(h.reference.clone());
        d.number.push(h.number.clone());
        d.type_code.push(h.type_code.clone());
        d.issuer_code.push(h.issuer_code.clone());
        d.doc_type.push(h.doc_type.clone());
        d.place.push(h.place.clone());
        d.date.push(date);
        d.year.push(year);
        d.title.push(h.title.clone());
        d.subject.push(h.subject.clone());
        d.authority.push(sig.and_then(|s| s.authority.clone()));
        d.signer_title.push(sig.and_then(|s| s.title.clone()));
        d.signer.push(sig.and_then(|s| s.signer.clone()));
        d.directives.push(n_directives);
        d.recipients.push(doc.recipients.len() as u32);
        d.errors.push(
            doc.diagnostics
                .iter()
                .filter(|x| x.severity == Severity::Error)
                .count() as u32,
        );
        d.bytes.push(doc.bytes as u64);
        d.lines.push(doc.lines as u32);
        r
    }

    /// Append another document's rows.
    pub fn extend(&mut self, other: Rows) {
        macro_rules! cat {
            ($t:ident: $($c:ident),*) => { $( self.$t.$c.extend(other.$t.$c); )* };
        }
        cat!(documents: doc_id, file, status, source, dialect, issuer, issuer_parent, reference, number,
            type_code, issuer_code, doc_type, place, date, year, title, subject, authority,
            signer_title, signer, directives, recipients, errors, bytes, lines);
        cat!(sections: doc_id, line, depth, marker, heading);
        cat!(directives: doc_id, directive_id, line, kind, marker, text, action, urgent,
            deadline_kind, deadline_raw, deadline_start, deadline_end, deadline_period, date, issuer);
        cat!(assignments: doc_id, directive_id, line, agency, canonical, role, explicit, date,
            issuer, doc_type);
        cat!(recipients: doc_id, position, line, text, archive);
        cat!(diagnostics: doc_id, file, line, column, severity, message);
    }

    pub fn documents(&self) -> usize {
        self.documents.doc_id.len()
    }

    /// The six row tables as DataFrames.
    pub fn tables(&self) -> PolarsResult<Tables> {
        let s = |name: &str, v: &[String]| Column::new(name.into(), v);
        let o = |name: &str, v: &[Option<String>]| Column::new(name.into(), v);
        let u = |name: &str, v: &[u32]| Column::new(name.into(), v);
        let b = |name: &str, v: &[bool]| Column::new(name.into(), v);
        let date =
            |name: &str, v: &[Option<i32>]| Column::new(name.into(), v).cast(&DataType::Date);
        let d = &self.documents;
        let documents = DataFrame::new_infer_height(vec![
            s("doc_id", &d.doc_id),
            s("file", &d.file),
            s("status", &d.status),
            s("source", &d.source),
            o("dialect", &d.dialect),
            o("issuer", &d.issuer),
            o("issuer_parent", &d.issuer_parent),
            o("reference", &d.reference),
            o("number", &d.number),
            o("type_code", &d.type_code),
            o("issuer_code", &d.issuer_code),
            o("doc_type", &d.doc_type),
            o("place", &d.place),
            date("date", &d.date)?,
            Column::new("year".into(), &d.year),
            o("title", &d.title),
            o("subject", &d.subject),
            o("authority", &d.authority),
            o("signer_title", &d.signer_title),
            o("signer", &d.signer),
            u("directives", &d.directives),
            u("recipients", &d.recipients),
            u("errors", &d.errors),
            Column::new("bytes".into(), &d.bytes),
            u("lines", &d.lines),
        ])?;
        let x = &self.sections;
        let sections = DataFrame::new_infer_height(vec![
            s("doc_id", &x.doc_id),
            u("line", &x.line),
            u("depth", &x.depth),
            o("marker", &x.marker),
            s("heading", &x.heading),
        ])?;
        let x = &self.directives;
        let directives = DataFrame::new_infer_height(vec![
            s("doc_id", &x.doc_id),
            s("directive_id", &x.directive_id),
            u("line", &x.line),
            s("kind", &x.kind),
            o("marker", &x.marker),
            s("text", &x.text),
            o("action", &x.action),
            b("urgent", &x.urgent),
            o("deadline_kind", &x.deadline_kind),
            o("deadline_raw", &x.deadline_raw),
            date("deadline_start", &x.deadline_start)?,
            date("deadline_end", &x.deadline_end)?,
            o("deadline_period", &x.deadline_period),
            date("date", &x.date)?,
            o("issuer", &x.issuer),
        ])?;
        let x = &self.assignments;
        let assignments = DataFrame::new_infer_height(vec![
            s("doc_id", &x.doc_id),
            s("directive_id", &x.directive_id),
            u("line", &x.line),
            s("agency", &x.agency),
            s("canonical", &x.canonical),
            s("role", &x.role),
            b("explicit", &x.explicit),
            date("date", &x.date)?,
            o("issuer", &x.issuer),
            o("doc_type", &x.doc_type),
        ])?;
        let x = &self.recipients;
        let recipients = DataFrame::new_infer_height(vec![
            s("doc_id", &x.doc_id),
            u("position", &x.position),
            u("line", &x.line),
            s("text", &x.text),
            b("archive", &x.archive),
        ])?;
        let x = &self.diagnostics;
        let diagnostics = DataFrame::new_infer_height(vec![
            s("doc_id", &x.doc_id),
            s("file", &x.file),
            u("line", &x.line),
            u("column", &x.column),
            s("severity", &x.severity),
            s("message", &x.message),
        ])?;
        Ok(Tables {
            documents,
            sections,
            directives,
            assignments,
            recipients,
            diagnostics,
        })
    }
}

/// The six row tables. `documents` has one row per document; the others refer to it by
/// `doc_id`.
#[derive(Debug, Clone)]
pub struct Tables {
    pub documents: DataFrame,
    pub sections: DataFrame,
    pub directives: DataFrame,
    pub assignments: DataFrame,
    pub recipients: DataFrame,
    pub diagnostics: DataFrame,
}

/// Names of the row tables, in the order they are written.
pub const TABLES: [&str; 6] = [
    "documents",
    "sections",
    "directives",
    "assignments",
    "recipients",
    "diagnostics",
];

impl Tables {
    /// Builds from frames given in the order of [`TABLES`].
    pub fn from_frames(v: Vec<DataFrame>) -> Option<Tables> {
        let [
            documents,
            sections,
            directives,
            assignments,
            recipients,
            diagnostics,
        ] = <[DataFrame; 6]>::try_from(v).ok()?;
        Some(Tables {
            documents,
            sections,
            directives,
            assignments,
            recipients,
            diagnostics,
        })
    }

    /// The tables with their names, in the order of [`TABLES`].
    pub fn named(&self) -> [(&'static str, &DataFrame); 6] {
        [
            ("documents", &self.documents),
            ("sections", &self.sections),
            ("directives", &self.directives),
            ("assignments", &self.assignments),
            ("recipients", &self.recipients),
            ("diagnostics", &self.diagnostics),
        ]
    }
}

/// How an aggregate is keyed, what it adds up, and how its rows are ordered.
struct AggregateSpec {
    name: &'static str,
    keys: &'static [&'static str],
    sums: &'static [&'static str],
    /// Columns combined with min and max (first and last dates).
    min: Option<&'static str>,
    max: Option<&'static str>,
    /// Sort columns; the first is descending when `count_first`.
    sort: &'static [&'static str],
    count_first: bool,
}

const AGGREGATES: [AggregateSpec; 5] = [
    AggregateSpec {
        name: "agency_workload",
        keys: &["canonical", "role"],
        sums: &["directives", "documents"],
        min: Some("first_date"),
        max: Some("last_date"),
        sort: &["directives", "canonical", "role"],
        count_first: true,
    },
    AggregateSpec {
        name: "agency_workload_by_year",
        keys: &["canonical", "role", "year"],
        sums: &["directives", "documents"],
        min: None,
        max: None,
        sort: &["canonical", "role", "year"],
        count_first: false,
    },
    AggregateSpec {
        name: "agency_pairs",
        keys: &["lead", "support"],
        sums: &["directives", "documents"],
        min: None,
        max: None,
        sort: &["directives", "lead", "support"],
        count_first: true,
    },
    AggregateSpec {
        name: "deadline_calendar",
        keys: &["month"],
        sums: &["directives", "documents"],
        min: None,
        max: None,
        sort: &["month"],
        count_first: false,
    },
    AggregateSpec {
        name: "issuer_summary",
        keys: &["issuer", "year", "doc_type"],
        sums: &["documents", "directives"],
        min: None,
        max: None,
        sort: &["issuer", "year", "doc_type"],
        count_first: false,
    },
];

impl AggregateSpec {
    fn sorted(&self, lf: LazyFrame) -> LazyFrame {
        let mut desc = vec![false; self.sort.len()];
        desc[0] = self.count_first;
        lf.sort_by_exprs(
            self.sort.iter().map(|c| col(*c)).collect::<Vec<_>>(),
            SortMultipleOptions::default()
                .with_order_descending_multi(desc)
                .with_nulls_last(true),
        )
    }
}

/// The corpus-wide aggregates, computed with polars' lazy API from `documents`,
/// `assignments` and the deadline columns of `directives` (doc_id, directive_id,
/// deadline_end).
pub fn aggregates(
    documents: &DataFrame,
    directives: &DataFrame,
    assignments: &DataFrame,
) -> PolarsResult<Vec<(&'static str, DataFrame)>> {
    let assignments = assignments.clone().lazy();
    let counts = || {
        [
            col("directive_id").n_unique().alias("directives"),
            col("doc_id").n_unique().alias("documents"),
        ]
    };
    let agency_workload = assignments
        .clone()
        .group_by([col("canonical"), col("role")])
        .agg(
            counts()
                .into_iter()
                .chain([
                    col("date").min().alias("first_date"),
                    col("date").max().alias("last_date"),
                ])
                .collect::<Vec<_>>(),
        );
    let agency_workload_by_year = assignments
        .clone()
        .with_column(col("date").dt().year().alias("year"))
        .group_by([col("canonical"), col("role"), col("year")])
        .agg(counts());
    // Lead × support: the agencies a directive names in these two roles.
    let role = |r: &str, name: &str| {
        assignments
            .clone()
            .filter(col("role").eq(lit(r)))
            .select([
                col("directive_id"),
                col("doc_id"),
                col("canonical").alias(name),
            ])
            .unique(None, UniqueKeepStrategy::First)
    };
    let agency_pairs = role("lead", "lead")
        .join(
            role("support", "support"),
            [col("directive_id"), col("doc_id")],
            [col("directive_id"), col("doc_id")],
            JoinArgs::new(JoinType::Inner),
        )
        .filter(col("lead").neq(col("support")))
        .group_by([col("lead"), col("support")])
        .agg(counts());
    // Deadlines by the month they fall due (the end of their period).
    let deadline_calendar = directives
        .clone()
        .lazy()
        .filter(col("deadline_end").is_not_null())
        .with_column(col("deadline_end").dt().truncate(lit("1mo")).alias("month"))
        .group_by([col("month")])
        .agg(counts());
    let issuer_summary = documents
        .clone()
        .lazy()
        .group_by([col("issuer"), col("year"), col("doc_type")])
        .agg([
            col("doc_id").n_unique().alias("documents"),
            col("directives").sum().alias("directives"),
        ]);
    let frames = [
        agency_workload,
        agency_workload_by_year,
        agency_pairs,
        deadline_calendar,
        issuer_summary,
    ];
    AGGREGATES
        .iter()
        .zip(frames)
        .map(|(spec, lf)| Ok((spec.name, spec.sorted(lf).collect()?)))
        .collect()
}

/// Add up aggregates computed over disjoint sets of documents (the parts of a build).
/// Exact: every count is of directives or documents, and each lies in one set only.
pub fn combine_aggregates(
    partials: Vec<Vec<(&'static str, DataFrame)>>,
) -> PolarsResult<Vec<(&'static str, DataFrame)>> {
    let mut out = Vec::new();
    for (k, spec) in AGGREGATES.iter().enumerate() {
        let frames: Vec<&DataFrame> = partials
            .iter()
            .filter_map(|p| p.get(k).map(|x| &x.1))
            .collect();
        let Some(first) = frames.first() else {
            continue;
        };
        let schema = first.schema().clone();
        let lazies: Vec<LazyFrame> = frames.iter().map(|d| (*d).clone().lazy()).collect();
        let dtype = |c: &str| schema.get(c).cloned().unwrap_or(DataType::UInt32);
        let mut aggs: Vec<Expr> = spec
            .sums
            .iter()
            .map(|c| col(*c).sum().cast(dtype(c)).alias(*c))
            .collect();
        aggs.extend(spec.min.map(|c| col(c).min().alias(c)));
        aggs.extend(spec.max.map(|c| col(c).max().alias(c)));
        let names: Vec<Expr> = schema.iter_names().map(|n| col(n.clone())).collect();
        let lf = concat(lazies, UnionArgs::default())?
            .group_by(spec.keys.iter().map(|c| col(*c)).collect::<Vec<_>>())
            .agg(aggs)
            .select(names);
        out.push((spec.name, spec.sorted(lf).collect()?));
    }
    Ok(out)
}

/// Output formats of `vanban build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Parquet,
    Csv,
}

/// A file written under a temporary name (`.NAME.partial`, same folder) and renamed by
/// [`AtomicFile::commit`]; dropped uncommitted, it removes the temporary. A crash or an
/// error midway leaves the old file or none, never half of one.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: std::fs::File,
    committed: bool,
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<AtomicFile, String> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("table");
        let tmp = path.with_file_name(format!(".{name}.partial"));
        let file = std::fs::File::create(&tmp)
            .map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            file,
            committed: false,
        })
    }

    /// A second handle on the temporary file, for a writer that owns its output.
    fn handle(&self) -> Result<std::fs::File, String> {
        self.file.try_clone().map_err(|e| e.to_string())
    }

    /// Flush to disk and rename to the final name.
    pub fn commit(mut self) -> Result<(), String> {
        self.file.flush().map_err(|e| e.to_string())?;
        self.file.sync_all().map_err(|e| e.to_string())?;
        std::fs::rename(&self.tmp, &self.path)
            .map_err(|e| format!("cannot rename to {}: {e}", self.path.display()))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Write `path` atomically (see [`AtomicFile`]).
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> Result<(), String>,
) -> Result<(), String> {
    let mut f = AtomicFile::create(path)?;
    write(&mut f.file)?;
    f.commit()
}

type ParquetBatches = polars::io::parquet::write::BatchedWriter<std::fs::File>;
type CsvBatches = polars::io::csv::write::BatchedWriter<std::fs::File>;

/// One table written batch by batch, in every format, each file atomically: a batch
/// build never needs the whole table in memory.
pub struct TableWriter {
    parquet: Option<(AtomicFile, ParquetBatches, PathBuf)>,
    csv: Option<(AtomicFile, CsvBatches, PathBuf)>,
}

impl TableWriter {
    pub fn create(
        dir: &Path,
        name: &str,
        schema: &Schema,
        formats: &[Format],
    ) -> Result<TableWriter, String> {
        let err = |p: &Path, e: PolarsError| format!("{}: {e}", p.display());
        let mut w = TableWriter {
            parquet: None,
            csv: None,
        };
        for f in formats {
            match f {
                Format::Parquet => {
                    let path = dir.join(format!("{name}.parquet"));
                    let file = AtomicFile::create(&path)?;
                    let b = ParquetWriter::new(file.handle()?)
                        .batched(schema)
                        .map_err(|e| err(&path, e))?;
                    w.parquet = Some((file, b, path));
                }
                Format::Csv => {
                    let path = dir.join(format!("{name}.csv"));
                    let file = AtomicFile::create(&path)?;
                    let b = CsvWriter::new(file.handle()?)
                        .batched(schema)
                        .map_err(|e| err(&path, e))?;
                    w.csv = Some((file, b, path));
                }
            }
        }
        Ok(w)
    }

    pub fn write(&mut self, df: &mut DataFrame) -> Result<(), String> {
        df.align_chunks();
        if let Some((_, b, path)) = &mut self.parquet {
            b.write_batch(df)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        if let Some((_, b, path)) = &mut self.csv {
            b.write_batch(df)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(())
    }

    /// Complete and rename the files; returns their paths.
    pub fn finish(self) -> Result<Vec<PathBuf>, String> {
        let mut written = Vec::new();
        if let Some((file, b, path)) = self.parquet {
            b.finish().map_err(|e| format!("{}: {e}", path.display()))?;
            drop(b);
            file.commit()?;
            written.push(path);
        }
        if let Some((file, mut b, path)) = self.csv {
            b.finish().map_err(|e| format!("{}: {e}", path.display()))?;
            drop(b);
            file.commit()?;
            written.push(path);
        }
        Ok(written)
    }
}

/// Write one DataFrame as `path` in `format`, atomically.
pub fn write_frame(df: &mut DataFrame, path: &Path, format: Format) -> Result<(), String> {
    write_atomically(path, |file| match format {
        Format::Parquet => ParquetWriter::new(file)
            .finish(df)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Format::Csv => CsvWriter::new(file).finish(df).map_err(|e| e.to_string()),
    })
    .map_err(|e| format!("{}: {e}", path.display()))
}

/// Read a Parquet file written by [`write_frame`].
pub fn read_parquet(path: &Path) -> Result<DataFrame, String> {
    read_parquet_with(path, None)
}

/// Read only `columns` of a Parquet file.
pub fn read_parquet_columns(path: &Path, columns: &[&str]) -> Result<DataFrame, String> {
    read_parquet_with(path, Some(columns.iter().map(|c| c.to_string()).collect()))
}

fn read_parquet_with(path: &Path, columns: Option<Vec<String>>) -> Result<DataFrame, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    ParquetReader::new(f)
        .with_columns(columns)
        .finish()
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Write tables in every format into `dir`; returns the files written.
pub fn write_tables(
    frames: &mut [(&'static str, DataFrame)],
    dir: &Path,
    formats: &[Format],
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (name, df) in frames.iter_mut() {
        written.extend(write_table(dir, name, df, formats)?);
    }
    Ok(written)
}

/// Write one whole table in every format into `dir`; returns the files written.
pub fn write_table(
    dir: &Path,
    name: &str,
    df: &mut DataFrame,
    formats: &[Format],
) -> Result<Vec<PathBuf>, String> {
    let mut w = TableWriter::create(dir, name, &df.schema().clone(), formats)?;
    w.write(df)?;
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_ids() {
        assert_eq!(epoch_days("1970-01-01"), Some(0));
        assert_eq!(epoch_days("2008-07-21"), Some(14_081));
        assert_eq!(epoch_days("2000-03-01"), Some(11_017));
        assert_eq!(doc_id(b""), "cbf29ce484222325");
        assert_eq!(doc_id(b"a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn an_interrupted_write_leaves_nothing() {
        let dir = std::env::temp_dir().join(format!("vanban-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.csv");
        let err = write_atomically(&path, |f| {
            f.write_all(b"half of a table").unwrap();
            Err("interrupted".into())
        });
        assert!(err.is_err());
        assert!(!path.exists());
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            0,
            "no partial file left"
        );
        write_atomically(&path, |f| f.write_all(b"a,b\n").map_err(|e| e.to_string())).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,b\n");
        std::fs::remove_dir_all(&dir).ok();
    }
}
