"""Evaluates the plain-Python twins on cases read from stdin, for the Java parity test.

Input (JSON): [{"fn": "<twin>", "args": [...]}, ...]; for the aggregate "stats", args holds one
list, the values of one group. Output (JSON): the results in the same order; a table function's
result is its list of rows. Standard library only.
"""
import json
import sys

from sqlpack_twins import functions as f


def _stats(values):
    acc = f.Stats()
    for v in values:
        acc.add(v)
    return acc.result()


TWINS = {
    "geo_distance_km": f.geo_distance_km,
    "mask_email": f.mask_email,
    "json_value": f.json_value,
    "split_kv": lambda *a: [list(row) for row in f.split_kv(*a)],
    "json_fields": f.json_fields,
    "json_tuple": f.json_tuple,
    "stats": _stats,
}


def main():
    cases = json.loads(sys.stdin.buffer.read())  # bytes: UTF-8 whatever the locale
    out = []
    for case in cases:
        fn = TWINS.get(case["fn"])
        if fn is None:
            raise SystemExit(f"parity: unknown function {case['fn']!r}; known: {sorted(TWINS)}")
        out.append(fn(*case["args"]))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
