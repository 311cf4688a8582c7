"""Plain-Python twins of the pack's Java UDFs: same inputs, same results (checked by a parity test).

Standard library only, so the parity test needs nothing but python3. The PyFlink wrappers are in
pyflink_udfs.py.
"""
import functools
import json
import math
import re
import unicodedata

EARTH_RADIUS_KM = 6371.0088


def geo_distance_km(lat1, lon1, lat2, lon2):
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    if not (_valid(lat1, lon1) and _valid(lat2, lon2)):
        return None  # the Java function also counts it as malformed
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _valid(lat, lon):
    # NaN fails every comparison, so it is out of range too, as in Java
    return -90 <= lat <= 90 and -180 <= lon <= 180


def mask_email(email):
    if email is None:
        return None
    at = email.find("@")
    if at <= 0 or at != email.rfind("@") or at == len(email) - 1:
        return None
    return _first_character(email) + "***" + email[at:]


def _first_character(s):
    """The first code point and the combining marks after it (Python indexes code points)."""
    end = 1
    while end < len(s) and unicodedata.category(s[end]) in ("Mn", "Me"):
        end += 1
    return s[:end]


def split_kv(text, pair_sep, kv_sep):
    """Yields (key, value) for each non-empty pair; a pair without kv_sep has a NULL value."""
    if text is None or pair_sep is None or kv_sep is None:
        return
    for pair in text.split(pair_sep):
        if not pair:
            continue
        k, sep, v = pair.partition(kv_sep)
        yield (k, v if sep else None)


class Stats:
    """Count, mean, sample standard deviation (NULL below two values), min and max (Welford)."""

    __slots__ = ("count", "mean", "m2", "min", "max")

    def __init__(self):
        self.count, self.mean, self.m2, self.min, self.max = 0, 0.0, 0.0, None, None

    def add(self, x):
        if x is None:
            return
        self.count += 1
        d = x - self.mean
        self.mean += d / self.count
        self.m2 += d * (x - self.mean)
        self.min = x if self.min is None or x < self.min else self.min
        self.max = x if self.max is None or x > self.max else self.max

    def result(self):
        if self.count == 0:
            return None
        stddev = None if self.count < 2 else (self.m2 / (self.count - 1)) ** 0.5
        return (self.count, self.mean, stddev, self.min, self.max)


def json_value(text, path):
    """The value at a '$.a.b[0].c' path of a JSON document, as a string (JSON_VALUE's default).

    NULL for NULL input, unparsable JSON, a missing path or a non-scalar value; booleans and
    numbers come back in their JSON spelling, as Flink's JSON_VALUE returns them.
    """
    if text is None or path is None:
        return None
    try:
        node = json.loads(text)
    except ValueError:
        return None
    for step in _path_steps(path):
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                return None
        elif not isinstance(node, dict) or step not in node:
            return None
        node = node[step]
    if node is None or isinstance(node, (dict, list)):
        return None
    if isinstance(node, bool):
        return "true" if node else "false"
    return node if isinstance(node, str) else json.dumps(node)


_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def _path_steps(path):
    if not path.startswith("$"):
        raise ValueError(f"not a JSON path: {path!r}")
    steps, pos = [], 1
    while pos < len(path):
        m = _STEP.match(path, pos)
        if not m:
            raise ValueError(f"unsupported JSON path: {path!r}")
        steps.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
        pos = m.end()
    return steps


class _Float(float):
    """A JSON number with a fraction or exponent that remembers how it was written."""

    def __new__(cls, text):
        f = super().__new__(cls, text)
        f.text = text
        return f


def _first_key_wins(pairs):
    obj = {}
    for k, v in pairs:
        obj.setdefault(k, v)
    return obj


def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


def _loads(doc):
    """json.loads, once, with the Java side's rules: first of two equal keys, no NaN/Infinity."""
    return json.loads(doc, parse_float=_Float, object_pairs_hook=_first_key_wins, parse_constant=_no_constants)


def _as_text(v):
    """JSON_FIELDS' text of a value: string unquoted, number as written, compact JSON for containers."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        text = v
    elif isinstance(v, _Float):
        return v.text
    elif isinstance(v, int):
        return str(v)
    else:
        text = json.dumps(v, separators=(",", ":"), ensure_ascii=False)
    text.encode("utf-8")  # half a surrogate pair raises UnicodeEncodeError, a ValueError: malformed
    return text


_KEY = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)")
_INDEX = re.compile(r"\[(0|[1-9][0-9]{0,9})\]")


def json_path(path):
    """The steps of a path of JSON_FIELDS' subset ($.key, $['key'], $["key"], $[0]); ValueError otherwise."""
    if path is None or not path.startswith("$") or len(path) == 1:
        raise ValueError(f"JSON path {path!r} is not supported")
    steps, pos = [], 1
    while pos < len(path):
        m = _KEY.match(path, pos) or _INDEX.match(path, pos)
        if m:
            steps.append(m.group(1) if m.re is _KEY else int(m.group(1)))
            if m.re is _INDEX and int(m.group(1)) > 2147483647:
                raise ValueError(f"JSON path {path!r}: index too large")
            pos = m.end()
        elif path.startswith("['", pos) or path.startswith('["', pos):
            quote, i, key = path[pos + 1], pos + 2, []
            while i < len(path) and path[i] != quote:
                if path[i] == "\\":
                    if i + 1 < len(path) and path[i + 1] in (quote, "\\"):
                        key.append(path[i + 1])
                        i += 2
                        continue
                    raise ValueError(f"JSON path {path!r}: bad escape at position {i}")
                key.append(path[i])
                i += 1
            if not path.startswith("]", i + 1):
                raise ValueError(f"JSON path {path!r}: unterminated key at position {i}")
            steps.append("".join(key))
            pos = i + 2
        else:
            raise ValueError(f"JSON path {path!r} is not supported at position {pos}")
    return steps


def _at(node, steps):
    for step in steps:
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                return None
        elif not isinstance(node, dict) or step not in node:
            return None
        node = node[step]
    return node


@functools.lru_cache(maxsize=64)
def _compiled(paths):
    # the paths are literals in SQL: compiled once per distinct list, as the Java function does per task
    return tuple(json_path(p) for p in paths)


def json_fields(doc, *paths):
    """JSON_FIELDS: one json.loads, then every path; a tuple of texts (all None when malformed).

    The Java function's path subset ($.key, $['key'], $["key"], $[0], chained) and NULL rules: NULL
    document -> None; a missing path or a JSON null -> None in its place; a document that does not
    parse -> a None for every path. One difference, by design of json.loads: the twin always reads
    the whole document, while the Java parser stops once every path has its value, so a document
    that breaks only after the last value asked for gives values in Java and all None here.
    """
    if doc is None:
        return None
    steps = _compiled(paths)
    try:
        root = _loads(doc)
        return tuple(_as_text(_at(root, s)) for s in steps)
    except ValueError:
        return (None,) * len(paths)


def json_tuple(doc, *keys):
    """Hive's json_tuple: top-level keys of a JSON object; always one row, all None when malformed."""
    nulls = (None,) * len(keys)
    if doc is None:
        return nulls
    try:
        root = _loads(doc)
        if not isinstance(root, dict):
            return nulls
        return tuple(None if k is None else _as_text(root.get(k)) for k in keys)
    except ValueError:
        return nulls
