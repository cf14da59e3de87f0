//! A mutation fuzzer over the whole reading path: bytes → encoding, Word file or web
//! page → tree → directives → table rows → JSON and outline. Seeds are the project's
//! notices as text, in legacy encodings, as Word files and as web pages; each round
//! mutates one (bit flips, random and chosen bytes, cut, repeated or spliced ranges,
//! document.xml edited inside its zip) and must not panic.
//!
//! It runs for `VANBAN_FUZZ_SECS` seconds (default 5; `.ci/run` gives it longer) from the
//! seed `VANBAN_FUZZ_SEED` (default: the clock; printed, so that a run can be repeated).
//! Inputs that panic are written to `target/fuzz-crashes/` and fail the test.

use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};
use vanban::decode::{Encoding, encode};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that the grammar and the readers care about.
const TOKENS: [&[u8]; 28] = [
    b"<td>",
    b"</p><p>",
    b"&amp;",
    b"<script>",
    b"\t",
    b"\n",
    b"\r\n",
    "Số: ".as_bytes(),
    "-TB/TU".as_bytes(),
    "ngày 31 tháng 2 năm 2024".as_bytes(),
    "Nơi nhận:".as_bytes(),
    "TM. ỦY BAN NHÂN DÂN".as_bytes(),
    "K/T".as_bytes(),
    "1. ".as_bytes(),
    "a) ".as_bytes(),
    "II- ".as_bytes(),
    "- ".as_bytes(),
    "./.".as_bytes(),
    "Giao Sở Tài chính chủ trì, phối hợp với".as_bytes(),
    "trước ngày 15/13/2024".as_bytes(),
    "\u{301}\u{323}".as_bytes(),
    "\u{FEFF}".as_bytes(),
    b"\xff\xfe",
    b"\x00",
    b"\xe1\xbb",
    b"PK\x03\x04",
    b"<w:p><w:r><w:t>",
    b"</w:tc><w:tc>",
];

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["corpus", "tests/fixtures/docx"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "docx"))
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            if let Ok(text) = std::str::from_utf8(&bytes) {
                for e in [Encoding::Tcvn3, Encoding::Vni, Encoding::Utf16Le] {
                    out.push(encode(text, e));
                }
                // As a web page: lines as paragraphs, TAB lines as table rows.
                let page: String = text
                    .lines()
                    .map(|l| match l.split_once('\t') {
                        Some((a, b)) => format!("<table><tr><td>{a}</td><td>{b}</td></tr></table>"),
                        None => format!("<p>{l}</p>"),
                    })
                    .collect();
                out.push(format!("<!DOCTYPE html><html><body>{page}</body></html>").into_bytes());
            }
            out.push(bytes);
        }
    }
    out
}

/// document.xml of a Word file, edited by `edit`, zipped again.
fn rezip(docx: &[u8], edit: impl FnOnce(&mut Vec<u8>)) -> Option<Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).ok()?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut edit = Some(edit);
    for i in 0..z.len() {
        let mut f = z.by_index(i).ok()?;
        let name = f.name().ok()?.to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).ok()?;
        if name == "word/document.xml"
            && let Some(e) = edit.take()
        {
            e(&mut bytes);
        }
        out.start_file(name, opts).ok()?;
        out.write_all(&bytes).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

fn mutate_bytes(rng: &mut Rng, b: &mut Vec<u8>, pool: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(4) {
        let len = b.len();
        let at = rng.below(len + 1);
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                b[i] ^= 1 << rng.below(8);
            }
            1 => {
                let n = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                b.splice(at..at, bytes);
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                b.splice(at..at, t.iter().copied());
            }
            3 => {
                let end = (at + rng.below(256)).min(len);
                b.drain(at..end);
            }
            4 => b.truncate(at),
            5 if len > 0 => {
                // Repeat a range, up to 64 times.
                let end = (at + 1 + rng.below(128)).min(len);
                let piece = b[at.min(end)..end].to_vec();
                for _ in 0..rng.below(64) {
                    b.splice(at..at, piece.iter().copied());
                }
            }
            6 => {
                let other = &pool[rng.below(pool.len())];
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(512)).min(other.len());
                b.splice(at..at, other[from..end].iter().copied());
            }
            _ if len > 1 => {
                let (i, j) = (rng.below(len), rng.below(len));
                b.swap(i, j);
            }
            _ => {}
        }
    }
}

/// Everything a user's run does with one input.
fn run(bytes: &[u8]) {
    let doc = vanban::parse_bytes("fuzz", bytes);
    let rows = vanban::dataset::Rows::of(&doc, "0000000000000000");
    assert_eq!(rows.documents(), 1);
    serde_json::to_string(&doc).unwrap();
    vanban::render::outline(&doc);
    vanban::render::tasks(&doc);
    for d in &doc.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
    }
}

#[test]
fn mutated_inputs_never_panic() {
    let secs: u64 = std::env::var("VANBAN_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let seed: u64 = std::env::var("VANBAN_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        })
        | 1;
    let pool = seeds();
    let mut rng = Rng(seed);
    let crashes = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-crashes");
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let (mut runs, mut crashed, mut bytes_total) = (0u64, Vec::new(), 0usize);
    let mut slowest = (Duration::ZERO, 0usize);
    while started.elapsed() < Duration::from_secs(secs) {
        let base = &pool[rng.below(pool.len())];
        let input = if base.starts_with(b"PK\x03\x04") && rng.below(2) == 0 {
            let mut r = Rng(rng.next() | 1);
            rezip(base, |xml| mutate_bytes(&mut r, xml, &pool)).unwrap_or_else(|| base.clone())
        } else {
            let mut b = base.clone();
            mutate_bytes(&mut rng, &mut b, &pool);
            b
        };
        let t = Instant::now();
        let ok = std::panic::catch_unwind(|| run(&input)).is_ok();
        let took = t.elapsed();
        if took > slowest.0 {
            slowest = (took, input.len());
        }
        if !ok {
            std::fs::create_dir_all(&crashes).unwrap();
            let path = crashes.join(format!("{:016x}.bin", vanban::dataset::doc_key(&input)));
            std::fs::write(&path, &input).unwrap();
            crashed.push(path);
        }
        runs += 1;
        bytes_total += input.len();
    }
    std::panic::set_hook(quiet);
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "fuzz: seed {seed}, {runs} inputs ({:.1} MB) in {secs:.1} s ({:.0}/s), slowest {:.1} ms \
         ({} bytes), {} panics",
        bytes_total as f64 / 1e6,
        runs as f64 / secs,
        slowest.0.as_secs_f64() * 1e3,
        slowest.1,
        crashed.len()
    );
    assert!(runs > 0);
    assert!(crashed.is_empty(), "inputs that panic: {crashed:?}");
}
