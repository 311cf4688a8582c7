package dev.sqlpack.udf.scalar;

import ch.hsr.geohash.GeoHash;
import ch.hsr.geohash.WGS84Point;
import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.Row;

/** The centre of a geohash cell. */
@FunctionDoc(
        signature = "GEOHASH_DECODE(hash STRING)",
        description = "The centre of the geohash cell (case-insensitive, 1 to 12 characters).",
        nullRule = "NULL if the argument is NULL. A string that is not a geohash gives NULL and counts as malformed.",
        example = "SELECT ROUND(p.lat, 1) AS lat, ROUND(p.lon, 1) AS lon FROM (SELECT GEOHASH_DECODE('u09tv') AS p)",
        exampleResult = "48.8 | 2.4")
public class GeohashDecodeFunction extends ScalarFunction {
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public @DataTypeHint("ROW<lat DOUBLE, lon DOUBLE>") Row eval(String hash) {
        if (hash == null) {
            return null;
        }
        String h = hash.trim().toLowerCase(java.util.Locale.ROOT);
        if (h.isEmpty() || h.length() > 12 || !h.matches("[0-9b-hjkmnp-z]+")) {
            malformed.inc();
            return null;
        }
        WGS84Point c = GeoHash.fromGeohashString(h).getBoundingBoxCenter();
        return Row.of(c.getLatitude(), c.getLongitude());
    }
}
