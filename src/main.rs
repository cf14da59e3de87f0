//! The `vanban` command line.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vanban::{Status, decode, render};

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Turn Vietnamese administrative documents (thông báo, quyết định, công văn …) into data",
    long_about = "Turn Vietnamese administrative documents (thông báo, quyết định, kết luận, \
                  công văn …) into data.\n\nvanban reads the text of a document (UTF-8 or \
                  UTF-16; Word tables as TAB-separated cells, `pdftotext -layout` columns and \
                  antiword boxes are understood) and parses its header, title, body, \
                  recipients and signature into a typed tree.",
    after_help = "Examples:\n  vanban parse corpus/525-TB-TU.txt          outline of one notice\n  \
                  vanban parse --json archive/ > trees.jsonl  every .txt under a folder, as JSON lines\n  \
                  vanban check archive/                      what did not read, as file:line:col"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse documents and print the outline of each tree (or JSON with --json).
    Parse {
        /// Text files, or folders to search for *.txt files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print one JSON object per document, one per line (the tree described in README.md).
        #[arg(long)]
        json: bool,
        /// With --json: indent the JSON.
        #[arg(long, requires = "json")]
        pretty: bool,
    },
    /// List each directive with its agencies (lead, support, supervisor, report_to,
    /// addressee) and its deadline.
    Tasks {
        /// Text files, or folders to search for *.txt files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print one JSON object per directive, one per line, instead of a table.
        #[arg(long)]
        json: bool,
        /// A gazetteer file that extends the built-in one (lines `head<TAB>Name`,
        /// `abbr<TAB>ABBR<TAB>Long form`, `province<TAB>Name` …).
        #[arg(long, value_name = "FILE")]
        gazetteer: Option<PathBuf>,
    },
    /// Parse a whole archive into tables: documents, sections, directives, assignments,
    /// recipients, diagnostics, and the aggregates agency_workload and issuer_summary.
    Build {
        /// Text files, or folders to search for *.txt files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Folder to write the tables into (created if needed).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Table formats, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "parquet,csv")]
        format: Vec<FormatArg>,
        /// Documents parsed in parallel (default: one per core).
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
    },
    /// Print diagnostics in compiler style: file:line:col, the line, a caret, what was expected.
    ///
    /// Exits with status 1 when a document is partial or failed.
    Check {
        /// Text files, or folders to search for *.txt files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also print notes (blank numbers in drafts, missing recipients …).
        #[arg(long)]
        notes: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Parquet,
    Csv,
}

/// `vanban build`: parse in parallel, keep rows, write tables, print a summary.
fn build(
    paths: &[PathBuf],
    out: &Path,
    formats: &[FormatArg],
    jobs: Option<usize>,
) -> Result<String, String> {
    use indicatif::{ProgressBar, ProgressStyle};
    use rayon::prelude::*;
    use vanban::dataset::{Format, Rows, doc_id, write_tables};
    let files = inputs(paths);
    if files.is_empty() {
        return Err("no .txt files found under the paths given".into());
    }
    let total: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg}",
        )
        .expect("valid template"),
    );
    let done = std::sync::atomic::AtomicUsize::new(0);
    let started = std::time::Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| e.to_string())?;
    let parsed: Vec<Rows> = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let name = path.display().to_string();
                // An unreadable file still gets its documents row, status failed.
                let (bytes, doc) = match std::fs::read(path) {
                    Ok(b) => {
                        let d = vanban::parse_bytes(&name, &b);
                        (b, d)
                    }
                    Err(e) => {
                        let d = vanban::Document::failed(
                            &name,
                            0,
                            format!("cannot read the file: {e}"),
                        );
                        (Vec::new(), d)
                    }
                };
                let rows = Rows::of(&doc, &doc_id(&bytes));
                bar.inc(bytes.len() as u64);
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                bar.set_message(format!("{n}/{} documents", files.len()));
                rows
            })
            .collect()
    });
    bar.finish_and_clear();
    let mut rows = Rows::default();
    for r in parsed {
        rows.extend(r);
    }
    let formats: Vec<Format> = formats
        .iter()
        .map(|f| match f {
            FormatArg::Parquet => Format::Parquet,
            FormatArg::Csv => Format::Csv,
        })
        .collect();
    let written = write_tables(&rows, out, &formats)?;
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let (ok, partial, failed) = rows.statuses();
    let mut s = format!(
        "{} documents: {ok} ok, {partial} partial, {failed} failed, in {secs:.1} s ({:.0} documents/s, {:.1} MB/s)
",
        rows.documents(),
        rows.documents() as f64 / secs,
        total as f64 / 1e6 / secs
    );
    let top = rows.top_diagnostics(5);
    if !top.is_empty() {
        s += "most frequent diagnostics:
";
        for (m, n) in top {
            s += &format!(
                "  {n:>6}  {m}
"
            );
        }
    }
    s += &format!(
        "{} files written to {}
",
        written.len(),
        out.display()
    );
    Ok(s)
}

/// Expand folders into their *.txt files, sorted; keep files as given.
fn inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            out.push(dir.to_path_buf()); // reported as unreadable by the parser
            return;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "txt") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut bad = 0usize;
    let result = (|| -> std::io::Result<()> {
        match cli.command {
            Command::Parse {
                paths,
                json,
                pretty,
            } => {
                for path in inputs(&paths) {
                    let doc = vanban::parse_file(&path);
                    if doc.status != Status::Ok {
                        bad += 1;
                    }
                    if json {
                        let s = if pretty {
                            serde_json::to_string_pretty(&doc)
                        } else {
                            serde_json::to_string(&doc)
                        };
                        writeln!(out, "{}", s.map_err(std::io::Error::other)?)?;
                    } else {
                        write!(out, "{}", render::outline(&doc))?;
                    }
                }
            }
            Command::Tasks {
                paths,
                json,
                gazetteer,
            } => {
                let mut g = vanban::extract::Gazetteer::builtin().clone();
                if let Some(path) = gazetteer {
                    let text = std::fs::read_to_string(&path).map_err(|e| {
                        std::io::Error::other(format!(
                            "cannot read the gazetteer {}: {e}",
                            path.display()
                        ))
                    })?;
                    g.extend(&text).map_err(|e| {
                        std::io::Error::other(format!("gazetteer {}: {e}", path.display()))
                    })?;
                }
                for path in inputs(&paths) {
                    let doc = vanban::parse_file_with(&path, &g);
                    if doc.status != Status::Ok {
                        bad += 1;
                    }
                    if json {
                        for (n, d) in render::directives(&doc) {
                            let row = serde_json::json!({
                                "file": doc.file,
                                "reference": doc.header.reference,
                                "line": n.span.line,
                                "marker": n.marker,
                                "text": n.text,
                                "directive": d,
                            });
                            writeln!(out, "{row}")?;
                        }
                    } else {
                        write!(out, "{}", render::tasks(&doc))?;
                    }
                }
            }
            Command::Build {
                paths,
                out: dir,
                format,
                jobs,
            } => {
                let summary = build(&paths, &dir, &format, jobs).map_err(std::io::Error::other)?;
                write!(out, "{summary}")?;
            }
            Command::Check { paths, notes } => {
                let files = inputs(&paths);
                let mut counts = [0usize; 3];
                for path in &files {
                    let bytes = std::fs::read(path).unwrap_or_default();
                    let mut doc = vanban::parse_file(path);
                    counts[doc.status as usize] += 1;
                    if doc.status != Status::Ok {
                        bad += 1;
                    }
                    if !notes {
                        doc.diagnostics
                            .retain(|d| d.severity != vanban::tree::Severity::Note);
                    }
                    let text = decode::decode(&bytes).ok().map(|d| d.text);
                    write!(out, "{}", render::diagnostics(&doc, text.as_deref()))?;
                }
                writeln!(
                    out,
                    "{} documents: {} ok, {} partial, {} failed",
                    files.len(),
                    counts[0],
                    counts[1],
                    counts[2]
                )?;
            }
        }
        out.flush()
    })();
    match result {
        // A closed pipe (`vanban parse … | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vanban: {e}");
            ExitCode::from(2)
        }
        Ok(()) if bad > 0 => ExitCode::from(1),
        Ok(()) => ExitCode::SUCCESS,
    }
}
