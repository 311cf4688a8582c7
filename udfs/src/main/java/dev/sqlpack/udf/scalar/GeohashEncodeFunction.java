package dev.sqlpack.udf.scalar;

import ch.hsr.geohash.GeoHash;
import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/** The geohash cell of a point. */
@FunctionDoc(
        signature = "GEOHASH_ENCODE(lat DOUBLE, lon DOUBLE, precision INT) -> STRING",
        description = "The base-32 geohash of the cell containing the point, with `precision` characters (1 to 12; 5 is about 5 km, 7 about 150 m).",
        nullRule = "NULL if any argument is NULL. A precision outside 1..12 or coordinates out of range give NULL and count as malformed.",
        example = "SELECT GEOHASH_ENCODE(48.8566, 2.3522, 5) AS paris",
        exampleResult = "u09tv")
public class GeohashEncodeFunction extends ScalarFunction {
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public String eval(Double lat, Double lon, Integer precision) {
        if (lat == null || lon == null || precision == null) {
            return null;
        }
        if (precision < 1 || precision > 12 || !Geo.valid(lat, lon)) {
            malformed.inc();
            return null;
        }
        return GeoHash.withCharacterPrecision(lat, lon, precision).toBase32();
    }
}
