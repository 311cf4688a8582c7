"""PyFlink wrappers around the twins in functions.py: general (row-at-a-time) and Pandas variants."""
from pyflink.table import DataTypes
from pyflink.table.udf import udf

from . import functions as f

geo_distance_km = udf(f.geo_distance_km, result_type=DataTypes.DOUBLE())


@udf(result_type=DataTypes.DOUBLE(), func_type="pandas")
def geo_distance_km_pandas(lat1, lon1, lat2, lon2):
    import numpy as np
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = np.radians(lat2 - lat1), np.radians(lon2 - lon1)
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * f.EARTH_RADIUS_KM * np.arcsin(np.sqrt(h))


mask_email = udf(f.mask_email, result_type=DataTypes.STRING())


@udf(result_type=DataTypes.STRING(), func_type="pandas")
def mask_email_pandas(emails):
    return emails.map(f.mask_email)
