"""Adds the variants of a later run (e.g. the Java ones, once the pack's functions exist) to a
result file, then recomputes ratios, fairness notes, the chart and the README block.

python -m udfbench.merge BASE.json LATER.json --kinds java --readme ../README.md
"""
import argparse
import json
import os

from . import report


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("later")
    ap.add_argument("--kinds", default="java")
    ap.add_argument("--readme", required=True)
    args = ap.parse_args(argv)
    kinds = set(args.kinds.split(","))
    with open(args.base) as f:
        base = json.load(f)
    with open(args.later) as f:
        later = json.load(f)
    new = {(r["workload"], r["label"]): r for r in later["variants"] if r["variant"] in kinds}
    for r in new.values():
        r["run_started"] = later["started"]
        r["load_average_at_start"] = later["machine"]["load_average_at_start"]
    base["variants"] = [new.pop((r["workload"], r["label"]), r) for r in base["variants"]] + list(new.values())
    base.setdefault("merged_runs", []).append(
        {"started": later["started"], "finished": later["finished"], "kinds": sorted(kinds),
         "why": "variants re-measured in a later run on the same stack configuration; see run_started per record"})
    base["ratios"] = report.ratios(base)
    base["fairness"] = report.fairness(base)
    with open(args.base, "w") as f:
        json.dump(base, f, indent=2)
        f.write("\n")
    png = args.base[:-len(".json")] + ".png"
    report.chart(base, png)
    report.update_readme(base, args.readme, os.path.relpath(args.base, os.path.dirname(args.readme)),
                         os.path.relpath(png, os.path.dirname(args.readme)))
    print(report.table(base))


if __name__ == "__main__":
    main()
