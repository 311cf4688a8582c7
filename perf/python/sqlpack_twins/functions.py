"""Plain-Python twins of the pack's Java UDFs: same inputs, same results (checked by a parity test).

Standard library only, so the parity test needs nothing but python3. The PyFlink wrappers are in
pyflink_udfs.py.
"""
import math

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
    if at <= 0:
        return None
    return email[0] + "***" + email[at:]
