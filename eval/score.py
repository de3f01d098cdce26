#!/usr/bin/env python3
"""Score planwatch's extraction on our evaluation set, split by split.

    python3 eval/score.py                 # every split: seeds, shared, tune, check
    python3 eval/score.py --split tune -v # one split, with each miss and false hit
    python3 eval/score.py --json          # the summary as JSON

The set (eval/README.md):
- seeds:  ../shared/eval/gold on ../shared/seeds (the five seeds);
- shared: ../shared/eval/gold-corpus (twelve corpus documents annotated by
  the shared rules; visible from the start, so always tuned on);
- tune and check: our own gold files in eval/gold, split once by the rule
  in split_of() below. Rules are changed looking at tune only: --split
  check prints figures, never a document's misses (-v is refused).

Matching is the shared scorer's (../shared/eval/score.py, imported, not
copied). On top of it this prints, per split and per format (text, PDF,
DOCX): lead-unit attachment (of the gold tasks whose text states lead
units, the share whose matched predicted task names all of them) and the
accuracy of the issued date.
"""
import argparse
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared")


def load_shared_scorer():
    path = os.path.join(SHARED, "eval", "score.py")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def split_of(stem):
    """The fixed split: a hash of the document's stem, salted with the
    project's name; 3 of 7 buckets are held out for checking."""
    h = int(hashlib.sha256(("planwatch-eval:" + stem).encode()).hexdigest()[:8], 16)
    return "check" if h % 7 < 3 else "tune"


def doc_folders():
    return [os.path.join(SHARED, "seeds"), os.path.join(SHARED, "corpus"),
            os.path.join(SHARED, "corpus", "pdf"), os.path.join(HERE, "docx")]


def find_docs():
    docs = {}
    for folder in doc_folders():
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if os.path.isfile(path) and not name.endswith((".tsv", ".py")) and name != "README.md":
                docs.setdefault(os.path.splitext(name)[0], path)
    return docs


def gold_sets():
    """(split, stem, gold dict) for every gold file."""
    out = []
    for split, folder in (("seeds", os.path.join(SHARED, "eval", "gold")),
                          ("shared", os.path.join(SHARED, "eval", "gold-corpus")),
                          (None, os.path.join(HERE, "gold"))):
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".json"):
                continue
            stem = name[:-5]
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                gold = json.load(f)
            out.append((split or split_of(stem), stem, gold))
    return out


def fmt_of(path):
    ext = os.path.splitext(path)[1].lower()
    return {".pdf": "pdf", ".docx": "docx"}.get(ext, "text")


def run_extract(cmd, path):
    try:
        out = subprocess.run(cmd + [path], capture_output=True, timeout=300)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    if out.returncode != 0:
        return None, "exit %d: %s" % (out.returncode, out.stderr.decode("utf-8", "replace").strip()[-200:])
    try:
        return json.loads(out.stdout.decode("utf-8")), None
    except ValueError as e:
        return None, "not JSON: %s" % e


def norm_unit_name(s, sc):
    return sc.norm_text(s).replace("等", "")


def units_attached(gold_units, pred_units, sc):
    """Every gold lead unit is named by the prediction (loosely: one name
    inside the other, as 市发展改革委 and 发展改革委)."""
    pu = [norm_unit_name(u, sc) for u in pred_units or []]
    for g in gold_units:
        g = norm_unit_name(g, sc)
        if not g:
            continue
        if not any(p and (g == p or g in p or p in g) for p in pu):
            return False
    return True


class Row:
    def __init__(self, sc):
        self.t = {k: sc.Tally() for k in ("targets", "observations", "tasks")}
        self.docs = self.title = self.region = 0
        self.issued_n = self.issued_ok = 0
        self.lead_n = self.lead_ok = 0
        self.errors = []


def score_doc(sc, row, stem, gold, pred, verbose):
    lines = []
    for key, field in (("targets", "year"), ("observations", "period")):
        comp, sim = sc.quantity_sim(field)
        g, p = gold.get(key) or [], pred.get(key) or []
        tp, fp, fn, pairs = sc.match(g, p, comp, sim)
        row.t[key].add(tp, fp, fn)
        if verbose:
            gm, pm = {a for a, _ in pairs}, {b for _, b in pairs}
            for gi, x in enumerate(g):
                if gi not in gm and not x.get("optional"):
                    lines.append("  miss %s %s: %s" % (stem, key, json.dumps(x, ensure_ascii=False)))
            for pi, x in enumerate(p):
                if pi not in pm:
                    lines.append("  false %s %s: %s" % (stem, key, json.dumps(
                        {k: x.get(k) for k in ("indicator", "value", "unit", "year", "period", "quote")}, ensure_ascii=False)))
    g, p = gold.get("tasks") or [], pred.get("tasks") or []
    tp, fp, fn, pairs = sc.match(g, p, lambda a, b: True, sc.task_sim)
    row.t["tasks"].add(tp, fp, fn)
    matched = dict(pairs)
    for gi, gt in enumerate(g):
        if not isinstance(gt, dict) or gt.get("optional") or not gt.get("lead_units"):
            continue
        row.lead_n += 1
        pi = matched.get(gi)
        ok = pi is not None and units_attached(gt["lead_units"], p[pi].get("lead_units") if isinstance(p[pi], dict) else [], sc)
        row.lead_ok += ok
        if verbose and not ok:
            got = p[pi].get("lead_units") if pi is not None and isinstance(p[pi], dict) else None
            lines.append("  units %s %s: want %s got %s" % (stem, sc.task_title(gt), gt["lead_units"], got))
    if verbose:
        gm, pm = {a for a, _ in pairs}, {b for _, b in pairs}
        for gi, x in enumerate(g):
            if gi not in gm and not (isinstance(x, dict) and x.get("optional")):
                lines.append("  miss %s task: %s" % (stem, sc.task_title(x)))
        for pi, x in enumerate(p):
            if pi not in pm:
                lines.append("  false %s task: %s" % (stem, sc.task_title(x)))
    titles = [gold.get("title") or ""] + list(gold.get("title_alternates", []))
    pt = sc.norm_text(pred.get("title") or "")
    t_ok = gold.get("title") is None or (pt and any(
        sc.norm_text(t) and (sc.norm_text(t) == pt or (len(pt) >= 6 and (pt in sc.norm_text(t) or sc.norm_text(t) in pt)))
        for t in titles))
    gr, pr = gold.get("region") or {}, pred.get("region") or {}
    r_ok = (gr.get("code") or None) == ((pr.get("code") if isinstance(pr, dict) else None) or None)
    row.title += bool(t_ok)
    row.region += r_ok
    if gold.get("issued"):
        row.issued_n += 1
        row.issued_ok += pred.get("issued") == gold.get("issued")
    if verbose:
        if not t_ok:
            lines.append("  title %s: want %r got %r" % (stem, gold.get("title"), pred.get("title")))
        if not r_ok:
            lines.append("  region %s: want %s got %s" % (stem, gr.get("code"), pr.get("code") if isinstance(pr, dict) else None))
        if gold.get("issued") and pred.get("issued") != gold.get("issued"):
            lines.append("  issued %s: want %s got %s" % (stem, gold.get("issued"), pred.get("issued")))
    row.docs += 1
    return lines


def summary(row):
    out = {"docs": row.docs}
    for k, t in row.t.items():
        p, r, f = t.prf()
        out[k] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": t.tp, "fp": t.fp, "fn": t.fn}
    out["title_accuracy"] = round(row.title / row.docs, 3) if row.docs else None
    out["region_accuracy"] = round(row.region / row.docs, 3) if row.docs else None
    out["issued_accuracy"] = round(row.issued_ok / row.issued_n, 3) if row.issued_n else None
    out["lead_units_attached"] = round(row.lead_ok / row.lead_n, 3) if row.lead_n else None
    out["lead_units_tasks"] = row.lead_n
    out["errors"] = row.errors
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["seeds", "shared", "tune", "check"], action="append")
    ap.add_argument("--bin", default=os.path.join(ROOT, "bin", "planwatch"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--doc", help="only documents whose stem starts with this")
    args = ap.parse_args()
    splits = args.split or ["seeds", "shared", "tune", "check"]
    if args.verbose and "check" in splits:
        ap.error("the check split prints figures only: rules are never tuned on its errors")
    sc = load_shared_scorer()
    docs = find_docs()
    cmd = [args.bin, "extract", "--json"]
    todo = [(s, stem, g) for s, stem, g in gold_sets() if s in splits and (not args.doc or stem.startswith(args.doc))]

    def work(item):
        split, stem, gold = item
        path = docs.get(stem)
        if path is None:
            return item, None, None, "missing document"
        pred, err = run_extract(cmd, path)
        return item, path, pred, err

    rows = {}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        results = list(ex.map(work, todo))
    details = []
    for (split, stem, gold), path, pred, err in results:
        fmt = fmt_of(path) if path else "text"
        for key in ((split, "all"), (split, fmt)):
            row = rows.setdefault(key, Row(sc))
            if err:
                row.errors.append("%s: %s" % (stem, err))
            lines = score_doc(sc, row, stem, gold, pred or {}, args.verbose and key[1] == "all")
            details.extend(lines)
    out = {"%s/%s" % k: summary(v) for k, v in sorted(rows.items())}
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return
    for line in details:
        print(line)
    for name, s in out.items():
        print("%-13s %2d docs  targets F1 %.3f (P %.3f R %.3f)  tasks %.3f  obs %.3f  title %.2f  region %.2f  issued %s  leads %s/%d" % (
            name, s["docs"], s["targets"]["f1"], s["targets"]["precision"], s["targets"]["recall"],
            s["tasks"]["f1"], s["observations"]["f1"], s["title_accuracy"], s["region_accuracy"],
            s["issued_accuracy"], s["lead_units_attached"], s["lead_units_tasks"]))
        for e in s["errors"]:
            print("    error:", e)


if __name__ == "__main__":
    sys.exit(main())
