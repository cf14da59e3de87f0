//! Throughput, stage by stage, in MB/s and documents/s: reading Word files, web pages and
//! legacy encodings, normalize, grammar, extract, parse, rows, rows to DataFrames, Parquet
//! writing. ("extract" re-annotates parsed
//! trees, clone included; MB/s are always of the source text.)
//!
//! Over the project's own `corpus/` always, and over `../shared/corpus` when it is there
//! (skipped with a message otherwise). A plain newline count over the same bytes is the
//! ceiling any parser is measured against.
//!
//!     cargo bench --bench parse

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn texts(dir: &Path) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let text = vanban::decode::decode(&bytes).ok()?.text;
            Some((p.display().to_string(), text))
        })
        .collect()
}

fn bench_corpus(c: &mut Criterion, name: &str, docs: &[(String, String)]) {
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    eprintln!(
        "{name}: {} documents, {:.1} MB",
        docs.len(),
        bytes as f64 / 1e6
    );
    let mut g = c.benchmark_group(format!("{name}/MB"));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("newline count (ceiling)", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(_, t)| t.bytes().filter(|&c| c == b'\n').count())
                .sum::<usize>()
        })
    });
    g.bench_function("normalize", |b| {
        b.iter(|| {
            for (_, t) in docs {
                black_box(vanban::normalize::normalize(t));
            }
        })
    });
    let normalized: Vec<String> = docs
        .iter()
        .map(|(_, t)| vanban::normalize::normalize(t).text)
        .collect();
    g.bench_function("grammar (typed lines)", |b| {
        b.iter(|| {
            for t in &normalized {
                black_box(vanban::grammar::lines(t).ok());
            }
        })
    });
    let parsed: Vec<vanban::Document> =
        docs.iter().map(|(f, t)| vanban::parse_text(f, t)).collect();
    let gazetteer = vanban::extract::Gazetteer::builtin();
    g.bench_function("extract (directives)", |b| {
        b.iter(|| {
            for d in &parsed {
                let mut d = d.clone();
                vanban::extract::annotate(&mut d, gazetteer);
                black_box(d);
            }
        })
    });
    g.bench_function("parse (all stages)", |b| {
        b.iter(|| {
            for (f, t) in docs {
                black_box(vanban::parse_text(f, t));
            }
        })
    });
    // The dataset stages, from the parsed trees.
    let of = |d: &vanban::Document| {
        vanban::dataset::Rows::of(d, &vanban::dataset::doc_id(d.file.as_bytes()))
    };
    g.bench_function("rows", |b| {
        b.iter(|| {
            let mut rows = vanban::dataset::Rows::default();
            for d in &parsed {
                rows.extend(of(d));
            }
            black_box(rows)
        })
    });
    let mut rows = vanban::dataset::Rows::default();
    for d in &parsed {
        rows.extend(of(d));
    }
    g.bench_function("rows to DataFrames", |b| {
        b.iter(|| black_box(rows.tables().unwrap()))
    });
    let tables = rows.tables().unwrap();
    g.bench_function("Parquet writing", |b| {
        b.iter(|| {
            for (_, df) in tables.named() {
                polars::prelude::ParquetWriter::new(std::io::sink())
                    .finish(&mut df.clone())
                    .unwrap();
            }
        })
    });
    g.finish();
    let mut g = c.benchmark_group(format!("{name}/docs"));
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("parse", |b| {
        b.iter(|| {
            for (f, t) in docs {
                black_box(vanban::parse_text(f, t));
            }
        })
    });
    g.finish();
}

/// Reading the other input forms to text, in MB/s of their bytes: Word files (the
/// fixtures: zip, XML), web pages and the legacy encodings (the project's notices written
/// in them; detection included: every decoding is scored).
fn bench_readers(c: &mut Criterion, root: &Path) {
    let mut docx = Vec::new();
    for e in std::fs::read_dir(root.join("tests/fixtures/docx"))
        .into_iter()
        .flatten()
        .flatten()
    {
        if e.path().extension().is_some_and(|x| x == "docx") {
            docx.push(std::fs::read(e.path()).unwrap());
        }
    }
    let notices: Vec<String> = texts(&root.join("corpus"))
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let pages: Vec<Vec<u8>> = notices
        .iter()
        .map(|t| {
            let body: String = t.lines().map(|l| format!("<p>{l}</p>\n")).collect();
            format!("<!DOCTYPE html><html><body>{body}</body></html>").into_bytes()
        })
        .collect();
    let mut inputs = vec![("docx", docx), ("html", pages)];
    for e in vanban::decode::Encoding::LEGACY {
        let encoded = notices
            .iter()
            .map(|t| vanban::decode::encode(t, e))
            .collect();
        inputs.push((e.name(), encoded));
    }
    let mut g = c.benchmark_group("read/MB");
    g.sample_size(20);
    for (name, files) in &inputs {
        let bytes: usize = files.iter().map(Vec::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(*name, |b| {
            b.iter(|| {
                for f in files {
                    black_box(vanban::text_of(f, None).map(|t| t.text.len()).unwrap_or(0));
                }
            })
        });
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    bench_readers(c, root);
    bench_corpus(c, "own-corpus", &texts(&root.join("corpus")));
    let shared = root.join("../shared/corpus");
    if shared.is_dir() {
        bench_corpus(c, "shared-corpus", &texts(&shared));
    } else {
        eprintln!("skipped the shared corpus: {} is absent", shared.display());
    }
}

criterion_group!(parse, benches);
criterion_main!(parse);
