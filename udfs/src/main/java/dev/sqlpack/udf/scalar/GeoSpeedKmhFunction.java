package dev.sqlpack.udf.scalar;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import java.time.Duration;
import java.time.LocalDateTime;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/** The speed needed to travel between two fixes. */
@FunctionDoc(
        signature = "GEO_SPEED_KMH(lat1 DOUBLE, lon1 DOUBLE, ts1 TIMESTAMP(3), lat2 DOUBLE, lon2 DOUBLE, ts2 TIMESTAMP(3)) -> DOUBLE",
        description = "Great-circle distance between two positions divided by the time between them, in km/h; the order of the two fixes does not matter.",
        nullRule = "NULL if any argument is NULL or the timestamps are equal. Coordinates out of range give NULL and count as malformed.",
        example = "SELECT ROUND(GEO_SPEED_KMH(48.8566, 2.3522, TIMESTAMP '2026-03-01 10:00:00', 51.5074, -0.1278, TIMESTAMP '2026-03-01 10:30:00'), 1) AS kmh",
        exampleResult = "687.1")
public class GeoSpeedKmhFunction extends ScalarFunction {
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public Double eval(Double lat1, Double lon1, @DataTypeHint("TIMESTAMP(3)") LocalDateTime ts1,
            Double lat2, Double lon2, @DataTypeHint("TIMESTAMP(3)") LocalDateTime ts2) {
        if (lat1 == null || lon1 == null || ts1 == null || lat2 == null || lon2 == null || ts2 == null) {
            return null;
        }
        if (!Geo.valid(lat1, lon1) || !Geo.valid(lat2, lon2)) {
            malformed.inc();
            return null;
        }
        long millis = Math.abs(Duration.between(ts1, ts2).toMillis());
        if (millis == 0) {
            return null;
        }
        return Geo.haversineKm(lat1, lon1, lat2, lon2) / (millis / 3_600_000.0);
    }
}
