#!/usr/bin/env python3
"""Scan documents whose values are known, read the scans back by OCR, and count, per
header field, how often the scan reads like its clean twin.

    scripts/ocr_twins.py --synth 40                      # `vanban synth` notices
    scripts/ocr_twins.py --twins ../shared/corpus --sample 40
    scripts/ocr_twins.py ... --list                      # also every difference

`--synth N`: N notices written by `vanban synth --seed S` (the values they were generated
with, `expected.jsonl`, are the truth). `--twins SRC`: a sample of the .txt files under
SRC (drawn with `--seed`, at most `--max-kb` KB each so that a law of 500 pages does not
take an hour), whose clean text parsed by vanban is the truth. Either way the texts are
laid out, rendered and degraded by tests/fixtures/scanned/make_scans.py (LibreOffice,
pdftoppm, ImageMagick, python-docx, img2pdf: see its docstring), and vanban reads the
scans through pdftoppm and Tesseract. Scans are written under `--work` (default
target/ocr-twins), outside the repository's tracked files, and reused when present.

Prints one line per field: how many scans agree with the truth, of how many documents.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAKE_SCANS = os.path.join(ROOT, "tests", "fixtures", "scanned", "make_scans.py")

# (name, how to read it from a tree, key in synth's expected.jsonl)
FIELDS = [
    ("issuer", lambda d: d["header"]["issuer"], "issuer"),
    ("issuer_parent", lambda d: d["header"]["issuer_parent"], "issuer_parent"),
    ("reference", lambda d: d["header"]["reference"], "reference"),
    ("place", lambda d: d["header"]["place"], "place"),
    ("date", lambda d: d["header"]["date"], "date"),
    ("doc_type", lambda d: d["header"]["doc_type"], "doc_type"),
    ("title", lambda d: d["header"]["title"], "title"),
    ("authority", lambda d: (d["signature"] or {}).get("authority"), "authority"),
    ("on_behalf_of", lambda d: (d["signature"] or {}).get("on_behalf_of"), "on_behalf_of"),
    ("signer_title", lambda d: (d["signature"] or {}).get("title"), "signer_title"),
    ("signer", lambda d: (d["signature"] or {}).get("signer"), "signer"),
    ("recipients", lambda d: len(d["recipients"]), "recipients"),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--synth", type=int, metavar="N", help="scan N synth notices")
    mode.add_argument("--twins", metavar="SRC", help="scan a sample of the .txt under SRC")
    ap.add_argument("--sample", type=int, default=40, help="with --twins: how many")
    ap.add_argument("--max-kb", type=int, default=12, help="with --twins: largest text")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "ocr-twins"))
    ap.add_argument("--vanban", default=os.path.join(ROOT, "target", "release", "vanban"))
    ap.add_argument("--list", action="store_true", help="print every difference")
    args = ap.parse_args()

    if args.synth:
        pairs = synth_pairs(args)
    else:
        pairs = twin_pairs(args)
    agree = {name: 0 for name, _, _ in FIELDS}
    for label, scan_pdf, truth in pairs:
        tree = parse(args.vanban, scan_pdf)
        for name, get, _ in FIELDS:
            got, want = get(tree), truth[name]
            if got == want:
                agree[name] += 1
            elif args.list:
                print(f"{label}: {name}: {got!r} (clean: {want!r})")
    n = len(pairs)
    print(f"{n} scanned documents; header fields equal to the clean twin's:")
    for name, _, _ in FIELDS:
        print(f"  {name:<14} {agree[name]:>4}/{n}  {agree[name] / max(n, 1):.2f}")
    total = sum(agree.values())
    print(f"  {'all':<14} {total:>4}/{n * len(FIELDS)}  {total / max(n * len(FIELDS), 1):.2f}")


def synth_pairs(args):
    """(label, scan, truth) of N synth notices; truth from expected.jsonl."""
    folder = os.path.join(args.work, f"synth-{args.seed}-{args.synth}")
    expected = os.path.join(folder, "expected.jsonl")
    if not os.path.exists(expected):
        shutil.rmtree(folder, ignore_errors=True)
        run([args.vanban, "synth", "--docs", str(args.synth), "--seed", str(args.seed),
             "--out", folder])
    rows = [json.loads(line) for line in open(expected, encoding="utf-8")]
    if not all(os.path.exists(pdf_of(folder, r["file"])) for r in rows):
        run([sys.executable, MAKE_SCANS, "--synth", folder])
    return [(r["file"], pdf_of(folder, r["file"]), {name: r[key] for name, _, key in FIELDS})
            for r in rows]


def twin_pairs(args):
    """(label, scan, truth) of a sample of SRC's texts; truth from their clean parse."""
    texts = []
    for top, _, files in os.walk(args.twins):
        for f in files:
            path = os.path.join(top, f)
            if f.endswith(".txt") and os.path.getsize(path) <= args.max_kb * 1024:
                texts.append(os.path.relpath(path, args.twins))
    texts.sort()
    chosen = random.Random(args.seed).sample(texts, min(args.sample, len(texts)))
    src = os.path.join(args.work, f"twins-src-{args.seed}")
    out = os.path.join(args.work, f"twins-{args.seed}")
    for rel in chosen:
        dest = os.path.join(src, rel)
        if not os.path.exists(dest):
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copyfile(os.path.join(args.twins, rel), dest)
    if not all(os.path.exists(pdf_of(out, rel)) for rel in chosen):
        run([sys.executable, MAKE_SCANS, "--twins", src, out])
    pairs = []
    for rel in chosen:
        clean = parse(args.vanban, os.path.join(args.twins, rel))
        pairs.append((rel, pdf_of(out, rel), {name: get(clean) for name, get, _ in FIELDS}))
    return pairs


def pdf_of(folder, rel):
    return os.path.join(folder, rel[:-len(".txt")] + ".pdf")


def parse(vanban, path):
    out = subprocess.run([vanban, "parse", "--json", path], capture_output=True, text=True)
    line = out.stdout.splitlines()[0] if out.stdout else "{}"
    return json.loads(line)


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
