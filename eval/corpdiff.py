#!/usr/bin/env python3
"""Compare two planwatch binaries on every corpus document outside the check split.

    python3 eval/corpdiff.py OLD_BIN NEW_BIN [--tasks]

For each document of ../shared/corpus (texts and pdf/) that the split rule of
score.py does not put in check, both binaries extract it and the script prints
what one found and the other did not: targets and observations (indicator,
value, year, period), and with --tasks also tasks with their units and the
document fields. Annotated or not, every change a rule makes shows here, so a
rule's side effects on documents it was not written for can be read before it
lands; check documents stay unseen.
"""
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "shared", "corpus")

spec = importlib.util.spec_from_file_location("score", os.path.join(HERE, "score.py"))
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)


def facts(doc, tasks):
    out = set()
    for kind in ("targets", "observations"):
        for q in doc.get(kind) or []:
            out.add((kind, q.get("indicator"), q.get("value"), q.get("year"), q.get("period")))
    if tasks:
        for t in doc.get("tasks") or []:
            out.add(("task", t.get("title"), tuple(t.get("lead_units") or []), tuple(t.get("support_units") or [])))
        for k in ("title", "kind", "region", "period", "issued"):
            out.add(("field", k, json.dumps(doc.get(k), ensure_ascii=False, sort_keys=True)))
    return out


def extract(binary, path):
    p = subprocess.run([binary, "extract", "--json", path], capture_output=True, text=True)
    try:
        return json.loads(p.stdout)
    except ValueError:
        return {}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    old, new = args
    tasks = "--tasks" in sys.argv
    files = [f for f in sorted(os.listdir(CORPUS)) if os.path.isfile(os.path.join(CORPUS, f)) and not f.endswith(".tsv")]
    pdfs = os.path.join(CORPUS, "pdf")
    if os.path.isdir(pdfs):
        files += ["pdf/" + f for f in sorted(os.listdir(pdfs)) if f.endswith(".pdf")]
    changed = 0
    for f in files:
        stem = os.path.splitext(os.path.basename(f))[0]
        if score.split_of(stem) == "check":
            continue
        path = os.path.join(CORPUS, f)
        a, b = facts(extract(old, path), tasks), facts(extract(new, path), tasks)
        if a == b:
            continue
        changed += 1
        print("==", f)
        for x in sorted(a - b, key=str):
            print("  -", x)
        for x in sorted(b - a, key=str):
            print("  +", x)
    print(f"{changed} documents changed", file=sys.stderr)


if __name__ == "__main__":
    main()
