package dev.sqlpack.udf.scalar;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4AddressStringParameters;
import inet.ipaddr.ipv6.IPv6AddressStringParameters;

/**
 * Parses IP address and network literals in their standard text forms only (never host names,
 * never DNS).
 *
 * <p>An address is IPv4 as four decimal octets 0-255 without leading zeros ({@code 010.0.0.1}
 * is read as octal by some parsers and decimal by others, so it is refused rather than guessed),
 * or IPv6 as in RFC 4291 section 2.2 (groups of one to four hex digits, one {@code ::}, an
 * optional dotted IPv4 tail such as {@code ::ffff:1.2.3.4}). A network is such an address
 * followed by {@code /prefix}, a decimal 0-32 or 0-128 without leading zeros. Everything else is
 * refused: empty or blank text and surrounding spaces, BSD shorthand ({@code 10.2.3},
 * {@code 10}), hexadecimal, octal or binary parts, wildcards ({@code 1.2.*.4}), ranges
 * ({@code 1.2.3.4-5}), masks ({@code 1.2.3.4/255.0.0.0}), IPv6 zone ids ({@code fe80::1%eth0}),
 * brackets, base 85, and a prefix where an address is expected. The ipaddress library's defaults
 * accept most of these, so its parameters are set strictly here, and a pre-check refuses any
 * character outside the two alphabets (non-ASCII digits included).
 */
final class Ip {
    private static final IPAddressStringParameters STRICT = strict(false);
    private static final IPAddressStringParameters STRICT_NETWORK = strict(true);

    private Ip() {}

    /** The address, or null unless the text is a standard IPv4 or IPv6 address (no prefix). */
    static IPAddress parseAddress(String text) {
        return parse(text, STRICT);
    }

    /** The network, or null unless the text is {@code address/prefix}. */
    static IPAddress parseNetwork(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || !isDecimal(text, slash + 1)) {
            return null;
        }
        IPAddress a = parse(text, STRICT_NETWORK);
        return a == null || a.getNetworkPrefixLength() == null ? null : a;
    }

    private static IPAddress parse(String text, IPAddressStringParameters params) {
        if (!plainAscii(text)) {
            return null;
        }
        IPAddressString s = new IPAddressString(text, params);
        return s.isIPAddress() ? s.getAddress() : null;
    }

    /** Only hex digits and the separators '.', ':' and '/': no spaces, zones, wildcards, ranges. */
    private static boolean plainAscii(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
                    || c == '.' || c == ':' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A prefix length: decimal digits from {@code from} to the end, no leading zero. */
    private static boolean isDecimal(String text, int from) {
        int n = text.length() - from;
        if (n < 1 || n > 3 || n > 1 && text.charAt(from) == '0') {
            return false;
        }
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static IPAddressStringParameters strict(boolean prefix) {
        IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder()
                .allowEmpty(false)
                .setEmptyAsLoopback(false)
                .allowSingleSegment(false)
                .allowAll(false)
                .allowPrefix(prefix)
                .allowMask(false)
                .allowPrefixOnly(false)
                .allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE)
                .allow_inet_aton(false);
        strictIPv4(b.getIPv4AddressParametersBuilder());
        // RFC 4291: one to four hex digits per group ("0001" is standard, "00001" is not)
        IPv6AddressStringParameters.Builder v6 = b.getIPv6AddressParametersBuilder();
        v6.allowBase85(false)
                .allowZone(false)
                .allowEmptyZone(false)
                .allow_mixed_inet_aton(false)
                .allowMixed(true)
                .allowBinary(false)
                .allowWildcardedSeparator(false)
                .allowLeadingZeros(true)
                .allowUnlimitedLeadingZeros(false)
                .allowPrefixLengthLeadingZeros(true) // the library refuses "/0" otherwise; isDecimal refuses "/08"
                .allowPrefixesBeyondAddressSize(false)
                .setRangeOptions(RangeParameters.NO_RANGE);
        strictIPv4(v6.getEmbeddedIPv4AddressParametersBuilder());
        return b.toParams();
    }

    private static void strictIPv4(IPv4AddressStringParameters.Builder v4) {
        v4.allow_inet_aton(false)
                .allow_inet_aton_hex(false)
                .allow_inet_aton_octal(false)
                .allow_inet_aton_leading_zeros(false)
                .allow_inet_aton_joined_segments(false)
                .allow_inet_aton_extraneous_digits(false)
                .allowBinary(false)
                .allowLeadingZeros(false)
                .allowUnlimitedLeadingZeros(false)
                .allowPrefixLengthLeadingZeros(true)
                .allowPrefixesBeyondAddressSize(false)
                .allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE);
    }
}
