package dev.sqlpack.udf.scalar;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/** Great-circle distance in kilometres. */
@FunctionDoc(
        signature = "GEO_DISTANCE_KM(lat1 DOUBLE, lon1 DOUBLE, lat2 DOUBLE, lon2 DOUBLE) -> DOUBLE",
        description = "Great-circle (haversine) distance in kilometres between two points, on a sphere of the Earth's mean radius, 6371.0088 km.",
        nullRule = "NULL if any argument is NULL. Latitudes outside [-90, 90] or longitudes outside [-180, 180] give NULL and count as malformed.",
        example = "SELECT ROUND(GEO_DISTANCE_KM(48.8566, 2.3522, 51.5074, -0.1278), 1) AS paris_london_km",
        exampleResult = "343.6")
public class GeoDistanceKmFunction extends ScalarFunction {
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public Double eval(Double lat1, Double lon1, Double lat2, Double lon2) {
        if (lat1 == null || lon1 == null || lat2 == null || lon2 == null) {
            return null;
        }
        if (!Geo.valid(lat1, lon1) || !Geo.valid(lat2, lon2)) {
            malformed.inc();
            return null;
        }
        return Geo.haversineKm(lat1, lon1, lat2, lon2);
    }
}
