//! The `vanban` command line.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vanban::dataset::Format;
use vanban::{Status, batch, decode, render};

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Turn Vietnamese administrative documents (thông báo, quyết định, công văn …) into data",
    long_about = "Turn Vietnamese administrative documents (thông báo, quyết định, kết luận, \
                  công văn …) into data.\n\nvanban reads a document (text in UTF-8, UTF-16, \
                  TCVN3, VNI or Windows-1258, detected; Word .docx; web pages; PDF and \
                  Word 97-2003 .doc through pdftotext and antiword when they are installed) and parses its \
                  header, title, body, recipients and signature into a typed tree.",
    after_help = "Examples:\n  vanban parse corpus/525-TB-TU.txt          outline of one notice\n  \
                  vanban parse --json archive/ > trees.jsonl  every .txt under a folder, as JSON lines\n  \
                  vanban check archive/                      what did not read, as file:line:col"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Read the input in this encoding instead of detecting it: utf-8, utf-16le, utf-16be,
    /// windows-1258, windows-1252 (Latin-1), tcvn3 (ABC), vni (VNI-Windows).
    #[arg(long, global = true, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<decode::Encoding>,
}

fn parse_encoding(s: &str) -> Result<decode::Encoding, String> {
    s.parse()
}

#[derive(Subcommand)]
enum Command {
    /// Parse documents and print the outline of each tree (or JSON with --json).
    Parse {
        /// Files, or folders to search for documents (.txt, .docx, .html, .htm; .pdf and
        /// .doc through pdftotext and antiword when installed; .rtf is reported with what
        /// to do).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print one JSON object per document, one per line (the tree described in README.md).
        #[arg(long)]
        json: bool,
        /// With --json: indent the JSON.
        #[arg(long, requires = "json")]
        pretty: bool,
        /// Print the text the grammar reads (after conversion, OCR, stamp removal and
        /// normalization), line by line, instead of the tree: to see why a value was read.
        #[arg(long, conflicts_with = "json")]
        text: bool,
    },
    /// List each directive with its agencies (lead, support, supervisor, report_to,
    /// addressee) and its deadline.
    Tasks {
        /// Files, or folders to search for documents (.txt, .docx, .html, .htm; .pdf and
        /// .doc through pdftotext and antiword when installed; .rtf is reported with what
        /// to do).
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
    /// recipients, diagnostics, and the aggregates agency_workload, agency_workload_by_year,
    /// agency_pairs, deadline_calendar and issuer_summary.
    ///
    /// Rows are checkpointed in DIR/.vanban-cache as the build goes: after an interruption,
    /// or when files were added to the archive, `--resume` parses only the documents whose
    /// content is not there yet.
    Build {
        /// Files, or folders to search for documents (.txt, .docx, .html, .htm; .pdf and
        /// .doc through pdftotext and antiword when installed; .rtf is reported with what
        /// to do).
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
        /// Reuse the rows of documents an earlier build into DIR already processed
        /// (same bytes, wherever the file lies now).
        #[arg(long)]
        resume: bool,
        /// Documents between two checkpoints of the rows to DIR/.vanban-cache.
        #[arg(long, value_name = "N", default_value_t = 1000)]
        checkpoint: usize,
        /// Write each row table as one file per document year, Hive style
        /// (DIR/directives.parquet/year=2021/part-0.parquet), for readers that scan by year.
        #[arg(long, value_name = "KEY")]
        partition_by: Option<PartitionArg>,
    },
    /// Write an HTML page of charts (top agencies by tasks, documents per year by issuer,
    /// deadlines by month, lead × support pairs) from the tables in DIR.
    ///
    /// The page is self-contained (inline SVG, no script): open it in a browser, mail it,
    /// or put it on a slide.
    Report {
        /// A folder written by `vanban build`.
        dir: PathBuf,
        /// Where to write the page (default: DIR/report.html).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Measure each stage on one thread (decode, normalize, grammar, assemble, extract,
    /// rows, DataFrames, aggregates, Parquet, CSV) in MB/s and documents/s, next to a
    /// plain newline count over the same bytes, the ceiling of any parser.
    Bench {
        /// Files, or folders to search for documents (.txt, .docx, .html, .htm; .pdf and
        /// .doc through pdftotext and antiword when installed; .rtf is reported with what
        /// to do).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Passes over the input; each stage's best time is kept.
        #[arg(long, value_name = "N", default_value_t = 3)]
        passes: usize,
    },
    /// Generate realistic notices of both dialects (layouts and noise varied), each with
    /// the values it must parse to (DIR/expected.jsonl): for property tests and scale runs.
    Synth {
        /// How many documents (about 2.2 KB each: 480000 make 1 GB).
        #[arg(long, value_name = "N")]
        docs: u64,
        /// The same seed gives the same documents.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// Folder to write into (created if needed).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Print diagnostics in compiler style: file:line:col, the line, a caret, what was expected.
    ///
    /// Exits with status 1 when a document is partial or failed.
    Check {
        /// Files, or folders to search for documents (.txt, .docx, .html, .htm; .pdf and
        /// .doc through pdftotext and antiword when installed; .rtf is reported with what
        /// to do).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also print notes (blank numbers in drafts, missing recipients …).
        #[arg(long)]
        notes: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum PartitionArg {
    /// The year of the document's date.
    Year,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Parquet,
    Csv,
}

/// [`inputs`], refusing an empty list (a batch over nothing is a mistake in the paths).
fn some_inputs(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let files = inputs(paths);
    if files.is_empty() {
        return Err(std::io::Error::other(
            "no documents (.txt, .docx …) found under the paths given",
        ));
    }
    Ok(files)
}

/// The extensions of the files a folder is searched for: text and Word files, and the
/// formats whose documents get a row saying how to convert them.
const DOCUMENT_EXTENSIONS: [&str; 8] = ["txt", "md", "docx", "html", "htm", "doc", "pdf", "rtf"];

/// Expand folders into their documents (by extension, case ignored), sorted; keep files
/// as given.
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
            } else if p.extension().is_some_and(|e| {
                DOCUMENT_EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str())
            }) {
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
    // A file named twice (a folder and a file in it) is one input.
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    out
}

fn builtin() -> &'static vanban::extract::Gazetteer {
    vanban::extract::Gazetteer::builtin()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let encoding = cli.encoding;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut bad = 0usize;
    let result = (|| -> std::io::Result<()> {
        match cli.command {
            Command::Parse {
                paths,
                json,
                pretty,
                text,
            } => {
                for path in inputs(&paths) {
                    if text {
                        match vanban::normalized_text_of(&path, encoding) {
                            Ok(t) => write!(out, "{t}")?,
                            Err(e) => {
                                bad += 1;
                                eprintln!("{}: {e}", path.display());
                            }
                        }
                        continue;
                    }
                    let doc = vanban::parse_file_as(&path, encoding, builtin());
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
                    let doc = vanban::parse_file_as(&path, encoding, &g);
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
                resume,
                checkpoint,
                partition_by,
            } => {
                let files = some_inputs(&paths)?;
                let formats = format
                    .iter()
                    .map(|f| match f {
                        FormatArg::Parquet => Format::Parquet,
                        FormatArg::Csv => Format::Csv,
                    })
                    .collect();
                let opts = batch::Options {
                    out: dir,
                    formats,
                    jobs,
                    resume,
                    checkpoint,
                    progress: true,
                    encoding,
                    partition_by_year: matches!(partition_by, Some(PartitionArg::Year)),
                };
                let summary = batch::build(&files, &opts).map_err(std::io::Error::other)?;
                write!(out, "{summary}")?;
            }
            Command::Report { dir, out: file } => {
                let page = vanban::report::html(&dir).map_err(std::io::Error::other)?;
                let file = file.unwrap_or_else(|| dir.join("report.html"));
                vanban::dataset::write_atomically(&file, |f| {
                    f.write_all(page.as_bytes()).map_err(|e| e.to_string())
                })
                .map_err(std::io::Error::other)?;
                writeln!(out, "report written to {}", file.display())?;
            }
            Command::Bench { paths, passes } => {
                let files = some_inputs(&paths)?;
                let m = vanban::bench::measure(&files, passes).map_err(std::io::Error::other)?;
                write!(out, "{m}")?;
            }
            Command::Synth {
                docs,
                seed,
                out: dir,
            } => {
                let bytes =
                    vanban::synth::write_corpus(&dir, docs, seed).map_err(std::io::Error::other)?;
                writeln!(
                    out,
                    "{docs} documents ({:.1} MB) and expected.jsonl written to {}",
                    bytes as f64 / 1e6,
                    dir.display()
                )?;
            }
            Command::Check { paths, notes } => {
                let files = inputs(&paths);
                let mut counts = [0usize; 3];
                for path in &files {
                    let bytes = std::fs::read(path).unwrap_or_default();
                    let mut doc = vanban::parse_file_as(path, encoding, builtin());
                    counts[doc.status as usize] += 1;
                    if doc.status != Status::Ok {
                        bad += 1;
                    }
                    if !notes {
                        doc.diagnostics
                            .retain(|d| d.severity != vanban::tree::Severity::Note);
                    }
                    let text = vanban::text_of(&bytes, encoding).ok().map(|t| t.text);
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
