//! Scanned PDFs read by OCR: each page rendered by poppler's `pdftoppm` and read by
//! Tesseract with its Vietnamese model (`tesseract-ocr`, `tesseract-ocr-vie`), one page
//! at a time through pipes (no temporary files), each run bounded in time.

use crate::convert::{RunError, run};
use std::time::Duration;

/// How long one page may take to render or to read (a page takes a few seconds).
const PAGE_LIMIT: Duration = Duration::from_secs(120);

/// Pages read at most: a scanned document is rarely longer; the rest is left unread,
/// with a line saying so.
pub const MAX_PAGES: usize = 60;

/// Resolution of the rendered pages: Tesseract reads printed text best at 300 dpi.
const DPI: &str = "300";

/// The text of a scanned PDF of `pages` pages, page after page. With `VANBAN_OCR_CACHE`
/// set to a folder, the text is kept there by the PDF's content hash and read back the
/// next time (OCR takes seconds a page; tests and rebuilds read the same scans again).
pub fn text(pdf: &[u8], pages: usize) -> Result<String, String> {
    // Set but empty means no cache (not the current folder).
    let cached = std::env::var_os("VANBAN_OCR_CACHE")
        .filter(|dir| !dir.is_empty())
        .map(|dir| std::path::Path::new(&dir).join(format!("{}.txt", crate::dataset::doc_id(pdf))));
    if let Some(text) = cached
        .as_ref()
        .and_then(|p| std::fs::read_to_string(p).ok())
    {
        return Ok(text);
    }
    let text = read_pages(pdf, pages)?;
    if let Some(path) = cached {
        // A cache that cannot be written only costs time.
        let _ = std::fs::create_dir_all(path.parent().unwrap_or(&path));
        let _ = std::fs::write(&path, &text);
    }
    Ok(text)
}

fn read_pages(pdf: &[u8], pages: usize) -> Result<String, String> {
    let mut text = String::new();
    for page in 1..=pages.min(MAX_PAGES) {
        let image = render(pdf, page)?;
        let read = run(
            "tesseract",
            &["stdin", "stdout", "-l", "vie"],
            &image,
            PAGE_LIMIT,
        )
        .map_err(|e| match e {
            RunError::NotFound => ADVICE.to_string(),
            RunError::Failed(why) if why.contains("vie") => format!("{why}; {ADVICE}"),
            RunError::Failed(why) => format!("page {page}: {why}"),
        })?;
        text.push_str(&String::from_utf8_lossy(&read).replace('\u{000C}', ""));
    }
    if text.trim().is_empty() {
        return Err("the PDF has no text layer and OCR found no text in its pages".into());
    }
    Ok(text)
}

const ADVICE: &str = "this PDF is a scan (no text layer) and is read by OCR: install \
                      Tesseract with its Vietnamese model (Debian, Ubuntu: `apt install \
                      tesseract-ocr tesseract-ocr-vie`), or OCR it first (`ocrmypdf -l vie \
                      FILE.pdf OUT.pdf`) and read OUT.pdf";

/// One page as a PNG image.
fn render(pdf: &[u8], page: usize) -> Result<Vec<u8>, String> {
    let page = page.to_string();
    let args = [
        "-r",
        DPI,
        "-gray",
        "-png",
        "-f",
        &page,
        "-l",
        &page,
        "-singlefile",
        "-",
    ];
    run("pdftoppm", &args, pdf, PAGE_LIMIT).map_err(|e| match e {
        RunError::NotFound => format!("`pdftoppm` is missing (poppler-utils); {ADVICE}"),
        RunError::Failed(why) => format!("page {page}: {why}"),
    })
}
