#!/usr/bin/env python3
"""Score the tune split's text documents against their gold twice: as
they are, and printed to PDF by LibreOffice, the way an office publishes a
plan as an attachment. A figure or task the text gives and the PDF loses
is a fault of the PDF reading (line wraps, joined lines, headers), not of
the rules.

    python3 eval/rendered.py                   # every tune text document
    python3 eval/rendered.py 003_gwr2026_neimenggu 106_govcn_hospital_perf_opinions

Needs `soffice` (Debian's libreoffice-writer-nogui) and a CJK font. Each
paragraph is indented by two ideographic spaces, as official documents
are, so the PDF reader can tell paragraphs apart; HTML pages are printed
from the text planwatch reads out of them, not with the site around it.
PDFs are cached in $TMPDIR/planwatch-rendered. Check documents are refused
(eval/README.md: check is never inspected).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score  # noqa: E402


def indent(text):
    return "\n".join(("\u3000\u3000" + l.strip()) if l.strip() else "" for l in text.split("\n"))


def source_text(path, binary):
    if path.endswith((".html", ".htm")):
        out = subprocess.run([binary, "extract", "--json", "--with-text", path], capture_output=True, timeout=300)
        return json.loads(out.stdout)["text"]
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    if path.endswith(".md"):
        if text.startswith("---"):
            text = text[text.find("\n---", 3) + 4:]
        text = re.sub(r"(?m)^#+\s*", "", text).replace("**", "")
    return text


def render(stem, path, binary, cache):
    pdf = os.path.join(cache, stem + ".pdf")
    if not os.path.exists(pdf):
        txt = os.path.join(cache, stem + ".txt")
        with open(txt, "w", encoding="utf-8") as f:
            f.write(indent(source_text(path, binary)))
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", cache, txt],
                       capture_output=True, timeout=300)
    return pdf


def figures(sc, gold, pred):
    """(tp, fp, fn) for targets, observations, tasks, and lead units."""
    out = []
    for key, field in (("targets", "year"), ("observations", "period")):
        comp, sim = sc.quantity_sim(field)
        tp, fp, fn, _ = sc.match(gold.get(key) or [], pred.get(key) or [], comp, sim)
        out.append((tp, fp, fn))
    g, p = gold.get("tasks") or [], pred.get("tasks") or []
    tp, fp, fn, pairs = sc.match(g, p, lambda a, b: True, sc.task_sim)
    out.append((tp, fp, fn))
    matched, n, ok = dict(pairs), 0, 0
    for gi, x in enumerate(g):
        if isinstance(x, dict) and not x.get("optional") and x.get("lead_units"):
            n += 1
            pi = matched.get(gi)
            ok += pi is not None and score.units_attached(x["lead_units"], p[pi].get("lead_units"), sc)
    out.append((ok, 0, n - ok))
    return out


def f1(t):
    tp, fp, fn = t
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(score.ROOT, "bin", "planwatch"))
    ap.add_argument("stems", nargs="*")
    args = ap.parse_args()
    sc = score.load_shared_scorer()
    docs = score.find_docs()
    golds = {stem: g for split, stem, g in score.gold_sets() if split == "tune"}
    stems = args.stems or sorted(s for s in golds if score.fmt_of(docs.get(s, "")) == "text")
    cache = os.path.join(tempfile.gettempdir(), "planwatch-rendered")
    os.makedirs(cache, exist_ok=True)
    names = ("targets", "obs", "tasks", "leads")
    total = {"text": [[0, 0, 0] for _ in names], "pdf": [[0, 0, 0] for _ in names]}
    for stem in stems:
        if stem not in golds:
            sys.exit("%s: not a tune document with a gold file" % stem)
        path = docs[stem]
        row = {}
        for form, p in (("text", path), ("pdf", render(stem, path, args.bin, cache))):
            pred, err = score.run_extract([args.bin, "extract", "--json"], p)
            if err:
                sys.exit("%s (%s): %s" % (stem, form, err))
            row[form] = figures(sc, golds[stem], pred)
            for i, t in enumerate(row[form]):
                total[form][i] = [a + b for a, b in zip(total[form][i], t)]
        print("%-42s %s" % (stem[:42], "  ".join(
            "%s %.2f/%.2f" % (n, f1(row["text"][i]), f1(row["pdf"][i])) for i, n in enumerate(names))))
    print("%-42s %s" % ("all (text/pdf)", "  ".join(
        "%s %.3f/%.3f" % (n, f1(total["text"][i]), f1(total["pdf"][i])) for i, n in enumerate(names))))


if __name__ == "__main__":
    main()
