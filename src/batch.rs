//! Batch builds (`vanban build`): many files → rows, checkpointed as Parquet parts in a
//! cache folder → the final tables and aggregates.
//!
//! Invariants:
//! - `doc_id` is the hash of a file's bytes: rows are kept per content in the cache, and
//!   the final `documents` table has exactly one row per input file (joined by `doc_id`),
//!   whatever happened to it. Files with the same bytes share one set of child rows.
//! - A checkpoint writes the child tables' parts before the `documents` part: a document is
//!   "processed" only once its `documents` row is on disk, so a crash midway leaves at most
//!   orphan child rows, which the merge drops.
//! - Every file, part or table, is written to a temporary name and renamed.

use crate::dataset::{
    Format, Rows, TABLES, TableWriter, Tables, aggregates, combine_aggregates, doc_key,
    read_parquet, read_parquet_columns, write_frame, write_tables,
};
use polars::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The cache of row parts inside the output folder.
pub const CACHE: &str = ".vanban-cache";

/// How to run a build.
#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    pub formats: Vec<Format>,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// Reuse the rows of documents already in the cache (same bytes), instead of parsing.
    pub resume: bool,
    /// Documents between checkpoints.
    pub checkpoint: usize,
    /// Show a progress bar on stderr (hidden anyway when stderr is not a terminal).
    pub progress: bool,
    /// Read every input in this encoding instead of detecting it.
    pub encoding: Option<crate::decode::Encoding>,
    /// Write each row table as one file per document year, Hive style
    /// (`DIR/directives.parquet/year=2021/part-0.parquet`) instead of one file.
    pub partition_by_year: bool,
}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files: usize,
    pub parsed: usize,
    /// Files whose content an earlier build had processed (`--resume`).
    pub reused: usize,
    /// Files with the same bytes as another input file.
    pub duplicates: usize,
    pub ok: usize,
    pub partial: usize,
    pub failed: usize,
    pub bytes: u64,
    pub secs: f64,
    /// Most frequent error and warning messages with their counts.
    pub top_diagnostics: Vec<(String, usize)>,
    /// Documents by how their text was read (`utf-8`, `tcvn3`, `docx` …), most first.
    pub sources: Vec<(String, usize)>,
    pub written: Vec<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.secs.max(1e-9);
        writeln!(
            f,
            "{} documents: {} ok, {} partial, {} failed, in {:.1} s ({:.0} documents/s, {:.1} MB/s)",
            self.files,
            self.ok,
            self.partial,
            self.failed,
            self.secs,
            self.files as f64 / secs,
            self.bytes as f64 / 1e6 / secs
        )?;
        if !self.sources.is_empty() {
            let list: Vec<String> = self
                .sources
                .iter()
                .map(|(s, n)| format!("{n} {s}"))
                .collect();
            writeln!(f, "read as: {}", list.join(", "))?;
        }
        if self.reused > 0 || self.duplicates > 0 {
            writeln!(
                f,
                "{} parsed, {} reused from an earlier build, {} with the same bytes as another file",
                self.parsed, self.reused, self.duplicates
            )?;
        }
        if !self.top_diagnostics.is_empty() {
            writeln!(f, "most frequent diagnostics:")?;
            for (m, n) in &self.top_diagnostics {
                writeln!(f, "  {n:>6}  {m}")?;
            }
        }
        if !self.written.is_empty() {
            writeln!(
                f,
                "{} files written to {}",
                self.written.len(),
                self.out.display()
            )?;
        }
        Ok(())
    }
}

/// Input bytes between checkpoints at most (a single larger file is a chunk of its own):
/// the rows of a chunk are what a build holds in memory besides its small tables.
const CHUNK_BYTES: u64 = 64 << 20;

/// Consecutive index ranges of at most `docs` files and (unless one file) `bytes` bytes.
fn chunks(sizes: &[u64], docs: usize, bytes: u64) -> impl Iterator<Item = std::ops::Range<usize>> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= sizes.len() {
            return None;
        }
        let mut end = start + 1;
        let mut sum = sizes[start];
        while end < sizes.len() && end - start < docs.max(1) && sum + sizes[end] <= bytes {
            sum += sizes[end];
            end += 1;
        }
        let r = start..end;
        start = end;
        Some(r)
    })
}

/// A part file's name: `{table}.{n:06}.parquet`.
fn part_path(cache: &Path, table: &str, n: u32) -> PathBuf {
    cache.join(format!("{table}.{n:06}.parquet"))
}

/// The parts in the cache: (table, n, path), sorted by n.
fn parts(cache: &Path) -> Vec<(String, u32, PathBuf)> {
    let mut v: Vec<(String, u32, PathBuf)> = std::fs::read_dir(cache)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let stem = name.strip_suffix(".parquet")?;
            let (table, n) = stem.rsplit_once('.')?;
            let n = n.parse().ok()?;
            TABLES
                .contains(&table)
                .then(|| (table.to_string(), n, e.path()))
        })
        .collect();
    v.sort_by_key(|p| p.1);
    v
}

/// Remove temporaries an interrupted run left behind (`.name.partial`).
fn remove_partials(dir: &Path) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".partial") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Write the row tables as part `n`, `documents` last.
fn write_part(cache: &Path, tables: &Tables, n: u32) -> Result<(), String> {
    let named = tables.named();
    for (name, df) in named.iter().skip(1).chain(named.iter().take(1)) {
        write_frame(
            &mut (*df).clone(),
            &part_path(cache, name, n),
            Format::Parquet,
        )?;
    }
    Ok(())
}

/// A processed file: (doc_id as a number, rows unless known already, bytes read).
type Processed = (u64, Option<Rows>, u64);

/// Parse one file into its id, rows and size, or only its id when `known` holds it
/// already.
fn process(
    path: &Path,
    known: &HashSet<u64>,
    encoding: Option<crate::decode::Encoding>,
) -> Processed {
    let name = path.display().to_string();
    match crate::read_input(path) {
        Ok(bytes) => {
            let key = doc_key(&bytes);
            if known.contains(&key) {
                return (key, None, bytes.len() as u64);
            }
            let doc = crate::parse_bytes_as(
                &name,
                &bytes,
                encoding,
                crate::extract::Gazetteer::builtin(),
                &mut crate::StageTimes::default(),
            );
            let rows = Rows::of(&doc, &format!("{key:016x}"));
            (key, Some(rows), bytes.len() as u64)
        }
        Err((size, e)) => {
            // A file not read (unreadable, or too large) still gets its row; its id comes
            // from its path and size, as there are no bytes to hash.
            let key = match size {
                0 => doc_key(format!("unreadable\0{name}").as_bytes()),
                _ => doc_key(format!("unread\0{name}\0{size}").as_bytes()),
            };
            let doc = crate::Document::failed(&name, size, e);
            let rows = Rows::of(&doc, &format!("{key:016x}"));
            (key, Some(rows), size as u64)
        }
    }
}

/// Build the tables of `files` into `opts.out`.
pub fn build(files: &[PathBuf], opts: &Options) -> Result<Summary, String> {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use rayon::prelude::*;
    let started = std::time::Instant::now();
    let out = &opts.out;
    let cache = out.join(CACHE);
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    if !opts.resume && cache.exists() {
        std::fs::remove_dir_all(&cache)
            .map_err(|e| format!("cannot clear {}: {e}", cache.display()))?;
    }
    std::fs::create_dir_all(&cache)
        .map_err(|e| format!("cannot create {}: {e}", cache.display()))?;
    remove_partials(out);
    remove_partials(&cache);

    // Documents already processed: those with a `documents` row in a part.
    let mut known: HashSet<u64> = HashSet::new();
    let existing = parts(&cache);
    for (table, _, path) in &existing {
        if table == "documents" {
            known.extend(part_ids(path)?);
        }
    }
    let mut next = existing.iter().map(|p| p.1 + 1).max().unwrap_or(0);
    let cached = known.clone();

    let sizes: Vec<u64> = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .collect();
    let total: u64 = sizes.iter().sum();
    let bar = ProgressBar::with_draw_target(
        Some(total),
        if opts.progress {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg}",
        )
        .expect("valid template"),
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .build()
        .map_err(|e| e.to_string())?;
    let crash_after: Option<usize> = std::env::var("VANBAN_TEST_CRASH_AFTER_CHECKPOINT")
        .ok()
        .and_then(|v| v.parse().ok());

    // The id of each file, in the order of `files`: numbers, not strings, as this grows
    // with the corpus.
    let mut ids: Vec<u64> = Vec::with_capacity(files.len());
    let (mut parsed, mut reused, mut duplicates) = (0, 0, 0);
    let (mut checkpoints, mut done) = (0, 0);
    for range in chunks(&sizes, opts.checkpoint, CHUNK_BYTES) {
        let chunk = &files[range.clone()];
        // Largest files first, so that no large file is left to parse alone at the end of
        // a chunk while the other threads wait; the results are put back in input order.
        let mut order: Vec<usize> = (0..chunk.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(sizes[range.start + i]));
        let mut results: Vec<(usize, Processed)> = pool.install(|| {
            order
                .par_iter()
                .with_max_len(1)
                .map(|&i| {
                    let r = process(&chunk[i], &known, opts.encoding);
                    bar.inc(r.2);
                    (i, r)
                })
                .collect()
        });
        results.sort_unstable_by_key(|r| r.0);
        let results = results.into_iter().map(|r| r.1);
        let mut rows = Rows::default();
        for (id, r, _) in results {
            match r {
                // Two files with the same bytes in one chunk: keep the first one's rows.
                Some(r) if known.insert(id) => {
                    parsed += 1;
                    rows.extend(r);
                }
                _ if cached.contains(&id) => reused += 1,
                _ => duplicates += 1,
            }
            ids.push(id);
        }
        done += chunk.len();
        bar.set_message(format!("{done}/{} documents", files.len()));
        if rows.documents() > 0 {
            let tables = rows.tables().map_err(|e| e.to_string())?;
            write_part(&cache, &tables, next)?;
            next += 1;
            checkpoints += 1;
            if crash_after == Some(checkpoints) {
                // Simulates a crash for the resume tests.
                std::process::abort();
            }
        }
    }
    bar.finish_and_clear();

    let merged = write_final(
        &cache,
        files,
        &ids,
        out,
        &opts.formats,
        opts.partition_by_year,
    )?;
    // Parts none of whose documents are among the inputs any more.
    for (_, n, path) in parts(&cache) {
        if !merged.used_parts.contains(&n) {
            let _ = std::fs::remove_file(path);
        }
    }
    let mut written = merged.written;
    let mut aggregates = merged.aggregates;
    written.extend(write_tables(&mut aggregates, out, &opts.formats)?);
    let count = |s: &str| merged.statuses.get(s).copied().unwrap_or(0);
    Ok(Summary {
        files: files.len(),
        parsed,
        reused,
        duplicates,
        ok: count("ok"),
        partial: count("partial"),
        failed: count("failed"),
        bytes: total,
        secs: started.elapsed().as_secs_f64(),
        top_diagnostics: most_frequent(&merged.diagnostics, 5),
        sources: most_frequent(&merged.sources, usize::MAX),
        written,
        out: out.clone(),
    })
}

/// What the final write keeps in memory for the aggregates and the summary.
struct Final {
    aggregates: Vec<(&'static str, DataFrame)>,
    /// Documents by status.
    statuses: HashMap<String, usize>,
    /// Documents by how their text was read (encoding, `docx`, `html`).
    sources: HashMap<String, usize>,
    /// Error and warning messages with their counts.
    diagnostics: HashMap<String, usize>,
    written: Vec<PathBuf>,
    /// Parts that hold a document of the inputs.
    used_parts: HashSet<u32>,
}

/// The `doc_id`s of a `documents` part, as numbers.
fn part_ids(path: &Path) -> Result<Vec<u64>, String> {
    let df = read_parquet_columns(path, &["doc_id"])?;
    let ids = df.column("doc_id").and_then(|c| c.str().cloned());
    let ids = ids.map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(ids
        .iter()
        .flatten()
        .filter_map(|id| u64::from_str_radix(id, 16).ok())
        .collect())
}

/// Partial aggregates kept before they are added up: bounds memory on large corpora.
const PARTIALS_KEPT: usize = 16;

/// Write the row tables from the cache's parts, one part at a time, so that memory holds
/// one part, the input list and running totals: each input file gets its `documents` row
/// (by part, in input order within a part: input order on a fresh build); each document's
/// rows come from the first part holding its `documents` row.
fn write_final(
    cache: &Path,
    files: &[PathBuf],
    ids: &[u64],
    out: &Path,
    formats: &[Format],
    partition_by_year: bool,
) -> Result<Final, String> {
    let err = |e: PolarsError| e.to_string();
    let all = parts(cache);
    let of_table = |table: &str| -> Vec<(u32, PathBuf)> {
        all.iter()
            .filter(|p| p.0 == table)
            .map(|p| (p.1, p.2.clone()))
            .collect()
    };
    // The part each input document's rows are taken from: the first holding its
    // `documents` row (`parts` is sorted by number).
    let inputs: HashSet<u64> = ids.iter().copied().collect();
    let mut chosen: HashMap<u64, u32> = HashMap::with_capacity(inputs.len());
    for (n, path) in of_table("documents") {
        for id in part_ids(&path)? {
            if inputs.contains(&id) {
                chosen.entry(id).or_insert(n);
            }
        }
    }
    drop(inputs);
    // The input files (indices into `files`) whose rows each part holds, in input order.
    let mut files_of_part: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for (i, id) in ids.iter().enumerate() {
        if let Some(&n) = chosen.get(id) {
            files_of_part.entry(n).or_default().push(i);
        }
    }
    drop(chosen);
    let ordered = |how: JoinType| JoinArgs {
        maintain_order: MaintainOrderJoin::Left,
        ..JoinArgs::new(how)
    };
    // Each input file with its own name, in input order: `files` is (file, doc_id).
    let per_file = |df: LazyFrame, names: &[PlSmallStr], files: &DataFrame| -> LazyFrame {
        let without_file: Vec<Expr> = names
            .iter()
            .filter(|n| n.as_str() != "file")
            .map(|n| col(n.clone()))
            .collect();
        files
            .clone()
            .lazy()
            .join(
                df.select(without_file),
                [col("doc_id")],
                [col("doc_id")],
                ordered(JoinType::Inner),
            )
            .select(names.iter().map(|n| col(n.clone())).collect::<Vec<_>>())
    };
    // One writer per table; then part after part, each of its tables in turn.
    let mut schemas = Vec::new();
    let mut columns = Vec::new();
    for table in TABLES {
        let Some((_, first)) = of_table(table).into_iter().next() else {
            return Err(format!("the cache has no {table} part"));
        };
        let schema = read_parquet(&first)?.schema().clone();
        columns.push(schema.iter_names().cloned().collect::<Vec<PlSmallStr>>());
        schemas.push(schema.as_ref().clone());
    }
    let mut sink = Sink::create(out, schemas, formats, partition_by_year)?;
    let mut partials = Vec::new();
    let mut statuses: HashMap<String, usize> = HashMap::new();
    let mut sources: HashMap<String, usize> = HashMap::new();
    let mut diagnostics: HashMap<String, usize> = HashMap::new();
    let mut documents_written = 0;
    for (&n, indices) in &files_of_part {
        let part_files = DataFrame::new_infer_height(vec![
            Column::new(
                "file".into(),
                indices
                    .iter()
                    .map(|&i| files[i].display().to_string())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "doc_id".into(),
                indices
                    .iter()
                    .map(|&i| format!("{:016x}", ids[i]))
                    .collect::<Vec<_>>(),
            ),
        ])
        .map_err(err)?;
        let part_ids = part_files
            .clone()
            .lazy()
            .select([col("doc_id")])
            .unique(None, UniqueKeepStrategy::First);
        let mut frames = Vec::new();
        for (k, table) in TABLES.iter().enumerate() {
            let path = part_path(cache, table, n);
            if !path.exists() {
                return Err(format!(
                    "the cache lacks {}: build again without --resume",
                    path.display()
                ));
            }
            let rows = read_parquet(&path)?.lazy().join(
                part_ids.clone(),
                [col("doc_id")],
                [col("doc_id")],
                ordered(JoinType::Inner),
            );
            // `documents` and `diagnostics` name each input file: one row per file.
            let rows = if matches!(*table, "documents" | "diagnostics") {
                per_file(rows, &columns[k], &part_files)
            } else {
                rows
            };
            frames.push(rows.collect().map_err(err)?);
        }
        sink.write(&mut frames)?;
        let tables = Tables::from_frames(frames).ok_or("six tables expected")?;
        documents_written += tables.documents.height();
        let column = |df: &DataFrame, name: &str| df.column(name).and_then(|c| c.str().cloned());
        tally(
            &column(&tables.documents, "status").map_err(err)?,
            &mut statuses,
        );
        tally(
            &column(&tables.documents, "source").map_err(err)?,
            &mut sources,
        );
        let errors_and_warnings = tables
            .diagnostics
            .clone()
            .lazy()
            .filter(col("severity").neq(lit("note")))
            .collect()
            .map_err(err)?;
        tally(
            &column(&errors_and_warnings, "message").map_err(err)?,
            &mut diagnostics,
        );
        // Each part's aggregates, added up as they come: exact, as a document lies in one
        // part.
        partials.push(
            aggregates(&tables.documents, &tables.directives, &tables.assignments).map_err(err)?,
        );
        if partials.len() >= PARTIALS_KEPT {
            partials = vec![combine_aggregates(std::mem::take(&mut partials)).map_err(err)?];
        }
    }
    let written = sink.finish(out)?;
    if documents_written != files.len() {
        return Err(format!(
            "the cache in {} holds {documents_written} of the {} documents: build again without --resume",
            cache.display(),
            files.len()
        ));
    }
    Ok(Final {
        aggregates: combine_aggregates(partials).map_err(err)?,
        statuses,
        sources,
        diagnostics,
        written,
        used_parts: files_of_part.keys().copied().collect(),
    })
}

/// Where the final row tables go: one file per table and format
/// (`DIR/directives.parquet`), or with `--partition-by year` a folder of that name holding
/// one file per document year, Hive style (`DIR/directives.parquet/year=2021/part-0.parquet`,
/// `year=__HIVE_DEFAULT_PARTITION__` for documents without a date; the year column is
/// left to the folder name, as Hive readers expect), so that `pandas.read_parquet`,
/// polars and DuckDB read either form by the same name. Partitions are written under
/// `DIR/.partitions.partial` and each table's folder is moved into place at the end.
enum Sink {
    Flat(Vec<TableWriter>),
    ByYear {
        root: PathBuf,
        schemas: Vec<Schema>,
        formats: Vec<Format>,
        /// (table, year, format) → writer.
        writers: HashMap<(usize, Option<i32>, usize), TableWriter>,
    },
}

/// The folder of a year's partition.
fn year_folder(y: Option<i32>) -> String {
    match y {
        Some(y) => format!("year={y}"),
        None => "year=__HIVE_DEFAULT_PARTITION__".to_string(),
    }
}

/// The writer of table `k`'s partition of year `y` in one format, its folder made.
fn partition_writer(
    root: &Path,
    k: usize,
    y: Option<i32>,
    format: Format,
    schema: &Schema,
) -> Result<TableWriter, String> {
    let dir = root
        .join(format!("{}.{}", TABLES[k], extension(format)))
        .join(year_folder(y));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    TableWriter::create(&dir, "part-0", schema, &[format])
}

fn extension(f: Format) -> &'static str {
    match f {
        Format::Parquet => "parquet",
        Format::Csv => "csv",
    }
}

/// Remove a file or a folder, if there.
fn remove_path(p: &Path) -> Result<(), String> {
    let r = if p.is_dir() {
        std::fs::remove_dir_all(p)
    } else if p.exists() {
        std::fs::remove_file(p)
    } else {
        Ok(())
    };
    r.map_err(|e| format!("cannot remove {}: {e}", p.display()))
}

impl Sink {
    fn create(
        out: &Path,
        schemas: Vec<Schema>,
        formats: &[Format],
        by_year: bool,
    ) -> Result<Sink, String> {
        if !by_year {
            // A partitioned table of an earlier build stands where the file goes.
            for t in TABLES {
                for f in formats {
                    let p = out.join(format!("{t}.{}", extension(*f)));
                    if p.is_dir() {
                        remove_path(&p)?;
                    }
                }
            }
            let writers = TABLES
                .iter()
                .zip(&schemas)
                .map(|(t, s)| TableWriter::create(out, t, s, formats))
                .collect::<Result<Vec<_>, String>>()?;
            return Ok(Sink::Flat(writers));
        }
        let root = out.join(".partitions.partial");
        remove_path(&root)?;
        let schemas = schemas
            .into_iter()
            .map(|mut s| {
                s.shift_remove("year");
                s
            })
            .collect();
        Ok(Sink::ByYear {
            root,
            schemas,
            formats: formats.to_vec(),
            writers: HashMap::new(),
        })
    }

    /// Write one part's six tables (in `TABLES` order).
    fn write(&mut self, frames: &mut [DataFrame]) -> Result<(), String> {
        let (root, schemas, formats, writers) = match self {
            Sink::Flat(writers) => {
                for (w, df) in writers.iter_mut().zip(frames.iter_mut()) {
                    w.write(df)?;
                }
                return Ok(());
            }
            Sink::ByYear {
                root,
                schemas,
                formats,
                writers,
            } => (root, schemas, formats, writers),
        };
        let err = |e: PolarsError| e.to_string();
        let years = frames[0]
            .clone()
            .lazy()
            .select([col("doc_id"), col("year")])
            .unique(None, UniqueKeepStrategy::First);
        for (k, df) in frames.iter().enumerate() {
            let with_year = if k == 0 {
                df.clone()
            } else {
                df.clone()
                    .lazy()
                    .join(
                        years.clone(),
                        [col("doc_id")],
                        [col("doc_id")],
                        JoinArgs {
                            maintain_order: MaintainOrderJoin::Left,
                            ..JoinArgs::new(JoinType::Left)
                        },
                    )
                    .collect()
                    .map_err(err)?
            };
            let year = with_year
                .column("year")
                .and_then(|c| c.i32().cloned())
                .map_err(err)?;
            let distinct: std::collections::BTreeSet<Option<i32>> = year.iter().collect();
            for y in distinct {
                let mask = match y {
                    Some(v) => year.equal(v),
                    None => year.is_null(),
                };
                let mut rows = with_year
                    .filter(&mask)
                    .and_then(|d| d.drop("year"))
                    .map_err(err)?;
                for (f, format) in formats.iter().enumerate() {
                    let w = match writers.entry((k, y, f)) {
                        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                        std::collections::hash_map::Entry::Vacant(e) => {
                            e.insert(partition_writer(root, k, y, *format, &schemas[k])?)
                        }
                    };
                    w.write(&mut rows)?;
                }
            }
        }
        Ok(())
    }

    /// Complete the files and put them in place; the paths written.
    fn finish(self, out: &Path) -> Result<Vec<PathBuf>, String> {
        let mut written = Vec::new();
        match self {
            Sink::Flat(writers) => {
                for w in writers {
                    written.extend(w.finish()?);
                }
            }
            Sink::ByYear {
                root,
                schemas,
                formats,
                mut writers,
            } => {
                // A table with no rows still gets an empty partition, so that it reads.
                for (k, schema) in schemas.iter().enumerate() {
                    for (f, format) in formats.iter().enumerate() {
                        if writers.keys().any(|(t, _, g)| *t == k && *g == f) {
                            continue;
                        }
                        let mut w = partition_writer(&root, k, None, *format, schema)?;
                        w.write(&mut DataFrame::empty_with_schema(schema))?;
                        writers.insert((k, None, f), w);
                    }
                }
                for (_, w) in writers {
                    written.extend(w.finish()?);
                }
                for t in TABLES {
                    for format in &formats {
                        let name = format!("{t}.{}", extension(*format));
                        let (from, to) = (root.join(&name), out.join(&name));
                        remove_path(&to)?;
                        std::fs::rename(&from, &to)
                            .map_err(|e| format!("cannot move {}: {e}", from.display()))?;
                    }
                }
                remove_path(&root)?;
                written = written
                    .into_iter()
                    .map(|p| out.join(p.strip_prefix(&root).unwrap_or(&p)))
                    .collect();
                written.sort();
            }
        }
        Ok(written)
    }
}

/// Add a column's values (empty ones left out: a failed document has no source) to
/// their counts.
fn tally(values: &StringChunked, counts: &mut HashMap<String, usize>) {
    for v in values.iter().flatten().filter(|v| !v.is_empty()) {
        *counts.entry(v.to_string()).or_default() += 1;
    }
}

/// The `n` most frequent keys (messages, sources), most frequent first.
fn most_frequent(counts: &HashMap<String, usize>, n: usize) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.iter().map(|(m, c)| (m.clone(), *c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_bounded_by_documents_and_bytes() {
        let sizes = [10, 10, 10, 50, 100, 5, 5];
        let c: Vec<_> = chunks(&sizes, 2, 60).collect();
        assert_eq!(c, [0..2, 2..4, 4..5, 5..7]);
        let c: Vec<_> = chunks(&sizes, 100, 1000).collect();
        assert_eq!((c.len(), c[0].clone()), (1, 0..7));
        assert_eq!(chunks(&[], 10, 10).count(), 0);
    }
}
