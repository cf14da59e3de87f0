//! Output for people: the outline of a tree, and diagnostics in compiler style.

use crate::normalize::LineIndex;
use crate::tree::*;
use std::fmt::Write;
use unicode_segmentation::UnicodeSegmentation;

/// Cut a text to `max` grapheme clusters, with an ellipsis.
fn clip(s: &str, max: usize) -> String {
    let mut g = s.graphemes(true);
    let head: String = g.by_ref().take(max).collect();
    if g.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Partial => "partial",
        Status::Failed => "failed",
    }
}

/// The outline printed by `vanban parse`: each part with the line it starts on.
pub fn outline(doc: &Document) -> String {
    let mut o = String::new();
    let dialect = match doc.header.dialect {
        Some(Dialect::Party) => ", party",
        Some(Dialect::State) => ", state",
        None => "",
    };
    let _ = writeln!(o, "{}: {}{}", doc.file, status_word(doc.status), dialect);
    if doc.status == Status::Failed {
        for d in &doc.diagnostics {
            let _ = writeln!(o, "  error: {}", d.message);
        }
        return o;
    }
    let h = &doc.header;
    let line = |s: Option<Span>| s.map(|s| format!("L{}", s.line)).unwrap_or_default();
    let field = |o: &mut String, name: &str, v: Option<String>, at: String| {
        if let Some(v) = v {
            let _ = writeln!(o, "  {at:>6}  {name:<14}{}", clip(&v, 90));
        }
    };
    let _ = writeln!(o, "  header");
    field(&mut o, "issuer", h.issuer.clone(), line(h.spans.issuer));
    field(&mut o, "parent", h.issuer_parent.clone(), String::new());
    field(
        &mut o,
        "reference",
        h.reference.clone(),
        line(h.spans.reference),
    );
    let codes = match (&h.type_code, &h.issuer_code) {
        (None, None) => None,
        (t, i) => Some(format!(
            "type {} · issuer {}",
            t.as_deref().unwrap_or("-"),
            i.as_deref().unwrap_or("-")
        )),
    };
    field(&mut o, "codes", codes, String::new());
    let date = h
        .place
        .as_ref()
        .map(|p| format!("{p}, {}", h.date.as_deref().unwrap_or("(date incomplete)")));
    field(&mut o, "place, date", date, line(h.spans.date));
    field(&mut o, "doc type", h.doc_type.clone(), String::new());
    field(&mut o, "title", h.title.clone(), line(h.spans.title));
    field(&mut o, "subject", h.subject.clone(), String::new());
    if !h.addressees.is_empty() {
        field(
            &mut o,
            "addressees",
            Some(h.addressees.join(" | ")),
            String::new(),
        );
    }
    if !h.stamps.is_empty() {
        field(&mut o, "stamps", Some(h.stamps.join(", ")), String::new());
    }
    let _ = writeln!(o, "  body");
    fn nodes(o: &mut String, ns: &[Node], depth: usize) {
        for n in ns {
            let kind = n.kind.name();
            let marker = n
                .marker
                .as_deref()
                .map(|m| format!("{m} "))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "  {:>6}  {}{kind:<10}{}",
                format!("L{}", n.span.line),
                "  ".repeat(depth),
                clip(&format!("{marker}{}", n.text), 80)
            );
            nodes(o, &n.children, depth + 1);
        }
    }
    nodes(&mut o, &doc.body, 0);
    let _ = writeln!(o, "  recipients ({})", doc.recipients.len());
    for r in &doc.recipients {
        let _ = writeln!(
            o,
            "  {:>6}  - {}",
            format!("L{}", r.span.line),
            clip(&r.text, 80)
        );
    }
    match &doc.signature {
        None => {
            let _ = writeln!(o, "  signature: none");
        }
        Some(s) => {
            let _ = writeln!(o, "  signature");
            let sig_line = format!("L{}", s.span.line);
            for (i, a) in s.authorities.iter().enumerate() {
                let at = if i == 0 {
                    sig_line.clone()
                } else {
                    String::new()
                };
                let _ = writeln!(o, "  {at:>6}  authority     {} {}", a.prefix, a.text);
            }
            field(&mut o, "title", s.title.clone(), String::new());
            field(&mut o, "marker", s.signed_marker.clone(), String::new());
            field(&mut o, "signer", s.signer.clone(), String::new());
        }
    }
    if !doc.appendix.is_empty() {
        let _ = writeln!(
            o,
            "  appendix: {} blocks from L{}",
            doc.appendix.len(),
            doc.appendix[0].span.line
        );
    }
    if !doc.diagnostics.is_empty() {
        let _ = writeln!(o, "  diagnostics");
        for d in &doc.diagnostics {
            let _ = writeln!(
                o,
                "  {:>6}  {}: {}",
                format!("L{}", d.line),
                severity_word(d.severity),
                d.message
            );
        }
    }
    o
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Note => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// Diagnostics as a compiler prints them: `file:line:col: severity: message`, the source
/// line, a caret under the column, and what was expected. `original` is the decoded text.
pub fn diagnostics(doc: &Document, original: Option<&str>) -> String {
    let mut o = String::new();
    let index = original.map(LineIndex::new);
    for d in &doc.diagnostics {
        let _ = writeln!(
            o,
            "{}:{}:{}: {}: {}",
            doc.file,
            d.line,
            d.column,
            severity_word(d.severity),
            d.message
        );
        if let (Some(text), Some(index)) = (original, &index)
            && d.line <= index.len()
        {
            let src = &text[index.line_range(text, d.line)];
            let gutter = d.line.to_string();
            let pad = " ".repeat(gutter.len());
            // Keep tabs in the padding so the caret lines up however the terminal
            // expands them; every other cluster is one column wide.
            let caret_pad: String = src
                .graphemes(true)
                .take(d.column.saturating_sub(1))
                .map(|g| if g == "\t" { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(o, "{pad} |");
            let _ = writeln!(o, "{gutter} | {src}");
            let _ = writeln!(o, "{pad} | {caret_pad}^");
        }
        if !d.expected.is_empty() {
            let _ = writeln!(o, "  = expected: {}", d.expected.join(", or "));
        }
    }
    o
}

/// Every directive of a document, in order, with its node.
pub fn directives(doc: &Document) -> Vec<(&Node, &Directive)> {
    doc.walk()
        .into_iter()
        .filter_map(|n| n.directive.as_ref().map(|d| (n, d)))
        .collect()
}

/// The table printed by `vanban tasks`: directive → agencies (role) → deadline.
pub fn tasks(doc: &Document) -> String {
    let mut o = String::new();
    let h = &doc.header;
    let _ = writeln!(
        o,
        "{}: {} · {} · {}",
        doc.file,
        h.reference.as_deref().unwrap_or("(no number)"),
        h.issuer.as_deref().unwrap_or("(no issuer)"),
        h.date.as_deref().unwrap_or("(no date)")
    );
    let ds = directives(doc);
    if ds.is_empty() {
        let _ = writeln!(o, "  no directives");
    }
    for (n, d) in ds {
        let marker = n
            .marker
            .as_deref()
            .map(|m| format!("{m} "))
            .unwrap_or_default();
        let urgent = if d.urgent { " [urgent]" } else { "" };
        let _ = writeln!(
            o,
            "  L{:<5} {}{}",
            n.span.line,
            clip(&format!("{marker}{}", n.text), 100),
            urgent
        );
        for a in &d.assignments {
            let how = if a.explicit { "" } else { " (inferred)" };
            let _ = writeln!(o, "          {:<11} {}{how}", a.role.as_str(), a.canonical);
        }
        if let Some(dl) = &d.deadline {
            let period = match (&dl.start, &dl.end) {
                (Some(s), Some(e)) if s == e => s.clone(),
                (Some(s), Some(e)) => format!("{s} .. {e}"),
                (None, Some(e)) => format!(".. {e}"),
                _ => dl.period.clone().unwrap_or_default(),
            };
            let _ = writeln!(o, "          {:<11} {} ({period})", "deadline", dl.raw);
        }
    }
    o
}
