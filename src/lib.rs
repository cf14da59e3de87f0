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
pub mod convert;
pub mod dataset;
pub mod decode;
pub mod docx;
pub mod extract;
pub mod grammar;
pub mod html;
mod lexicon;
pub mod markdown;
pub mod normalize;
pub mod ocr;
pub mod render;
pub(crate) mod repair;
pub mod report;
pub mod stamp;
pub mod syllable;
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
    parse_bytes_as(file, bytes, None, g, t)
}

/// The largest file read: no single document comes near it (the largest of the test
/// corpus is 1.6 MB), and it bounds what one file can take (about three times its size
/// while parsed).
pub const MAX_INPUT: u64 = 64 << 20;

/// The reason given for a file over [`MAX_INPUT`].
pub fn too_large(bytes: u64) -> String {
    format!(
        "the file is {:.0} MB, larger than any one document ({} MiB is the limit): if it \
         holds several documents, split it into one file each",
        bytes as f64 / 1e6,
        MAX_INPUT >> 20
    )
}

/// The text of a file and how it was read.
#[derive(Debug)]
pub struct Text {
    pub text: String,
    /// The encoding's name, or `docx`, `html`, `pdf`, `doc`.
    pub source: &'static str,
    /// Diagnostics about the reading (a guessed encoding, replaced bytes).
    pub diagnostics: Vec<tree::Diagnostic>,
    /// An e-signature stamp found in the text (and blanked out of it).
    pub signing: Option<tree::Signing>,
}

/// The text of a file's bytes, read as `encoding` (detected when `None`). Word files
/// (.docx) are recognised by their content, whatever their name; PDF and .doc files are
/// read through `pdftotext` and `antiword` (an error says what to install when they are
/// missing); RTF files get an error saying how to get their text.
pub fn text_of(bytes: &[u8], encoding: Option<decode::Encoding>) -> Result<Text, String> {
    let mut text = read_text(bytes, encoding)?;
    text.signing = stamp::remove(&mut text.text);
    Ok(text)
}

/// [`text_of`] before the signing stamps are taken out.
fn read_text(bytes: &[u8], encoding: Option<decode::Encoding>) -> Result<Text, String> {
    if bytes.len() as u64 > MAX_INPUT {
        return Err(too_large(bytes.len() as u64));
    }
    if let Some(reason) = unsupported(bytes) {
        return Err(reason.to_string());
    }
    if let Some(format) = convert::Format::of(bytes) {
        let (text, source) = convert::text(format, bytes)?;
        return Ok(Text {
            text,
            source,
            diagnostics: Vec::new(),
            signing: None,
        });
    }
    if docx::is_zip(bytes) {
        return Ok(Text {
            text: docx::text(bytes)?,
            source: "docx",
            diagnostics: Vec::new(),
            signing: None,
        });
    }
    let mut d = decode::decode_as(bytes, encoding).map_err(|e| e.to_string())?;
    let mut source = d.encoding.name();
    if html::is_html(&d.text) {
        d.text = html::text(&d.text);
        // Offsets of replaced bytes point into the markup, not into this text.
        d.replaced_at = d.replaced_at.map(|_| 0);
        source = "html";
    } else if markdown::is_markdown(&d.text) {
        d.text = markdown::text(&d.text);
        d.replaced_at = d.replaced_at.map(|_| 0);
        source = "markdown";
    }
    let mut diagnostics = Vec::new();
    if let Some((valid, invalid)) = d.detected {
        diagnostics.push(diagnostic_at(
            &d.text,
            0,
            tree::Severity::Note,
            format!(
                "not UTF-8: read as {} ({valid} of {} words with accents are Vietnamese \
                 syllables); name another with --encoding",
                d.encoding,
                valid + invalid
            ),
        ));
    }
    if let Some(at) = d.replaced_at {
        diagnostics.push(diagnostic_at(
            &d.text,
            at,
            tree::Severity::Warning,
            format!(
                "{} invalid {} sequence(s) replaced by U+FFFD",
                d.replaced,
                d.encoding.name().to_uppercase()
            ),
        ));
    }
    Ok(Text {
        text: d.text,
        source,
        diagnostics,
        signing: None,
    })
}

/// Parse a file's bytes read as `encoding` (detected when `None`; see [`text_of`]).
pub fn parse_bytes_as(
    file: &str,
    bytes: &[u8],
    encoding: Option<decode::Encoding>,
    g: &extract::Gazetteer,
    t: &mut StageTimes,
) -> Document {
    let clock = std::time::Instant::now();
    let text = text_of(bytes, encoding);
    t.decode += clock.elapsed();
    match text {
        Err(e) => Document::failed(file, bytes.len(), e),
        Ok(text) => {
            let mut doc = parse_text_timed(file, &text.text, g, t);
            doc.bytes = bytes.len();
            doc.source = text.source.to_string();
            doc.signing = text.signing;
            doc.diagnostics.splice(0..0, text.diagnostics);
            doc
        }
    }
}

/// Formats whose text `vanban` does not get at all, told by their first bytes, with what
/// to do.
fn unsupported(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"{\\rtf") {
        Some("this is an RTF file: save it as .docx or as text")
    } else {
        None
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
    // Counted with normalization: both read the text once, before the grammar.
    let garbled = syllable::garbled(&norm.text);
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
    if let Some(g) = garbled {
        doc.status = Status::Partial;
        // Diagnostics hold original offsets; `g.at` is one of the normalized text.
        let at = norm.map.to_original(g.at);
        let message = format!(
            "garbled text: {} of {} words with accents are no Vietnamese syllables (text \
             extracted from a PDF whose fonts have no Unicode map?); extract it again with \
             OCR, or give vanban the original file; the values read here are unreliable",
            g.invalid,
            g.valid + g.invalid
        );
        let d = diagnostic_at(text, at, tree::Severity::Error, message);
        doc.diagnostics.insert(0, d);
    }
    if let Some(e) = grammar_error {
        doc.status = Status::Partial;
        let message = format!("the grammar could not type this text: {e}");
        let d = diagnostic_at(text, 0, tree::Severity::Error, message);
        doc.diagnostics.insert(0, d);
    }
    doc
}

/// A diagnostic at byte `offset` of `text` (the decoded text), with its line and column.
fn diagnostic_at(
    text: &str,
    offset: usize,
    severity: tree::Severity,
    message: String,
) -> tree::Diagnostic {
    let (line, column) = normalize::LineIndex::new(text).line_col(text, offset);
    tree::Diagnostic {
        line,
        column,
        severity,
        message,
        expected: Vec::new(),
        offset,
    }
}

/// Read and parse a file. An I/O error gives a `failed` document, not an `Err`.
pub fn parse_file(path: &std::path::Path) -> Document {
    parse_file_as(path, None, extract::Gazetteer::builtin())
}

/// [`parse_file`] with a gazetteer of one's own.
pub fn parse_file_with(path: &std::path::Path, g: &extract::Gazetteer) -> Document {
    parse_file_as(path, None, g)
}

/// [`parse_file`] read as `encoding` (detected when `None`), with a gazetteer.
pub fn parse_file_as(
    path: &std::path::Path,
    encoding: Option<decode::Encoding>,
    g: &extract::Gazetteer,
) -> Document {
    let name = path.display().to_string();
    match read_input(path) {
        Ok(bytes) => parse_bytes_as(&name, &bytes, encoding, g, &mut StageTimes::default()),
        Err((size, e)) => Document::failed(&name, size, e),
    }
}

/// The text of a file as the grammar reads it: converted, its stamps taken out,
/// normalized.
pub fn normalized_text_of(
    path: &std::path::Path,
    encoding: Option<decode::Encoding>,
) -> Result<String, String> {
    let bytes = read_input(path).map_err(|(_, e)| e)?;
    let text = text_of(&bytes, encoding)?;
    Ok(normalize::normalize(&text.text).text)
}

/// A file's bytes, or (its size, why it is not read): unreadable, or over [`MAX_INPUT`]
/// (told from its size, before reading it).
pub fn read_input(path: &std::path::Path) -> Result<Vec<u8>, (usize, String)> {
    if let Ok(m) = std::fs::metadata(path)
        && m.is_file()
        && m.len() > MAX_INPUT
    {
        return Err((m.len() as usize, too_large(m.len())));
    }
    std::fs::read(path).map_err(|e| (0, format!("cannot read the file: {e}")))
}
