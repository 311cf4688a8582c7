"""The benchmark's workloads: one source, one sink and one query shape each, in several variants."""
import glob
import os

DEFAULT_BUNDLE_SIZE = 100000  # python.fn-execution.bundle.size default in Flink 2.0
TWINS = "sqlpack_twins.pyflink_udfs"

LABELS = {
    "builtin": "Flink built-ins",
    "java": "Java UDF (pack)",
    "python-process": "Python, process mode",
    "python-thread": "Python, thread mode",
    "pandas": "Pandas (vectorized)",
}
AGG_LABELS = dict(LABELS, **{"java": "Java aggregate (pack)", "python-process": "Python UDAF",
                             "pandas": "Pandas UDAF"})


def site_packages(venv_python):
    venv = os.path.dirname(os.path.dirname(venv_python))
    hits = glob.glob(os.path.join(venv, "lib", "python3*", "site-packages"))
    return hits[0] if hits else ""


class Variant:
    def __init__(self, kind, expr, python_fn=None, labels=LABELS):
        self.kind, self.expr, self.python_fn, self.labels = kind, expr, python_fn, labels

    def label(self, bundle_size=None):
        base = self.labels[self.kind]
        if self.kind == "python-process" and bundle_size:
            return f"{base}, bundle {bundle_size}"
        return base


class Workload:
    def __init__(self, name, function, weight, source, sink, query, variants, note=""):
        self.name, self.function, self.weight = name, function, weight
        self.source, self.sink, self.query, self.variants, self.note = source, sink, query, variants, note

    def describe(self):
        return {"function": self.function, "weight": self.weight, "source": self.source,
                "sink": self.sink, "query": self.query, "note": self.note}


# Sources: unthrottled datagen of random numbers; strings are built from them by cheap built-ins
# in the source table's computed columns, identical for every variant of a workload.
RANDOM = "'connector' = 'datagen', 'rows-per-second' = '1000000000'"


def _scalar(name, fn, weight, source, sink, args, builtin, pyname, note="", pandas=True, java=True):
    call = lambda f: f"{f}({args})"
    variants = []
    if builtin:
        variants.append(Variant("builtin", builtin))
    if java:
        variants.append(Variant("java", call(fn)))
    variants.append(Variant("python-process", call("py_" + pyname), pyname))
    variants.append(Variant("python-thread", call("py_" + pyname), pyname))
    if pandas:
        variants.append(Variant("pandas", call("py_" + pyname + "_pandas"), pyname + "_pandas"))
    return Workload(name, fn, weight, source, sink, "INSERT INTO snk SELECT {expr} FROM src", variants, note)


GEO = _scalar(
    "geo_distance", "GEO_DISTANCE_KM", "cheap numeric scalar",
    f"CREATE TEMPORARY TABLE src (lat1 DOUBLE, lon1 DOUBLE, lat2 DOUBLE, lon2 DOUBLE) WITH ({RANDOM}, "
    "'fields.lat1.min' = '-90', 'fields.lat1.max' = '90', 'fields.lat2.min' = '-90', 'fields.lat2.max' = '90', "
    "'fields.lon1.min' = '-180', 'fields.lon1.max' = '180', 'fields.lon2.min' = '-180', 'fields.lon2.max' = '180')",
    "CREATE TEMPORARY TABLE snk (km DOUBLE) WITH ('connector' = 'blackhole')",
    "lat1, lon1, lat2, lon2",
    # haversine, R = 6371.0088 km (mean Earth radius), as the Java function computes it
    "2 * 6371.0088 * ASIN(SQRT(POWER(SIN(RADIANS(lat2 - lat1) / 2), 2) + "
    "COS(RADIANS(lat1)) * COS(RADIANS(lat2)) * POWER(SIN(RADIANS(lon2 - lon1) / 2), 2)))",
    "geo_distance_km")

MASK = _scalar(
    "mask_email", "MASK_EMAIL", "string scalar",
    f"CREATE TEMPORARY TABLE src (n INT, d INT, "
    "email AS CONCAT('user.', CAST(n AS STRING), '@', CASE d WHEN 0 THEN 'example.com' WHEN 1 THEN 'mail.example.org' "
    "WHEN 2 THEN 'sqlpack.dev' ELSE 'corp.example.net' END)) "
    f"WITH ({RANDOM}, 'fields.n.min' = '0', 'fields.n.max' = '9999999', 'fields.d.min' = '0', 'fields.d.max' = '3')",
    "CREATE TEMPORARY TABLE snk (masked STRING) WITH ('connector' = 'blackhole')",
    "email",
    # every generated address has a non-empty local part and an '@', where the twin's rule is this
    "CONCAT(SUBSTR(email, 1, 1), '***', SUBSTR(email, POSITION('@' IN email)))",
    "mask_email")

JSON = _scalar(
    "json_value", "JSON_VALUE (JSON parsing)", "heavy scalar: parse a 230-byte JSON document per row",
    f"CREATE TEMPORARY TABLE src (n INT, m INT, q INT, doc AS CONCAT("
    "'{\"user\":{\"id\":', CAST(n AS STRING), ',\"name\":\"user.', CAST(n AS STRING), '\",\"tier\":\"gold\"},',"
    "'\"items\":[{\"sku\":\"s-', CAST(m AS STRING), '\",\"qty\":', CAST(q AS STRING), ',\"price\":12.5},',"
    "'{\"sku\":\"s-', CAST(m + 1 AS STRING), '\",\"qty\":1,\"price\":3.25}],',"
    "'\"page\":\"/p/', CAST(m AS STRING), '\",\"ref\":\"search\",\"ok\":true}'), "
    "path AS CASE WHEN q >= 0 THEN '$.items[1].sku' END) "
    f"WITH ({RANDOM}, 'fields.n.min' = '0', 'fields.n.max' = '9999999', 'fields.m.min' = '0', 'fields.m.max' = '999', "
    "'fields.q.min' = '1', 'fields.q.max' = '9')",
    "CREATE TEMPORARY TABLE snk (sku STRING) WITH ('connector' = 'blackhole')",
    "doc, path",
    "JSON_VALUE(doc, '$.items[1].sku')",
    "json_value",
    note="The pack has no JSON function, so there is no Java UDF variant: Flink's built-in JSON_VALUE "
         "(Java) is the JVM side. The path is a column too (computed, never NULL) so that no variant "
         "sees a constant it could specialise on; JSON_VALUE's path must be a literal.",
    java=False)

WORKLOADS = [GEO, MASK, JSON]


def setup_statements(w, v):
    out = []
    if v.kind == "java":
        out.append("LOAD MODULE sqlpack")
    if v.python_fn:
        out.append(f"CREATE TEMPORARY FUNCTION py_{v.python_fn} AS '{TWINS}.{v.python_fn}' LANGUAGE PYTHON")
    out += [w.source, w.sink]
    return out


def insert_statement(w, v):
    return w.query.format(expr=v.expr)


SPLIT = Workload(
    "split_kv", "SPLIT_KV", "table function (4 rows out per row in)",
    f"CREATE TEMPORARY TABLE src (n INT, m INT, "
    "s AS CONCAT('user=u', CAST(n AS STRING), ';page=/p/', CAST(m AS STRING), ';ref=search;lang=en')) "
    f"WITH ({RANDOM}, 'fields.n.min' = '0', 'fields.n.max' = '9999999', 'fields.m.min' = '0', 'fields.m.max' = '999')",
    "CREATE TEMPORARY TABLE snk (k STRING, v STRING) WITH ('connector' = 'blackhole')",
    "INSERT INTO snk SELECT t.k, t.v FROM src{expr}",
    [Variant("builtin", " CROSS JOIN UNNEST(STR_TO_MAP(s, ';', '=')) AS t(k, v)"),
     Variant("java", ", LATERAL TABLE(SPLIT_KV(s, ';', '=')) AS t(k, v)"),
     Variant("python-process", ", LATERAL TABLE(py_split_kv(s, ';', '=')) AS t(k, v)", "split_kv"),
     Variant("python-thread", ", LATERAL TABLE(py_split_kv(s, ';', '=')) AS t(k, v)", "split_kv")],
    note="PyFlink has no Pandas table functions. Built-in: STR_TO_MAP + UNNEST (same pairs, map order).")

STATS = Workload(
    "stats_window", "STATS", "aggregate in a 1 s processing-time TUMBLE window, 100 keys",
    f"CREATE TEMPORARY TABLE src (g INT, x DOUBLE, pt AS PROCTIME()) "
    f"WITH ({RANDOM}, 'fields.g.min' = '0', 'fields.g.max' = '99', 'fields.x.min' = '0', 'fields.x.max' = '1000')",
    "CREATE TEMPORARY TABLE snk (g INT, w TIMESTAMP(3), st ROW<cnt BIGINT, mean DOUBLE, stddev DOUBLE, mn DOUBLE, mx DOUBLE>) "
    "WITH ('connector' = 'blackhole')",
    "INSERT INTO snk SELECT g, TUMBLE_END(pt, INTERVAL '1' SECOND), {expr} FROM src "
    "GROUP BY g, TUMBLE(pt, INTERVAL '1' SECOND)",
    [Variant("builtin", "ROW(COUNT(x), AVG(x), STDDEV_SAMP(x), MIN(x), MAX(x))", labels=AGG_LABELS),
     Variant("java", "STATS(x)", labels=AGG_LABELS),
     Variant("python-process", "py_stats(x)", "stats", labels=AGG_LABELS),
     Variant("pandas", "py_stats_pandas(x)", "stats_pandas", labels=AGG_LABELS)],
    note="Python aggregates run in process mode only (thread mode supports scalar and table functions). "
         "All variants use the group-window syntax GROUP BY TUMBLE(...), which Python UDAFs support.")

WORKLOADS.extend([SPLIT, STATS])
