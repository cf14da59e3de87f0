//! `vanban bench`: throughput of each stage on one thread over the same bytes, next to a
//! plain newline count (the ceiling any parser is measured against).
//!
//! Files are read one at a time (reading is not timed), so the corpus need not fit in
//! memory; the dataset stages hold the rows, as a build does.

use crate::StageTimes;
use crate::dataset::{Rows, aggregates};
use polars::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The time of each stage over the whole input, best of the passes.
#[derive(Debug, Default, Clone)]
pub struct Measurement {
    pub documents: usize,
    pub bytes: u64,
    pub passes: usize,
    pub newline_count: Duration,
    pub parse: StageTimes,
    pub rows: Duration,
    pub frames: Duration,
    pub aggregates: Duration,
    pub parquet: Duration,
    pub csv: Duration,
}

fn min(a: Duration, b: Duration) -> Duration {
    if a.is_zero() { b } else { a.min(b) }
}

/// One pass over `files`; stage times added up.
fn pass(files: &[PathBuf]) -> Result<Measurement, String> {
    let g = crate::extract::Gazetteer::builtin();
    let mut m = Measurement::default();
    let mut rows = Rows::default();
    let mut newlines = 0usize;
    for f in files {
        let bytes = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let name = f.display().to_string();
        let clock = Instant::now();
        newlines += count_newlines(&bytes);
        m.newline_count += clock.elapsed();
        let doc = crate::parse_bytes_timed(&name, &bytes, g, &mut m.parse);
        let clock = Instant::now();
        rows.extend(Rows::of(&doc, &crate::dataset::doc_id(&bytes)));
        m.rows += clock.elapsed();
        m.documents += 1;
        m.bytes += bytes.len() as u64;
    }
    std::hint::black_box(newlines);
    let clock = Instant::now();
    let tables = rows.tables().map_err(|e| e.to_string())?;
    m.frames = clock.elapsed();
    let clock = Instant::now();
    let aggs = aggregates(&tables.documents, &tables.directives, &tables.assignments)
        .map_err(|e| e.to_string())?;
    m.aggregates = clock.elapsed();
    let mut all: Vec<DataFrame> = tables.named().iter().map(|(_, d)| (*d).clone()).collect();
    all.extend(aggs.into_iter().map(|(_, d)| d));
    let clock = Instant::now();
    for df in &mut all {
        ParquetWriter::new(std::io::sink())
            .finish(df)
            .map_err(|e| e.to_string())?;
    }
    m.parquet = clock.elapsed();
    let clock = Instant::now();
    for df in &mut all {
        CsvWriter::new(std::io::sink())
            .finish(df)
            .map_err(|e| e.to_string())?;
    }
    m.csv = clock.elapsed();
    Ok(m)
}

/// The newline count: the simplest full scan of the bytes.
fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Measure `files` over `passes` passes, keeping each stage's best time.
pub fn measure(files: &[PathBuf], passes: usize) -> Result<Measurement, String> {
    let mut best = Measurement::default();
    for _ in 0..passes.max(1) {
        let m = pass(files)?;
        best.documents = m.documents;
        best.bytes = m.bytes;
        best.passes += 1;
        best.newline_count = min(best.newline_count, m.newline_count);
        let (b, p) = (&mut best.parse, &m.parse);
        b.decode = min(b.decode, p.decode);
        b.normalize = min(b.normalize, p.normalize);
        b.grammar = min(b.grammar, p.grammar);
        b.assemble = min(b.assemble, p.assemble);
        b.extract = min(b.extract, p.extract);
        best.rows = min(best.rows, m.rows);
        best.frames = min(best.frames, m.frames);
        best.aggregates = min(best.aggregates, m.aggregates);
        best.parquet = min(best.parquet, m.parquet);
        best.csv = min(best.csv, m.csv);
    }
    Ok(best)
}

impl std::fmt::Display for Measurement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let p = &self.parse;
        let parse = p.decode + p.normalize + p.grammar + p.assemble + p.extract;
        let pipeline = parse + self.rows + self.frames + self.parquet;
        writeln!(
            f,
            "{} documents, {:.1} MB, one thread, best of {} pass(es)",
            self.documents,
            self.bytes as f64 / 1e6,
            self.passes
        )?;
        writeln!(
            f,
            "{:<34} {:>9} {:>10} {:>10} {:>12}",
            "stage", "seconds", "MB/s", "docs/s", "× ceiling"
        )?;
        let ceiling = self.newline_count.as_secs_f64().max(1e-9);
        let mut row = |name: &str, d: Duration| {
            let s = d.as_secs_f64().max(1e-9);
            writeln!(
                f,
                "{:<34} {:>9.3} {:>10.1} {:>10.0} {:>12.1}",
                name,
                d.as_secs_f64(),
                self.bytes as f64 / 1e6 / s,
                self.documents as f64 / s,
                s / ceiling
            )
        };
        row("newline count (the ceiling)", self.newline_count)?;
        row("decode", p.decode)?;
        row("normalize", p.normalize)?;
        row("grammar (pest, typed lines)", p.grammar)?;
        row("assemble (tree)", p.assemble)?;
        row("extract (directives)", p.extract)?;
        row("parse: the five above", parse)?;
        row("rows", self.rows)?;
        row("DataFrames", self.frames)?;
        row("aggregates", self.aggregates)?;
        row("Parquet writing", self.parquet)?;
        row("CSV writing", self.csv)?;
        row("pipeline to Parquet", pipeline)?;
        writeln!(
            f,
            "(MB/s of the input bytes for every stage; \"× ceiling\" = stage time / newline count time)"
        )
    }
}
