"""Plain-Python twins of the pack's Java UDFs: same inputs, same results (checked by a parity test).

Standard library only, so the parity test needs nothing but python3. The PyFlink wrappers are in
pyflink_udfs.py.
"""
import json
import math
import re

EARTH_RADIUS_KM = 6371.0088


def geo_distance_km(lat1, lon1, lat2, lon2):
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def mask_email(email):
    if email is None:
        return None
    at = email.find("@")
    if at <= 0 or at != email.rfind("@") or at == len(email) - 1:
        return None
    return email[0] + "***" + email[at:]


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
