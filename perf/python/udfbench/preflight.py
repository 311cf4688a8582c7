"""Before measuring: the PyFlink variants (row-at-a-time UDAF, Pandas) agree with the plain twins.

The parity test (mvn verify) checks the twins against the Java functions with python3 alone; this
check covers what needs the PyFlink environment, on the same kind of data the benchmark uses.
"""
import math
import random

import pandas as pd

from sqlpack_twins import functions as f
from sqlpack_twins import pyflink_udfs as p

from . import workloads


def _close(a, b):
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
        return (a is None or (isinstance(a, float) and math.isnan(a))) and (b is None or (isinstance(b, float) and math.isnan(b)))
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def run(n=2000, seed=7):
    rnd = random.Random(seed)
    problems = []
    pts = [[rnd.uniform(-90, 90), rnd.uniform(-180, 180), rnd.uniform(-90, 90), rnd.uniform(-180, 180)]
           for _ in range(n)]
    cols = [pd.Series([row[i] for row in pts]) for i in range(4)]
    got = p.geo_distance_km_series(*cols).tolist()
    problems += [f"geo_distance_km{tuple(a)}: pandas {g} vs twin {f.geo_distance_km(*a)}"
                 for a, g in zip(pts, got) if not _close(g, f.geo_distance_km(*a))]
    emails = [f"user.{rnd.randrange(10**7)}@example.com" for _ in range(n)] + [None, "no-at-sign", "@x.org"]
    got = p.mask_email_series(pd.Series(emails, dtype=object)).tolist()
    problems += [f"mask_email({e!r}): pandas {g!r} vs twin {f.mask_email(e)!r}"
                 for e, g in zip(emails, got) if not _close(g, f.mask_email(e))]
    xs = [rnd.uniform(0, 1000) for _ in range(n)]
    twin = f.Stats()
    agg = p._StatsAgg()
    acc = agg.create_accumulator()
    for x in xs:
        twin.add(x)
        agg.accumulate(acc, x)
    for name, got in (("UDAF", tuple(agg.get_value(acc))), ("Pandas UDAF", tuple(p.stats_series(pd.Series(xs))))):
        if not all(_close(a, b) for a, b in zip(got, twin.result())):
            problems.append(f"stats: {name} {got} vs twin {twin.result()}")
    problems += _json_fields(rnd, n)
    return problems


def _json_fields(rnd, n):
    """The row-at-a-time and the Pandas JSON_FIELDS wrappers against the twin, on the benchmark's documents."""
    docs = [workloads.event_doc(rnd.randrange(10**7), rnd.randrange(10**5), rnd.randrange(50)) for _ in range(n)]
    docs += ["not json", '{"user": {"id": "Zo\u00eb \u5317"}, "items": [1]}', "[]"]
    paths = workloads.JSON_FIELDS_PATHS
    twin = [f.json_fields(d, *paths) for d in docs]
    rows = [tuple(p.json_fields_row(d, *paths)) for d in docs]
    frame = p.json_fields_frame(pd.Series(docs, dtype=object), *paths)
    framed = [tuple(None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in r)
              for r in frame.itertuples(index=False)]
    out = [f"json_fields({d[:60]!r}...): row UDF {r} vs twin {t}" for d, r, t in zip(docs, rows, twin) if r != t]
    out += [f"json_fields({d[:60]!r}...): Pandas {r} vs twin {t}" for d, r, t in zip(docs, framed, twin) if r != t]
    if len(frame.columns) != len(paths) or len(frame) != len(docs):
        out.append(f"json_fields: Pandas frame is {frame.shape}, expected ({len(docs)}, {len(paths)})")
    return out
