#!/usr/bin/env python3
"""What a change does to every document: parse them all at two versions and compare.

    scripts/regress.py                  # HEAD against the work tree
    scripts/regress.py A B              # commit A against commit B (B may be WORKTREE)
    scripts/regress.py --list ...       # also every changed value, document by document

Each version is built in release mode (a commit through a temporary git worktree; the
dependencies' build is shared with the work tree's), then `vanban parse --json` reads
`corpus/`, `tests/fixtures/` and `../shared/corpus` (when present). The summary counts,
per field, the documents whose value changed; directives are compared as sets of
(line, agency, role) triples, of (line, deadline) pairs and of directive lines.
Binaries and JSON are kept under target/regress/ by commit, so a second run is quick.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "regress")
INPUTS = ["corpus", "tests/fixtures", "../shared/corpus"]

HEADER_FIELDS = ["dialect", "issuer", "issuer_parent", "reference", "number",
                 "type_code", "issuer_code", "doc_type", "place", "date", "title",
                 "subject", "addressees", "stamps"]
SIGNATURE_FIELDS = ["authority", "on_behalf_of", "title", "signer"]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, cwd=kw.pop("cwd", ROOT), **kw)


def rev_id(rev):
    if rev == "WORKTREE":
        return "worktree"
    out = run(["git", "rev-parse", "--short=12", rev], capture_output=True, text=True)
    return out.stdout.strip()


def binary_for(rev):
    """Build vanban at `rev` and return the path of a copy of its binary."""
    os.makedirs(WORK, exist_ok=True)
    rid = rev_id(rev)
    exe = os.path.join(WORK, f"vanban-{rid}")
    if rid != "worktree" and os.path.exists(exe):
        return exe, rid
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(ROOT, "target"))
    if rid == "worktree":
        src = ROOT
    else:
        src = os.path.join(WORK, f"src-{rid}")
        if not os.path.exists(src):
            run(["git", "worktree", "add", "--detach", "--force", src, rid],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"building {rev} ({rid}) …", file=sys.stderr)
    run(["cargo", "build", "--release", "--quiet"], cwd=src, env=env)
    shutil.copy(os.path.join(ROOT, "target", "release", "vanban"), exe)
    if src != ROOT:
        run(["git", "worktree", "remove", "--force", src])
    return exe, rid


def snapshot(rev):
    """Parse every input with vanban at `rev`: {file: tree}."""
    exe, rid = binary_for(rev)
    out = os.path.join(WORK, f"trees-{rid}.jsonl")
    inputs = [p for p in INPUTS if os.path.exists(os.path.join(ROOT, p))]
    with open(out, "w") as f:
        subprocess.run([exe, "parse", "--json", *inputs], stdout=f, cwd=ROOT, check=False)
    trees = {}
    with open(out) as f:
        for line in f:
            doc = json.loads(line)
            trees[doc["file"]] = doc
    return trees


def walk(nodes):
    for n in nodes:
        yield n
        yield from walk(n.get("children") or [])


def facts(doc):
    """The values compared, by name: each a value or a set."""
    h = doc.get("header") or {}
    out = {"status": doc.get("status"), "source": doc.get("source")}
    for k in HEADER_FIELDS:
        out[k] = json.dumps(h.get(k), ensure_ascii=False)
    sig = doc.get("signature") or {}
    for k in SIGNATURE_FIELDS:
        out["signature." + k] = sig.get(k)
    out["recipients"] = tuple(r["text"] for r in doc.get("recipients") or [])
    errors = [d for d in doc.get("diagnostics") or [] if d["severity"] == "error"]
    out["errors"] = len(errors)
    lines, triples, deadlines = set(), set(), set()
    for n in walk(doc.get("body") or []):
        d = n.get("directive")
        if not d:
            continue
        line = n["span"]["line"]
        lines.add(line)
        for a in d.get("assignments") or []:
            triples.add((line, a["role"], a["canonical"]))
        dl = d.get("deadline")
        if dl:
            deadlines.add((line, dl["kind"], dl.get("end") or dl.get("period")))
    out["directives"] = frozenset(lines)
    out["assignments"] = frozenset(triples)
    out["deadlines"] = frozenset(deadlines)
    return out


def compare(old, new):
    """{file: [(field, before, after)]} for every document whose facts differ."""
    changes = {}
    for file in sorted(set(old) | set(new)):
        if file not in old or file not in new:
            changes[file] = [("document", file in old, file in new)]
            continue
        a, b = facts(old[file]), facts(new[file])
        diff = [(k, a[k], b[k]) for k in a if a[k] != b[k]]
        if diff:
            changes[file] = diff
    return changes


def show(value):
    if isinstance(value, frozenset):
        items = sorted(value, key=str)
        return "{" + "; ".join(
            " ".join(map(str, v)) if isinstance(v, tuple) else str(v) for v in items) + "}"
    return str(value)


def report(old, new, changes, listing):
    per_field = Counter(k for diff in changes.values() for k, _, _ in diff)
    print(f"{len(new)} documents, {len(changes)} changed")
    totals = {}
    for name, trees in (("before", old), ("after", new)):
        fs = [facts(d) for d in trees.values()]
        totals[name] = (sum(f["status"] == "ok" for f in fs),
                        sum(len(f["directives"]) for f in fs),
                        sum(len(f["assignments"]) for f in fs),
                        sum(len(f["deadlines"]) for f in fs))
    print(f"{'':10} {'ok':>6} {'directives':>11} {'assignments':>12} {'deadlines':>10}")
    for name, t in totals.items():
        print(f"{name:10} {t[0]:>6} {t[1]:>11} {t[2]:>12} {t[3]:>10}")
    if per_field:
        print("documents changed, by field:")
        for k, n in per_field.most_common():
            print(f"  {k:<24} {n}")
    if listing:
        for file, diff in changes.items():
            print(f"\n{file}")
            for k, a, b in diff:
                if isinstance(a, frozenset):
                    gone, came = a - b, b - a
                    if gone:
                        print(f"  {k} -{show(frozenset(gone))}")
                    if came:
                        print(f"  {k} +{show(frozenset(came))}")
                else:
                    print(f"  {k}: {show(a)} → {show(b)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old", nargs="?", default="HEAD")
    ap.add_argument("new", nargs="?", default="WORKTREE")
    ap.add_argument("--list", action="store_true", help="print every changed value")
    args = ap.parse_args()
    old, new = snapshot(args.old), snapshot(args.new)
    report(old, new, compare(old, new), args.list)


if __name__ == "__main__":
    main()
