//! Formats read through an installed converter: PDF by poppler's `pdftotext -layout`,
//! Word 97-2003 (.doc) by `antiword -w 0`, the tools the real-document corpus was made
//! with, so their output has the layouts the grammar reads (columns side by side, ASCII
//! box tables). The bytes go to the tool's standard input; the run is bounded in time and
//! output. Without the tool, the caller's message says what to install or run.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A format read through a converter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Doc,
}

impl Format {
    /// Recognised by the file's first bytes, whatever its name.
    pub fn of(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(b"%PDF-") {
            Some(Format::Pdf)
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // OLE2: Word 97-2003, but also old Excel and PowerPoint (antiword says so).
            Some(Format::Doc)
        } else {
            None
        }
    }

    /// The `source` of a document read this way.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Doc => "doc",
        }
    }

    fn program(self) -> &'static str {
        match self {
            Format::Pdf => "pdftotext",
            Format::Doc => "antiword",
        }
    }

    fn args(self) -> &'static [&'static str] {
        match self {
            // `-` `-`: the PDF from standard input, the text to standard output.
            Format::Pdf => &["-layout", "-enc", "UTF-8", "-", "-"],
            // `-w 0`: a paragraph per line, as Word files are read; UTF-8 output.
            Format::Doc => &["-w", "0", "-m", "UTF-8.txt", "-"],
        }
    }

    /// What to do when the converter is missing.
    fn advice(self) -> &'static str {
        match self {
            Format::Pdf => {
                "this is a PDF file and `pdftotext` is not installed: install poppler-utils \
                 (Debian, Ubuntu: `apt install poppler-utils`), or extract its text with \
                 `pdftotext -layout FILE.pdf` (OCR it first if it is a scan)"
            }
            Format::Doc => {
                "this is a Word 97-2003 file (.doc) and `antiword` is not installed: install \
                 antiword (`apt install antiword`), save it as .docx, or extract its text \
                 with `antiword -w 0 FILE.doc`"
            }
        }
    }
}

/// How long one conversion may take: a long gazette PDF converts in well under a second.
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The text of `bytes` as the converter writes it (form feeds between pages dropped), and
/// how it was read (`pdf`, `doc`, or `ocr` for a scanned PDF), or why there is none.
pub fn text(format: Format, bytes: &[u8]) -> Result<(String, &'static str), String> {
    let out = run(format.program(), format.args(), bytes, TIME_LIMIT).map_err(|e| match e {
        RunError::NotFound => format.advice().to_string(),
        RunError::Failed(why) => why,
    })?;
    let layer = String::from_utf8_lossy(&out);
    if format == Format::Pdf && is_scan(&layer) {
        let pages = layer.matches('\u{000C}').count().max(1);
        return Ok((crate::ocr::text(bytes, pages)?, "ocr"));
    }
    let text = layer.replace('\u{000C}', "");
    if text.trim().is_empty() {
        return Err("antiword found no text in this .doc file".to_string());
    }
    Ok((text, format.name()))
}

/// Whether a PDF's text layer is no real text, so that its pages are read by OCR: empty,
/// or little more than the stamps an e-signature leaves (`Ký bởi:`, `Thời gian ký:`) on
/// scanned pages, or a poor OCR layer that lost the diacritics (`CONG HOA XA HOI`).
fn is_scan(layer: &str) -> bool {
    let pages = layer.matches('\u{000C}').count().max(1);
    let text: Vec<&str> = layer
        .lines()
        .filter(|l| !crate::stamp::is_signing_line(l))
        .collect();
    let letters: usize = text
        .iter()
        .map(|l| l.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    // A typed page holds 1,500 letters or more; a stamp a hundred.
    if letters < 200 * pages {
        return true;
    }
    // Four Vietnamese words in five carry a diacritic; a layer without them is no text.
    let words = text.iter().flat_map(|l| l.split_whitespace());
    let (mut all, mut marked) = (0usize, 0usize);
    for w in words.filter(|w| w.chars().all(char::is_alphabetic)) {
        all += 1;
        marked += usize::from(!w.is_ascii());
    }
    all >= 50 && marked * 10 < all * 4
}

pub(crate) enum RunError {
    NotFound,
    /// Why, naming the program.
    Failed(String),
}

/// Run `program` on `bytes`: its standard output, or why there is none.
pub(crate) fn run(
    program: &str,
    args: &[&str],
    bytes: &[u8],
    limit: Duration,
) -> Result<Vec<u8>, RunError> {
    let fail = |why: String| Err(RunError::Failed(why));
    let mut child = match Command::new(program)
        .args(args)
        // Tesseract's threads would compete with the batch's own.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(RunError::NotFound),
        Err(e) => return fail(format!("cannot run {program}: {e}")),
    };
    // Input and output in threads of their own: a tool that writes before it has read
    // everything would otherwise block on a full pipe.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        // A tool that stops reading early (a broken file) closes the pipe: not an error
        // of ours, its exit status says what happened.
        let _ = stdin.write_all(&input);
    });
    let stdout = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let read = stdout.take(crate::MAX_INPUT + 1).read_to_end(&mut out);
        read.map(|_| out)
    });
    let stderr = child.stderr.take().expect("stderr is piped");
    let errors = std::thread::spawn(move || {
        let mut err = Vec::new();
        let _ = stderr.take(64 << 10).read_to_end(&mut err);
        err
    });
    let start = Instant::now();
    // Polled, from 1 ms up to 20 ms: most files take a few milliseconds.
    let mut pause = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return fail(format!(
                    "{program} did not finish in {:.1} s: the file may be damaged",
                    limit.as_secs_f64()
                ));
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            Err(e) => return fail(format!("{program}: {e}")),
        }
    };
    let _ = writer.join();
    let out = match reader.join() {
        Ok(Ok(out)) => out,
        Ok(Err(e)) => return fail(format!("{program}: {e}")),
        Err(_) => return fail(format!("{program}: reading its output failed")),
    };
    let err = errors.join().unwrap_or_default();
    if !status.success() {
        let said = String::from_utf8_lossy(&err);
        let said = said.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        return fail(format!(
            "{program} could not read this file ({}){}",
            status,
            if said.is_empty() {
                String::new()
            } else {
                format!(": {}", said.trim())
            }
        ));
    }
    if out.len() as u64 > crate::MAX_INPUT {
        return fail(format!(
            "{program} wrote more than {} MiB of text: larger than any one document",
            crate::MAX_INPUT >> 20
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_first_bytes() {
        assert_eq!(Format::of(b"%PDF-1.7\n%\xE2\xE3"), Some(Format::Pdf));
        assert_eq!(
            Format::of(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]),
            Some(Format::Doc)
        );
        assert_eq!(Format::of(b"PDF-1.7"), None);
        assert_eq!(Format::of(b"{\\rtf1"), None);
    }

    fn failure(r: Result<Vec<u8>, RunError>) -> String {
        match r {
            Err(RunError::Failed(why)) => why,
            Err(RunError::NotFound) => "not found".into(),
            Ok(out) => panic!("no error: {out:?}"),
        }
    }

    #[test]
    fn a_converter_that_hangs_is_stopped_at_the_limit() {
        let clock = Instant::now();
        let why = failure(run(
            "sh",
            &["-c", "sleep 30"],
            b"",
            Duration::from_millis(200),
        ));
        assert!(why.starts_with("sh did not finish in 0.2 s"), "{why}");
        assert!(
            clock.elapsed() < Duration::from_secs(20),
            "killed, not waited for"
        );
    }

    #[test]
    fn a_converter_that_fails_says_why() {
        let why = failure(run(
            "sh",
            &["-c", "echo 'Syntax Error: broken' >&2; exit 3"],
            b"x",
            TIME_LIMIT,
        ));
        assert_eq!(
            why,
            "sh could not read this file (exit status: 3): Syntax Error: broken"
        );
        assert_eq!(
            failure(run("vanban-no-such-tool", &[], b"", TIME_LIMIT)),
            "not found"
        );
    }

    #[test]
    fn input_and_output_pass_through_pipes_of_any_size() {
        // More than a pipe holds (64 KiB), both ways: neither side may block the other.
        let input = vec![b'a'; 1 << 20];
        let out = run("cat", &[], &input, TIME_LIMIT).ok().unwrap();
        assert_eq!(out, input);
    }
}
