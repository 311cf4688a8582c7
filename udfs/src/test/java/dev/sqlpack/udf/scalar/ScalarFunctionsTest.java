package dev.sqlpack.udf.scalar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sqlpack.udf.TestContext;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

class ScalarFunctionsTest {
    private final TestContext ctx = new TestContext();

    @Test
    void geoDistanceIsHaversineAndRejectsImpossibleCoordinates() {
        GeoDistanceKmFunction f = new GeoDistanceKmFunction();
        f.open(ctx);
        assertThat(f.eval(0.0, 0.0, 0.0, 0.0)).isZero();
        // a quarter of the equator: pi / 2 * R
        assertThat(f.eval(0.0, 0.0, 0.0, 90.0)).isCloseTo(Math.PI / 2 * 6371.0088, within(1e-6));
        assertThat(f.eval(null, 0.0, 0.0, 0.0)).isNull();
        assertThat(ctx.count("sqlpack_geo_distance_km_malformed")).isZero();
        assertThat(f.eval(91.0, 0.0, 0.0, 0.0)).isNull();
        assertThat(ctx.count("sqlpack_geo_distance_km_malformed")).isEqualTo(1);
    }

    @Test
    void speedIsNullForEqualTimesAndSymmetricInOrder() {
        GeoSpeedKmhFunction f = new GeoSpeedKmhFunction();
        LocalDateTime t0 = LocalDateTime.of(2026, 3, 1, 10, 0);
        LocalDateTime t1 = t0.plusHours(2);
        assertThat(f.eval(0.0, 0.0, t0, 0.0, 90.0, t1)).isCloseTo(Math.PI / 2 * 6371.0088 / 2, within(1e-6));
        assertThat(f.eval(0.0, 90.0, t1, 0.0, 0.0, t0)).isCloseTo(Math.PI / 2 * 6371.0088 / 2, within(1e-6));
        assertThat(f.eval(0.0, 0.0, t0, 1.0, 1.0, t0)).isNull();
    }

    @Test
    void geohashRoundTripsAndRejectsBadInput() {
        GeohashEncodeFunction enc = new GeohashEncodeFunction();
        GeohashDecodeFunction dec = new GeohashDecodeFunction();
        enc.open(ctx);
        dec.open(ctx);
        String h = enc.eval(-33.8688, 151.2093, 9);
        assertThat(h).hasSize(9);
        Row centre = dec.eval(h);
        assertThat((Double) centre.getField(0)).isCloseTo(-33.8688, within(1e-4));
        assertThat((Double) centre.getField(1)).isCloseTo(151.2093, within(1e-4));
        assertThat(enc.eval(0.0, 0.0, 13)).isNull();
        assertThat(dec.eval("abc!")).isNull();
        assertThat(dec.eval("ailo")).as("a, i, l, o are not geohash characters").isNull();
        assertThat(ctx.count("sqlpack_geohash_encode_malformed")).isEqualTo(1);
        assertThat(ctx.count("sqlpack_geohash_decode_malformed")).isEqualTo(2);
    }

    @Test
    void ipFunctionsHandleBothVersionsAndNeverResolveNames() {
        IpInCidrFunction in = new IpInCidrFunction();
        IpVersionFunction v = new IpVersionFunction();
        in.open(ctx);
        v.open(ctx);
        assertThat(in.eval("10.255.255.255", "10.0.0.0/8")).isTrue();
        assertThat(in.eval("11.0.0.0", "10.0.0.0/8")).isFalse();
        assertThat(in.eval("2001:db8:ffff::1", "2001:db8::/32")).isTrue();
        assertThat(in.eval("10.0.0.1", "2001:db8::/32")).isFalse();
        assertThat(in.eval("10.1.2.3", "10.1.2.99/24")).as("host bits of the network are ignored").isTrue();
        assertThat(in.eval("localhost", "127.0.0.0/8")).isNull();
        assertThat(in.eval("10.0.0.1", "10.0.0.0/33")).isNull();
        assertThat(ctx.count("sqlpack_ip_in_cidr_malformed")).isEqualTo(2);
        assertThat(v.eval("::ffff:10.0.0.1")).isEqualTo(6);
        assertThat(v.eval("256.1.1.1")).isNull();
    }

    @Test
    void maskingKeepsOnlyWhatItShould() {
        MaskEmailFunction email = new MaskEmailFunction();
        MaskCardFunction card = new MaskCardFunction();
        email.open(ctx);
        card.open(ctx);
        assertThat(email.eval("b@x.io")).isEqualTo("b***@x.io");
        assertThat(email.eval("no-at-sign")).isNull();
        assertThat(email.eval("two@@x.io")).isNull();
        assertThat(email.eval("@x.io")).isNull();
        assertThat(ctx.count("sqlpack_mask_email_malformed")).isEqualTo(3);
        assertThat(card.eval("5500-0055-5555-5559")).isEqualTo("************5559");
        assertThat(card.eval("12345")).isNull();
        assertThat(card.eval("4111x1111")).isNull();
    }

    @Test
    void luhnAcceptsKnownTestNumbersAndRejectsAChangedDigit() {
        LuhnValidFunction f = new LuhnValidFunction();
        f.open(ctx);
        assertThat(f.eval("5500 0055 5555 5559")).isTrue();
        assertThat(f.eval("378282246310005")).isTrue();
        assertThat(f.eval("378282246310006")).isFalse();
        assertThat(f.eval("0")).isFalse();
        assertThat(f.eval("12a4")).isNull();
        assertThat(ctx.count("sqlpack_luhn_valid_malformed")).isEqualTo(1);
    }

    @Test
    void roundToTickIsExactDecimalArithmetic() {
        RoundToTickFunction f = new RoundToTickFunction();
        f.open(ctx);
        assertThat(f.eval(new BigDecimal("0.30"), new BigDecimal("0.1")).stripTrailingZeros()).isEqualTo(new BigDecimal("0.3"));
        assertThat(f.eval(new BigDecimal("-1.125"), new BigDecimal("0.25")).stripTrailingZeros()).isEqualTo(new BigDecimal("-1.25"));
        assertThat(f.eval(new BigDecimal("1"), BigDecimal.ZERO)).isNull();
        assertThat(ctx.count("sqlpack_round_to_tick_malformed")).isEqualTo(1);
    }

    @Test
    void userAgentsAreClassifiedAndCached() {
        ParseUserAgentFunction f = new ParseUserAgentFunction();
        f.open(ctx);
        Row bot = f.eval("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        assertThat(bot.getField(0)).isEqualTo("Robot");
        assertThat(bot.getField(5)).isEqualTo(true);
        Row desktop = f.eval("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36");
        assertThat(desktop.getField(0)).isEqualTo("Desktop");
        assertThat(desktop.getField(1)).isEqualTo("Windows");
        assertThat(desktop.getField(3)).isEqualTo("Chrome");
        assertThat(f.eval("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"))
                .as("cached").isSameAs(desktop);
        assertThat(f.eval("   ")).isNull();
        assertThat(ctx.count("sqlpack_parse_user_agent_malformed")).isEqualTo(1);
    }
}
