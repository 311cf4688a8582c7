package dev.sqlpack.udf.scalar;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import inet.ipaddr.IPAddress;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/** Whether an IP address lies in a network. */
@FunctionDoc(
        signature = "IP_IN_CIDR(ip STRING, cidr STRING) -> BOOLEAN",
        description = "TRUE when the address lies in the network written in CIDR notation (IPv4 or IPv6; host bits of the network are ignored). An address of the other IP version is not in the network.",
        nullRule = "NULL if an argument is NULL. Only standard text forms count: an address is four decimal octets without leading zeros, or IPv6 as in RFC 4291 (an IPv4 tail such as `::ffff:1.2.3.4` included, no zone id), and a network is `address/prefix`. Anything else (empty or padded text, shorthand like `10.2.3`, hex or octal parts, wildcards, ranges, masks, a network where an address is expected) gives NULL and counts as malformed. Host names are never resolved.",
        example = "SELECT IP_IN_CIDR('10.1.2.3', '10.0.0.0/8') AS a, IP_IN_CIDR('2001:db8::1', '2001:db8::/32') AS b, IP_IN_CIDR('192.168.1.1', '10.0.0.0/8') AS c",
        exampleResult = "true | true | false")
public class IpInCidrFunction extends ScalarFunction {
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public Boolean eval(String ip, String cidr) {
        if (ip == null || cidr == null) {
            return null;
        }
        IPAddress address = Ip.parseAddress(ip);
        IPAddress network = Ip.parseNetwork(cidr);
        if (address == null || network == null) {
            malformed.inc();
            return null;
        }
        if (address.getIPVersion() != network.getIPVersion()) {
            return false;
        }
        return network.toPrefixBlock().contains(address);
    }
}
