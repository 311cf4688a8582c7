"""The benchmark's workloads: one source, one sink and one query shape each, in several variants."""
import glob
import os
import re

DEFAULT_BUNDLE_SIZE = 100000  # python.fn-execution.bundle.size default in Flink 2.0
TWINS = "sqlpack_twins.pyflink_udfs"

LABELS = {
    "builtin": "Flink built-ins",
    "java": "Java UDF (pack)",
    "python-process": "Python, process mode",
    "python-thread": "Python, thread mode",
    "pandas": "Pandas (vectorized)",
    "source": "source only (document built, its length written)",
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

# A checkout event of about 1 KB, the shape of perf's JsonDoc (the JMH and SQL-suite JSON benchmarks):
# {N} and {M} are random ints of the source, {R} a RAND_INTEGER (see JSON_FIELDS_NOTE). The five
# paths asked for are spread over it, the last one near its end.
EVENT_DOC = (
    '{"event_id":"e-{N}","ts":"2026-11-24T05:55:10.123Z","type":"checkout",'
    '"user":{"id":{N},"name":"user.{N}","tier":"gold","country":"DE","signup":"2024-03-01","flags":["beta","newsletter"]},'
    '"device":{"os":"Android","os_version":"14","browser":"Chrome","ua":"Mozilla/5.0 (Linux; Android 14; Pixel 8) '
    'AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36","screen":{"w":1080,"h":2400}},'
    '"items":[{"sku":"s-{M}","qty":2,"price":12.5,"tags":["sale","red"]},{"sku":"s-{M}b","qty":1,"price":3.25,"tags":[]},'
    '{"sku":"s-9","qty":5,"price":0.99,"tags":["bulk"]}],'
    '"page":{"url":"https://shop.example/p/{M}?ref=search&q=red+shoes","referrer":"https://www.example.org/search?q=red+shoes",'
    '"title":"Red shoes - Example Shop"},'
    '"payment":{"method":"card","currency":"EUR","amount":28.24,"card":{"brand":"visa","last4":"4242"}},'
    '"geo":{"lat":52.52,"lon":13.405,"city":"Berlin","zip":"10115"},'
    '"consent":{"analytics":true,"marketing":false,"version":3},'
    '"session":{"id":"s-{N}","pages":{R},"duration_ms":{M}}}')
EVENT_DOC_COLUMNS = {"N": "n", "M": "m", "R": "RAND_INTEGER(50)"}
JSON_FIELDS_PATHS = ["$.user.id", "$.user.tier", "$.items[1].sku", "$.page.url", "$.session.duration_ms"]
JSON_FIELDS_ROW = ("ROW<user_id STRING, user_tier STRING, items_1_sku STRING, page_url STRING, "
                   "session_duration_ms STRING>")  # the names JSON_FIELDS derives from the paths


def event_doc(n, m, r):
    """The document the source builds for one row, in Python (for the preflight check)."""
    return EVENT_DOC.replace("{N}", str(n)).replace("{M}", str(m)).replace("{R}", str(r))


def _concat_sql(template, columns):
    """The template as a SQL CONCAT of its literal parts and CAST(<column> AS STRING) for each {X}."""
    pieces = re.split(r"\{([A-Z])\}", template)  # literal, key, literal, key, ..., literal
    sql = [f"CAST({columns[p]} AS STRING)" if i % 2 else "'" + p.replace("'", "''") + "'"
           for i, p in enumerate(pieces) if i % 2 or p]
    return "CONCAT(" + ", ".join(sql) + ")"


_PATHS_SQL = ", ".join(f"'{p}'" for p in JSON_FIELDS_PATHS)
JSON_FIELDS_NOTE = (
    "Each variant makes one call per row into a ROW column of the sink, whose five fields all reach the "
    "blackhole: the built-in variant as ROW(JSON_VALUE(doc, p1), ..., JSON_VALUE(doc, p5)), the others as "
    "one call with the five paths. (With SELECT f.a, f.b, ... the planner inlines one call per field, which "
    "the Java function absorbs with its last-document cache but a Python UDF would pay five times.) Paths "
    "are literals for every variant: JSON_FIELDS validates them at planning time and JSON_VALUE requires "
    "literals. The document's session.pages comes from RAND_INTEGER, a non-deterministic built-in, so that "
    "the planner computes the document once per row in its own step: Flink 2.0 does not share common "
    "sub-expressions in generated code, and a deterministic CONCAT would be built again inside each of the "
    "five JSON_VALUE calls. The 'source only' variant builds the same document and writes its length, so "
    "every variant's time per row above it is what its JSON extraction costs. The Python twin parses once "
    "with json.loads (same path subset and NULL rules as JSON_FIELDS; it always reads the whole document). "
    "PyFlink allows a ROW result for a Pandas UDF (a DataFrame), so the Pandas variant runs too.")

JSON_FIELDS = Workload(
    "json_fields", "JSON_FIELDS", "5 fields of a ~1 KB JSON document, one parse",
    "CREATE TEMPORARY TABLE src (n INT, m INT, doc AS " + _concat_sql(EVENT_DOC, EVENT_DOC_COLUMNS) + ") "
    f"WITH ({RANDOM}, 'fields.n.min' = '0', 'fields.n.max' = '9999999', 'fields.m.min' = '0', 'fields.m.max' = '99999')",
    f"CREATE TEMPORARY TABLE snk (f {JSON_FIELDS_ROW}) WITH ('connector' = 'blackhole')",
    "INSERT INTO snk SELECT {expr} FROM src",
    [Variant("source", "ROW(CAST(CHAR_LENGTH(doc) AS STRING), CAST(NULL AS STRING), CAST(NULL AS STRING), "
                       "CAST(NULL AS STRING), CAST(NULL AS STRING))"),
     Variant("builtin", "ROW(" + ", ".join(f"JSON_VALUE(doc, '{p}')" for p in JSON_FIELDS_PATHS) + ")"),
     Variant("java", f"JSON_FIELDS(doc, {_PATHS_SQL})"),
     Variant("python-process", f"py_json_fields(doc, {_PATHS_SQL})", "json_fields"),
     Variant("python-thread", f"py_json_fields(doc, {_PATHS_SQL})", "json_fields"),
     Variant("pandas", f"py_json_fields_pandas(doc, {_PATHS_SQL})", "json_fields_pandas")],
    note=JSON_FIELDS_NOTE)


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

WORKLOADS.extend([SPLIT, STATS, JSON_FIELDS])


def describe_for_tests(name):
    """One workload's statements per variant kind, and sample documents, for the JVM-side tests."""
    w = next(x for x in WORKLOADS if x.name == name)
    out = {"statements": {v.kind: {"setup": setup_statements(w, v), "insert": insert_statement(w, v)}
                          for v in w.variants}}
    if w is JSON_FIELDS:
        out["paths"] = JSON_FIELDS_PATHS
        out["docs"] = [{"n": n, "m": m, "r": r, "doc": event_doc(n, m, r)}
                       for n, m, r in ((0, 0, 0), (1234567, 500, 7), (9999999, 99999, 49))]
    return out


if __name__ == "__main__":  # python3 -m udfbench.workloads NAME: what describe_for_tests returns, as JSON
    import json
    import sys
    json.dump(describe_for_tests(sys.argv[1]), sys.stdout)
