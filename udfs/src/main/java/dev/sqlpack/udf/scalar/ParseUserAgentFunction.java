package dev.sqlpack.udf.scalar;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.Row;
import ua_parser.Client;
import ua_parser.Parser;

/** A User-Agent header parsed into device, OS and agent. */
@FunctionDoc(
        signature = "PARSE_USER_AGENT(ua STRING)",
        description = "Parses a User-Agent header with the rules of the ua-parser project. `device_class` is one of Phone, Tablet, Desktop, Robot, Unknown. The parser is built when the function opens (so the first row does not pay for it), and the 10,000 most recent agents are cached per subtask.",
        nullRule = "NULL if the argument is NULL. A blank string gives NULL and counts as malformed; an agent the rules do not know gives 'Other' names and device class Unknown.",
        example = "SELECT u.device_class, u.os_name, u.os_version, u.agent_name, u.agent_version, u.is_bot FROM (SELECT PARSE_USER_AGENT('Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1') AS u)",
        exampleResult = "Phone | iOS | 17.1 | Mobile Safari | 17.1 | false")
public class ParseUserAgentFunction extends ScalarFunction {
    private static final int CACHE_SIZE = 10_000;
    private static final Pattern BOT = Pattern.compile("bot|crawl|spider|slurp|preview|headless", Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLET = Pattern.compile("ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))", Pattern.CASE_INSENSITIVE);
    private static final Pattern PHONE = Pattern.compile("iphone|ipod|mobile|windows phone|blackberry", Pattern.CASE_INSENSITIVE);

    private final Malformed malformed = new Malformed();
    private transient Parser parser;
    private transient Map<String, Row> cache;

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
        init();
    }

    private void init() {
        parser = new Parser();
        cache = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Row> eldest) {
                return size() > CACHE_SIZE;
            }
        };
    }

    public @DataTypeHint("ROW<device_class STRING, os_name STRING, os_version STRING, agent_name STRING, agent_version STRING, is_bot BOOLEAN>") Row eval(String ua) {
        if (ua == null) {
            return null;
        }
        if (ua.isBlank()) {
            malformed.inc();
            return null;
        }
        if (parser == null) {
            init(); // called without open(), as in unit tests
        }
        Row cached = cache.get(ua);
        if (cached != null) {
            return cached;
        }
        Client c = parser.parse(ua);
        boolean bot = "Spider".equals(c.device.family) || BOT.matcher(ua).find();
        String os = c.os.family;
        String device;
        if (bot) {
            device = "Robot";
        } else if (TABLET.matcher(ua).find()) {
            device = "Tablet";
        } else if (PHONE.matcher(ua).find() || "Android".equals(os)) {
            device = "Phone";
        } else if (os != null && DESKTOP_OS.contains(os.toLowerCase(Locale.ROOT))) {
            device = "Desktop";
        } else {
            device = "Unknown";
        }
        Row row = Row.of(device, os, version(c.os.major, c.os.minor, c.os.patch), c.userAgent.family,
                version(c.userAgent.major, c.userAgent.minor, c.userAgent.patch), bot);
        cache.put(ua, row);
        return row;
    }

    private static final java.util.Set<String> DESKTOP_OS = java.util.Set.of(
            "windows", "mac os x", "linux", "ubuntu", "chrome os", "fedora", "debian", "freebsd");

    private static String version(String major, String minor, String patch) {
        if (major == null) {
            return null;
        }
        StringBuilder v = new StringBuilder(major);
        if (minor != null) {
            v.append('.').append(minor);
            if (patch != null) {
                v.append('.').append(patch);
            }
        }
        return v.toString();
    }
}
