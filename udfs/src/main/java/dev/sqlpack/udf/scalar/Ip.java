package dev.sqlpack.udf.scalar;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/** Parses IP address literals (never host names, never DNS). */
final class Ip {
    private Ip() {}

    static IPAddress parse(String text) {
        IPAddressString s = new IPAddressString(text.trim());
        return s.isIPAddress() ? s.getAddress() : null;
    }
}
