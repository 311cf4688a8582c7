package dev.sqlpack.udf.scalar;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import inet.ipaddr.IPAddress;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code IP_VERSION(ip) -> INT}: 4 or 6. NULL on NULL; NULL (counted) when not an IP address.
 * Example: {@code IP_VERSION('::1')} = 6.
 */
@FunctionDoc(
        signature = "IP_VERSION(ip STRING) -> INT",
        description = "4 for an IPv4 address, 6 for an IPv6 address.",
        nullRule = "NULL if the argument is NULL. A string that is not an IP address gives NULL and counts as malformed.",
        example = "SELECT IP_VERSION('192.168.0.1') AS v4, IP_VERSION('::1') AS v6, IP_VERSION('not an ip') AS bad",
        exampleResult = "4 | 6 | NULL")
public class IpVersionFunction extends ScalarFunction {
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, "IP_VERSION");
    }

    public Integer eval(String ip) {
        if (ip == null) {
            return null;
        }
        IPAddress a = Ip.parse(ip);
        if (a == null) {
            malformed.inc();
            return null;
        }
        return a.isIPv4() ? 4 : 6;
    }
}
