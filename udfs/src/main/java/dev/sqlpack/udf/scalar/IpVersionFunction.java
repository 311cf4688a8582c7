package dev.sqlpack.udf.scalar;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import inet.ipaddr.IPAddress;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/** The version of an IP address. */
@FunctionDoc(
        signature = "IP_VERSION(ip STRING) -> INT",
        description = "4 for an IPv4 address, 6 for an IPv6 address.",
        nullRule = "NULL if the argument is NULL. Only standard text forms are addresses: four decimal octets without leading zeros, or IPv6 as in RFC 4291 (an IPv4 tail included, no zone id). Anything else (empty or padded text, shorthand like `1.2.3`, hex or octal parts, wildcards, ranges, a network with a prefix) gives NULL and counts as malformed.",
        example = "SELECT IP_VERSION('192.168.0.1') AS v4, IP_VERSION('::1') AS v6, IP_VERSION('not an ip') AS bad",
        exampleResult = "4 | 6 | NULL")
public class IpVersionFunction extends ScalarFunction {
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public Integer eval(String ip) {
        if (ip == null) {
            return null;
        }
        IPAddress a = Ip.parseAddress(ip);
        if (a == null) {
            malformed.inc();
            return null;
        }
        return a.isIPv4() ? 4 : 6;
    }
}
