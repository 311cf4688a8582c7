package dev.sqlpack.udf.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.udf.TestContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Only the standard text forms are addresses (see {@link Ip}); each other class of input is malformed. */
class IpFunctionsTest {
    private final TestContext ctx = new TestContext();
    private final IpVersionFunction version = new IpVersionFunction();
    private final IpInCidrFunction inCidr = new IpInCidrFunction();

    IpFunctionsTest() {
        version.open(ctx);
        inCidr.open(ctx);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "1.2.3.4", "10.0.0.1", "255.255.255.255", "192.168.100.200"})
    void standardIPv4IsVersion4(String ip) {
        assertThat(version.eval(ip)).isEqualTo(4);
        assertThat(inCidr.eval(ip, "0.0.0.0/0")).isTrue();
        assertThat(malformed()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "2001:0db8:0000:0000:0000:0000:0000:0001",
            "fe80::1:2:3:4", "::ffff:1.2.3.4", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:1.2.3.4", "1::", "1:2:3:4:5:6:7::"})
    void standardIPv6IsVersion6(String ip) {
        assertThat(version.eval(ip)).isEqualTo(6);
        assertThat(inCidr.eval(ip, "::/0")).isTrue();
        assertThat(malformed()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "\t", " 1.2.3.4", "1.2.3.4 ", // empty, blank, padded (the library takes "" as loopback)
            "1.2.3", "10.2.3", "10", "1.2", "4294967295", // BSD / inet_aton shorthand
            "0x0a.0.0.1", "0xa000001", "10.0.0.0x1", // hexadecimal parts
            "010.0.0.1", "1.2.3.04", "00.0.0.0", // leading zeros: octal to some parsers, decimal to others
            "1.2.3.*", "*", "*.*.*.*", "1.2.*.4", "1:2::*", // wildcards
            "1.2.3.4-5", "1.2.3-4.5", "1::1-2", // ranges
            "1.2.3.4/24", "10.0.0.0/8", "::1/128", "2001:db8::/32", // a network where an address is expected
            "256.1.1.1", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", // out of range or wrong shape
            "fe80::1%eth0", "fe80::1%1", "fe80::1%", "[::1]", // zone ids, brackets
            "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "12345::1", "00001::1", "g::1", // bad IPv6
            "::ffff:1.2.3", "::ffff:01.2.3.4", "::ffff:1.2.3.256", // bad IPv4 tail
            "１.２.３.４", "١.٢.٣.٤", "1.2.3.４", // non-ASCII digits (fullwidth, Arabic-Indic)
            "localhost", "example.com", "1.2.3.4:80", "0b1.0.0.0"})
    void everythingElseIsMalformed(String ip) {
        assertThat(version.eval(ip)).as("IP_VERSION('%s')", ip).isNull();
        assertThat(inCidr.eval(ip, "0.0.0.0/0")).as("IP_IN_CIDR('%s', ...)", ip).isNull();
        assertThat(ctx.count("sqlpack_ip_version_malformed")).isEqualTo(1);
        assertThat(ctx.count("sqlpack_ip_in_cidr_malformed")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "10.0.0.0", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/+8", "10.0.0.0/33", "::/129",
            "10.0.0.0/255.0.0.0", "10.0.0.*/24", "10.0.0.0-5/24", "10.0.0/8", "10/8", "/8", "10.0.0.0/8/8", "fe80::%eth0/64",
            "10.0.0.0 /8", "10.0.0.0/ 8", "10.0.0.0/８"})
    void aNetworkIsAddressSlashPrefixAndNothingElse(String cidr) {
        assertThat(inCidr.eval("10.1.2.3", cidr)).as("IP_IN_CIDR(_, '%s')", cidr).isNull();
        assertThat(ctx.count("sqlpack_ip_in_cidr_malformed")).isEqualTo(1);
    }

    @Test
    void theReportedCasesAreMalformed() {
        assertThat(version.eval("1.2.3")).isNull();
        assertThat(inCidr.eval("10.2.3", "10.0.0.0/8")).isNull();
        assertThat(malformed()).isEqualTo(2);
    }

    @Test
    void containmentByPrefixAndVersion() {
        assertThat(inCidr.eval("10.255.255.255", "10.0.0.0/8")).isTrue();
        assertThat(inCidr.eval("11.0.0.0", "10.0.0.0/8")).isFalse();
        assertThat(inCidr.eval("10.1.2.3", "10.1.2.99/24")).as("host bits of the network are ignored").isTrue();
        assertThat(inCidr.eval("10.1.2.3", "10.1.2.3/32")).isTrue();
        assertThat(inCidr.eval("10.1.2.4", "10.1.2.3/32")).isFalse();
        assertThat(inCidr.eval("2001:db8:ffff::1", "2001:db8::/32")).isTrue();
        assertThat(inCidr.eval("2001:db9::1", "2001:db8::/32")).isFalse();
        assertThat(inCidr.eval("::ffff:10.1.2.3", "::ffff:10.0.0.0/104")).isTrue();
        assertThat(inCidr.eval("10.0.0.1", "2001:db8::/32")).as("another version is never inside").isFalse();
        assertThat(inCidr.eval("::ffff:10.0.0.1", "10.0.0.0/8")).as("a mapped address is IPv6").isFalse();
        assertThat(inCidr.eval("1.2.3.4", "0.0.0.0/0")).isTrue();
        assertThat(malformed()).isZero();
        assertThat(inCidr.eval(null, "10.0.0.0/8")).isNull();
        assertThat(inCidr.eval("10.0.0.1", null)).isNull();
        assertThat(version.eval(null)).isNull();
        assertThat(malformed()).as("NULL is not malformed").isZero();
    }

    private long malformed() {
        return ctx.count("sqlpack_ip_version_malformed") + ctx.count("sqlpack_ip_in_cidr_malformed");
    }
}
