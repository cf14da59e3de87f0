//! vanban: Vietnamese administrative documents → typed trees (and, later, tables).
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! [`decode`] bytes → text, [`normalize`] text → canonical text + offset map,
//! [`grammar`] canonical text → typed lines (pest), [`assemble`] typed lines → [`tree`],
//! [`extract`] tree → directives (agencies, roles, deadlines) written into the tree.
//! [`dataset`] turns trees into tables (polars, Parquet, CSV) and aggregates.
//! [`render`] prints trees and diagnostics for people.

// pest's derive without its "std" feature names `alloc` (see Cargo.toml).
extern crate alloc;

pub mod assemble;
pub mod batch;
pub mod bench;
pub mod dataset;
pub mod decode;
pub mod extract;
pub mod grammar;
pub mod normalize;
pub mod render;
pub mod report;
pub mod synth;
pub mod tree;

pub use tree::{Document, Status};

/// Parse a file's bytes. Never panics and never fails: unreadable input gives a document
/// with status `failed` and a diagnostic that says why.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Document {
    parse_bytes_with(file, bytes, extract::Gazetteer::builtin())
}

/// [`parse_bytes`] with a gazetteer of one's own (the built-in one extended).
pub fn parse_bytes_with(file: &str, bytes: &[u8], g: &extract::Gazetteer) -> Document {
    parse_bytes_timed(file, bytes, g, &mut StageTimes::default())
}

/// Time spent in each stage, added up over the documents parsed (`vanban bench`).
#[derive(Debug, Default, Clone, Copy)]
pub struct StageTimes {
    pub decode: std::time::Duration,
    pub normalize: std::time::Duration,
    pub grammar: std::time::Duration,
    pub assemble: std::time::Duration,
    pub extract: std::time::Duration,
}

/// [`parse_bytes_with`], adding the time of each stage to `t`.
pub fn parse_bytes_timed(
    file: &str,
    bytes: &[u8],
    g: &extract::Gazetteer,
    t: &mut StageTimes,
) -> Document {
    let clock = std::time::Instant::now();
    let decoded = decode::decode(bytes);
    t.decode += clock.elapsed();
    match decoded {
        Err(e) => Document::failed(file, bytes.len(), e.to_string()),
        Ok(d) => {
            let mut doc = parse_text_timed(file, &d.text, g, t);
            doc.bytes = bytes.len();
            if let Some(at) = d.replaced_at {
                let index = normalize::LineIndex::new(&d.text);
                let (line, column) = index.line_col(&d.text, at);
                doc.diagnostics.insert(
                    0,
                    tree::Diagnostic {
                        line,
                        column,
                        severity: tree::Severity::Warning,
                        message: format!(
                            "{} invalid UTF-8 sequence(s) replaced by U+FFFD",
                            d.replaced
                        ),
                        expected: Vec::new(),
                        offset: at,
                    },
                );
            }
            doc
        }
    }
}

/// Parse decoded text.
pub fn parse_text(file: &str, text: &str) -> Document {
    parse_text_with(file, text, extract::Gazetteer::builtin())
}

/// [`parse_text`] with a gazetteer of one's own.
pub fn parse_text_with(file: &str, text: &str, g: &extract::Gazetteer) -> Document {
    parse_text_timed(file, text, g, &mut StageTimes::default())
}

/// [`parse_text_with`], adding the time of each stage to `t`.
pub fn parse_text_timed(
    file: &str,
    text: &str,
    g: &extract::Gazetteer,
    t: &mut StageTimes,
) -> Document {
    let clock = std::time::Instant::now();
    let norm = normalize::normalize(text);
    let after_normalize = std::time::Instant::now();
    let (lines, grammar_error) = match grammar::lines(&norm.text) {
        Ok(lines) => (lines, None),
        Err(e) => (grammar::untyped_lines(&norm.text), Some(e.to_string())),
    };
    let after_grammar = std::time::Instant::now();
    let mut doc = assemble::assemble(file, text, &norm, &lines);
    let after_assemble = std::time::Instant::now();
    extract::annotate(&mut doc, g);
    let after_extract = std::time::Instant::now();
    t.normalize += after_normalize - clock;
    t.grammar += after_grammar - after_normalize;
    t.assemble += after_assemble - after_grammar;
    t.extract += after_extract - after_assemble;
    if let Some(e) = grammar_error {
        doc.status = Status::Partial;
        doc.diagnostics.insert(
            0,
            tree::Diagnostic {
                line: 1,
                column: 1,
                severity: tree::Severity::Error,
                message: format!("the grammar could not type this text: {e}"),
                expected: Vec::new(),
                offset: 0,
            },
        );
    }
    doc
}

/// Read and parse a file. An I/O error gives a `failed` document, not an `Err`.
pub fn parse_file(path: &std::path::Path) -> Document {
    parse_file_with(path, extract::Gazetteer::builtin())
}

/// [`parse_file`] with a gazetteer of one's own.
pub fn parse_file_with(path: &std::path::Path, g: &extract::Gazetteer) -> Document {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => parse_bytes_with(&name, &bytes, g),
        Err(e) => Document::failed(&name, 0, format!("cannot read the file: {e}")),
    }
}
