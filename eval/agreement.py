#!/usr/bin/env python3
"""Compare the two independent annotations of each document.

    python3 eval/agreement.py                  # agreement table over every doubly annotated document
    python3 eval/agreement.py --diff STEM      # what the two annotators disagree on, for adjudication

Agreement is the shared scorer's F1 with one annotation as gold and the
other's required items as predictions, both ways round: optional items of
the gold side are neither rewarded nor punished, exactly as extraction is
scored. The table is what eval/README.md reports.
"""
import argparse
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")


def scorer():
    spec = importlib.util.spec_from_file_location("shared_score", os.path.join(SHARED, "eval", "score.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load(who, stem):
    path = os.path.join(HERE, "annotations", who, stem + ".json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def required(items):
    return [x for x in items if not (isinstance(x, dict) and x.get("optional"))]


def compare(sc, a, b):
    out = {}
    for key, field in (("targets", "year"), ("observations", "period")):
        comp, sim = sc.quantity_sim(field)
        out[key] = sc.match(a.get(key) or [], required(b.get(key) or []), comp, sim)[:3]
    out["tasks"] = sc.match(a.get("tasks") or [], required(b.get("tasks") or []), lambda x, y: True, sc.task_sim)[:3]
    return out


def diff(sc, stem):
    a, b = load("a", stem), load("b", stem)
    if a is None or b is None:
        sys.exit("need both eval/annotations/a/%s.json and b/%s.json" % (stem, stem))
    for field in ("title", "kind", "region", "issued", "issuers", "period"):
        if a.get(field) != b.get(field):
            print("%s: a=%s b=%s" % (field, json.dumps(a.get(field), ensure_ascii=False), json.dumps(b.get(field), ensure_ascii=False)))

    def show(tag, x):
        return "%s %s" % (tag, json.dumps(x, ensure_ascii=False))

    for key, field in (("targets", "year"), ("observations", "period"), ("tasks", None)):
        if field:
            comp, sim = sc.quantity_sim(field)
        else:
            comp, sim = (lambda x, y: True), sc.task_sim
        ga, gb = a.get(key) or [], b.get(key) or []
        # Every item of each side, matched against all of the other side
        # (optional or not): what is left over is the disagreement.
        _, _, _, pairs = sc.match(ga, gb, comp, sim)
        ma, mb = {i for i, _ in pairs}, {j for _, j in pairs}
        print("\n== %s: %d matched" % (key, len(pairs)))
        for i, j in pairs:
            xa, xb = ga[i], gb[j]
            opt_a = isinstance(xa, dict) and xa.get("optional")
            opt_b = isinstance(xb, dict) and xb.get("optional")
            units_a = (xa.get("lead_units"), xa.get("support_units")) if isinstance(xa, dict) else None
            units_b = (xb.get("lead_units"), xb.get("support_units")) if isinstance(xb, dict) else None
            if opt_a != opt_b or (key == "tasks" and units_a != units_b):
                print("  differs:\n    " + show("a", xa) + "\n    " + show("b", xb))
        for i, x in enumerate(ga):
            if i not in ma:
                print("  only a: " + json.dumps(x, ensure_ascii=False))
        for j, x in enumerate(gb):
            if j not in mb:
                print("  only b: " + json.dumps(x, ensure_ascii=False))


def table(sc):
    stems = sorted({n[:-5] for n in os.listdir(os.path.join(HERE, "annotations", "a")) if n.endswith(".json")} &
                   {n[:-5] for n in os.listdir(os.path.join(HERE, "annotations", "b")) if n.endswith(".json")})
    totals = {k: sc.Tally() for k in ("targets", "observations", "tasks")}
    fields = {"title": 0, "region": 0, "issued": 0}
    print("%-40s %-18s %-18s %-18s" % ("document", "targets tp/fp/fn", "observations", "tasks"))
    back = {k: sc.Tally() for k in ("targets", "observations", "tasks")}
    for stem in stems:
        a, b = load("a", stem), load("b", stem)
        res = compare(sc, a, b)
        for k, v in res.items():
            totals[k].add(*v)
        for k, v in compare(sc, b, a).items():
            back[k].add(*v)
        fields["title"] += sc.norm_text(a.get("title")) == sc.norm_text(b.get("title"))
        fields["region"] += ((a.get("region") or {}).get("code")) == ((b.get("region") or {}).get("code"))
        fields["issued"] += a.get("issued") == b.get("issued")
        print("%-40s %-18s %-18s %-18s" % (stem, res["targets"], res["observations"], res["tasks"]))
    print()
    for k, t in totals.items():
        p, r, f = t.prf()
        p2, r2, f2 = back[k].prf()
        print("%-13s agreement F1 %.3f with a as gold, %.3f with b as gold (required items of the other side as predictions)" % (k, f, f2))
    n = len(stems)
    if n:
        print("fields agree on %d documents: title %.2f  region %.2f  issued %.2f" % (
            n, fields["title"] / n, fields["region"] / n, fields["issued"] / n))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--diff")
    args = ap.parse_args()
    sc = scorer()
    if args.diff:
        diff(sc, args.diff)
    else:
        table(sc)


if __name__ == "__main__":
    main()
