"""PyFlink wrappers around the twins in functions.py: general (row-at-a-time) and Pandas variants."""
from pyflink.table import DataTypes
from pyflink.table import Row
from pyflink.table.udf import AggregateFunction, udaf, udf, udtf

from . import functions as f

geo_distance_km = udf(f.geo_distance_km, result_type=DataTypes.DOUBLE())


def geo_distance_km_series(lat1, lon1, lat2, lon2):
    """The twin, vectorized with NumPy over pandas Series (NaN for NULL)."""
    import numpy as np
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = np.radians(lat2 - lat1), np.radians(lon2 - lon1)
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * f.EARTH_RADIUS_KM * np.arcsin(np.sqrt(h))


geo_distance_km_pandas = udf(geo_distance_km_series, result_type=DataTypes.DOUBLE(), func_type="pandas")


mask_email = udf(f.mask_email, result_type=DataTypes.STRING())


def mask_email_series(emails):
    # strings have no vectorized path worth the name: the twin, once per element
    return emails.map(f.mask_email)


mask_email_pandas = udf(mask_email_series, result_type=DataTypes.STRING(), func_type="pandas")


@udtf(result_types=[DataTypes.STRING(), DataTypes.STRING()])
def split_kv(text, pair_sep, kv_sep):
    yield from f.split_kv(text, pair_sep, kv_sep)


STATS_TYPE = DataTypes.ROW([DataTypes.FIELD("cnt", DataTypes.BIGINT()),
                            DataTypes.FIELD("mean", DataTypes.DOUBLE()),
                            DataTypes.FIELD("stddev", DataTypes.DOUBLE()),
                            DataTypes.FIELD("min", DataTypes.DOUBLE()),
                            DataTypes.FIELD("max", DataTypes.DOUBLE())])


class _StatsAgg(AggregateFunction):
    """Row-at-a-time UDAF: the accumulator is [count, mean, m2, min, max], as the twin keeps it."""

    def create_accumulator(self):
        return [0, 0.0, 0.0, None, None]

    def accumulate(self, acc, x):
        if x is None:
            return
        acc[0] += 1
        d = x - acc[1]
        acc[1] += d / acc[0]
        acc[2] += d * (x - acc[1])
        acc[3] = x if acc[3] is None or x < acc[3] else acc[3]
        acc[4] = x if acc[4] is None or x > acc[4] else acc[4]

    def get_value(self, acc):
        if acc[0] == 0:
            return None
        return Row(acc[0], acc[1], None if acc[0] < 2 else (acc[2] / (acc[0] - 1)) ** 0.5, acc[3], acc[4])

    def get_result_type(self):
        return STATS_TYPE

    def get_accumulator_type(self):
        return DataTypes.ARRAY(DataTypes.DOUBLE())


stats = udaf(_StatsAgg(), result_type=STATS_TYPE,
             accumulator_type=DataTypes.ROW([DataTypes.FIELD("n", DataTypes.BIGINT()),
                                             DataTypes.FIELD("mean", DataTypes.DOUBLE()),
                                             DataTypes.FIELD("m2", DataTypes.DOUBLE()),
                                             DataTypes.FIELD("mn", DataTypes.DOUBLE()),
                                             DataTypes.FIELD("mx", DataTypes.DOUBLE())]))


def stats_series(x):
    """The twin's result, vectorized over one window's pandas Series."""
    x = x.dropna()
    if len(x) == 0:
        return None
    return Row(int(len(x)), float(x.mean()), None if len(x) < 2 else float(x.std(ddof=1)), float(x.min()), float(x.max()))


stats_pandas = udaf(stats_series, result_type=STATS_TYPE, func_type="pandas")


json_value = udf(f.json_value, result_type=DataTypes.STRING())


def json_value_series(docs, paths):
    return pd_combine(docs, paths, f.json_value)


json_value_pandas = udf(json_value_series, result_type=DataTypes.STRING(), func_type="pandas")


def pd_combine(a, b, fn):
    import pandas as pd
    return pd.Series([fn(x, y) for x, y in zip(a, b)], index=a.index, dtype=object)


# JSON_FIELDS returns a ROW whose field names the Java function derives from the paths; a Python
# UDF declares its result type when it is defined, so the wrapper is made for one list of names.
def json_fields_type(names):
    return DataTypes.ROW([DataTypes.FIELD(n, DataTypes.STRING()) for n in names])


def json_fields_row(doc, *paths):
    values = f.json_fields(doc, *paths)
    return None if values is None else Row(*values)


def json_fields_frame(docs, *paths):
    """The twin once per document (json.loads has no vectorized form); one column per path.

    PyFlink hands literal arguments to a Pandas UDF as plain values, not Series. A ROW result is a
    DataFrame, which cannot hold a NULL row: a NULL document gives a row of NULL fields here.
    """
    import pandas as pd
    consts = [p.iloc[0] if isinstance(p, pd.Series) else p for p in paths]
    nulls = (None,) * len(paths)
    rows = [f.json_fields(d, *consts) or nulls for d in docs]
    return pd.DataFrame(rows, index=docs.index, columns=[f"f{i}" for i in range(len(paths))], dtype=object)


# the benchmark's five paths ($.user.id, $.user.tier, $.items[1].sku, $.page.url, $.session.duration_ms)
BENCH_JSON_FIELDS = json_fields_type(["user_id", "user_tier", "items_1_sku", "page_url", "session_duration_ms"])
json_fields = udf(json_fields_row, result_type=BENCH_JSON_FIELDS)
json_fields_pandas = udf(json_fields_frame, result_type=BENCH_JSON_FIELDS, func_type="pandas")
