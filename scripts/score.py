#!/usr/bin/env python3
"""Score vanban against gold values written by reading the documents.

    scripts/score.py                          # tests/gold/varied against target/release/vanban
    scripts/score.py --trees trees.jsonl      # score trees parsed earlier
    scripts/score.py --list                   # also every miss, document by document
    scripts/score.py --floors tests/gold/varied/floors.tsv   # exit 1 below a floor

Gold files (`tests/gold/varied/README.md`): header fields, and directives named by an
anchor (their first words as printed). A gold directive is the body node whose text
holds its anchor (compared without diacritics or case, tolerant of OCR damage).
Scores: accuracy per header field; precision, recall and F1 of which nodes are
directives, of (directive, agency, role) triples and of (directive, deadline) pairs.
"""

import argparse
import difflib
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "corpus")

# Tone placement: the tree writes the old style (`hòa`, `ủy`); gold may copy either.
NEW_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
             "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
             "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}


def fold(s):
    """Case, spacing, composition and tone placement set aside."""
    s = unicodedata.normalize("NFC", s or "").lower()
    for new, old in NEW_TONES.items():
        s = s.replace(new, old)
    s = s.replace("–", "-").replace("—", "-")
    return " ".join(s.split())


def bare_words(s):
    """Words without diacritics or case: how anchors are found in OCR'd text."""
    s = unicodedata.normalize("NFD", s or "").replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.findall(r"[a-z0-9]+", s)


def authority_key(s):
    return re.sub(r"[\s./]", "", (s or "")).upper()


def read_gold(path):
    # A unit is keyed by (anchor, k): the k-th separate run of lines with that anchor is
    # the anchor's k-th occurrence in the document (the same duty under two headings).
    header, units, runs, last = {}, {}, defaultdict(int), None
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if f[0] == "header":
            header[f[1]] = f[2] if len(f) > 2 else ""
        elif f[0] == "directive":
            if f[1] != last:
                runs[f[1]] += 1
            last = f[1]
            key = (f[1], runs[f[1]] - 1)
            u = units.setdefault(key, {"roles": set(), "deadlines": set()})
            if f[2] == "deadline":
                u["deadlines"].add((f[3], f[4] if len(f) > 4 else ""))
            elif f[2] != "none":
                role = "lead" if f[2] == "addressee" else f[2]
                u["roles"].add((role, fold(f[3])))
        else:
            raise SystemExit(f"{path}: unknown line kind {f[0]!r}: {line!r}")
    return header, units


def document_of(gold_path):
    """The corpus file a gold file is about (`0022.tsv` → `varied/0022.*`)."""
    stem = os.path.splitext(os.path.basename(gold_path))[0]
    folder = os.path.basename(os.path.dirname(gold_path))
    found = [p for p in glob.glob(os.path.join(SHARED, folder, stem + ".*"))]
    return found[0] if found else None


def walk(nodes):
    for n in nodes:
        yield n
        yield from walk(n.get("children") or [])


def header_value(doc, field):
    h, sig = doc.get("header") or {}, doc.get("signature") or {}
    if field == "recipients":
        return str(len(doc.get("recipients") or []))
    if field in ("authority", "on_behalf_of", "signer"):
        return sig.get(field)
    if field == "signer_title":
        return sig.get("title")
    return h.get(field)


def header_equal(field, gold, got):
    if gold == "(none)":
        return got in (None, "", "0") if field == "recipients" else not got
    if field == "authority":
        return authority_key(gold) == authority_key(got)
    if field == "reference":
        return fold(gold).replace(" ", "") == fold(got).replace(" ", "")
    return fold(gold) == fold(got)


def find_node(nodes, anchor, after=-1):
    """The node after `after` whose text holds the anchor's words, best first; None if none does."""
    want = bare_words(anchor)[:10]
    best, best_score = None, 0.0
    for i, words in nodes:
        if i <= after:
            continue
        if not want:
            break
        # Compared without spaces: a PDF's text loses some, and vanban puts them back.
        text = "".join(words)
        key = "".join(want)
        pos = text.find(key)
        if pos >= 0:
            score = 2.0 - pos / (len(text) + 1)
        else:
            head = words[: len(want) + 3]
            score = difflib.SequenceMatcher(None, want, head, autojunk=False).ratio()
            if score < 0.75:
                continue
        if score > best_score:
            best, best_score = i, score
    return best


class Prf:
    def __init__(self):
        self.gold, self.pred, self.hit = 0, 0, 0
        self.misses = []

    def add(self, gold, pred, label):
        self.gold += len(gold)
        self.pred += len(pred)
        self.hit += len(gold & pred)
        self.misses += [f"{label} missed   {k}" for k in sorted(gold - pred, key=str)]
        self.misses += [f"{label} spurious {k}" for k in sorted(pred - gold, key=str)]

    def f1(self):
        p = self.hit / self.pred if self.pred else 1.0
        r = self.hit / self.gold if self.gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_directives(doc, units, name, scores):
    nodes = list(walk((doc.get("body") or []) + (doc.get("appendix") or [])))
    words = [(i, bare_words(n["text"])) for i, n in enumerate(nodes)]
    matched = {}
    for anchor, k in sorted(units, key=lambda u: u[1]):
        previous = matched.get((anchor, k - 1), -1) if k else -1
        matched[(anchor, k)] = find_node(words, anchor, -1 if previous is None else previous)
    gold_nodes, pred_nodes = set(), set()
    gold_roles, pred_roles, gold_dl, pred_dl = set(), set(), set(), set()
    for (anchor, k), u in units.items():
        key = matched[(anchor, k)]
        key = key if key is not None else f"unmatched:{anchor}#{k}"
        gold_nodes.add(key)
        gold_roles |= {(key,) + r for r in u["roles"]}
        gold_dl |= {(key,) + d for d in u["deadlines"]}
    for i, n in enumerate(nodes):
        d = n.get("directive")
        if not d:
            continue
        pred_nodes.add(i)
        for a in d.get("assignments") or []:
            role = "lead" if a["role"] == "addressee" else a["role"]
            pred_roles.add((i, role, fold(a["canonical"])))
        dl = d.get("deadline")
        if dl:
            pred_dl.add((i, dl["kind"], dl.get("end") or dl.get("period") or ""))
    scores["nodes"].add(gold_nodes, pred_nodes, name)
    scores["agency_role"].add(gold_roles, pred_roles, name)
    scores["deadline"].add(gold_dl, pred_dl, name)


def parse_all(files, exe):
    out = subprocess.run([exe, "parse", "--json", *files], capture_output=True,
                         text=True, check=False)
    trees = {}
    for line in out.stdout.splitlines():
        doc = json.loads(line)
        trees[os.path.abspath(doc["file"])] = doc
    return trees


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=os.path.join(ROOT, "tests", "gold", "varied"))
    ap.add_argument("--vanban", default=os.path.join(ROOT, "target", "release", "vanban"))
    ap.add_argument("--trees", help="a `vanban parse --json` output to score instead")
    ap.add_argument("--list", action="store_true", help="print every miss")
    ap.add_argument("--floors", help="TSV of measure<TAB>floor: exit 1 below one")
    args = ap.parse_args()

    golds = sorted(glob.glob(os.path.join(args.gold, "*.tsv")))
    golds = [g for g in golds if not os.path.basename(g).startswith("floors")]
    docs = {g: document_of(g) for g in golds}
    missing = [g for g, d in docs.items() if d is None]
    if missing:
        msg = f"{len(missing)} gold documents are absent (is ../shared/corpus there?)"
        if os.environ.get("CI"):
            raise SystemExit("error: " + msg)
        print("skipped: " + msg, file=sys.stderr)
        docs = {g: d for g, d in docs.items() if d}
    if args.trees:
        trees = {}
        for line in open(args.trees, encoding="utf-8"):
            doc = json.loads(line)
            trees[os.path.abspath(doc["file"])] = doc
    else:
        trees = parse_all([d for d in docs.values()], args.vanban)

    fields = ["issuer", "issuer_parent", "reference", "place", "date", "doc_type",
              "authority", "on_behalf_of", "signer_title", "signer", "recipients"]
    right, total = defaultdict(int), defaultdict(int)
    header_misses = []
    scores = {k: Prf() for k in ("nodes", "agency_role", "deadline")}
    n_units = 0
    ok = 0
    for g, path in docs.items():
        name = os.path.relpath(path, SHARED)
        header, units = read_gold(g)
        doc = trees.get(os.path.abspath(path))
        if doc is None:
            doc = {"status": "missing"}
        ok += doc.get("status") == "ok"
        for f in fields:
            gold = header.get(f)
            if gold is None or gold == "?":
                continue
            total[f] += 1
            got = header_value(doc, f)
            if header_equal(f, gold, got):
                right[f] += 1
            else:
                header_misses.append(f"{name} {f}: gold {gold!r}, got {got!r}")
        if units:
            n_units += len(units)
            score_directives(doc, units, name, scores)

    print(f"{len(docs)} documents ({ok} ok), {n_units} gold directives")
    print("header field      right / total  accuracy")
    measures = {}
    for f in fields:
        if total[f]:
            acc = right[f] / total[f]
            measures["header." + f] = acc
            print(f"  {f:<15} {right[f]:>5} / {total[f]:<5}  {acc:.2f}")
    all_right, all_total = sum(right.values()), sum(total.values())
    if all_total:
        measures["header.all"] = all_right / all_total
        print(f"  {'all':<15} {all_right:>5} / {all_total:<5}  {all_right / all_total:.2f}")
    for k, s in scores.items():
        p, r, f1 = s.f1()
        measures[k] = f1
        print(f"{k:<12} gold {s.gold:>4} found {s.pred:>4}  P {p:.2f}  R {r:.2f}  F1 {f1:.2f}")
    if args.list:
        print("\n".join(["", *header_misses]))
        for k, s in scores.items():
            print("\n".join(["", *s.misses]))
    if args.floors:
        failed = []
        for raw in open(args.floors, encoding="utf-8"):
            if raw.startswith("#") or not raw.strip():
                continue
            measure, floor = raw.split()
            if measures.get(measure, 0.0) + 1e-9 < float(floor):
                failed.append(f"{measure} {measures.get(measure, 0.0):.3f} < floor {floor}")
        if failed:
            raise SystemExit("below floor: " + "; ".join(failed))


if __name__ == "__main__":
    main()
