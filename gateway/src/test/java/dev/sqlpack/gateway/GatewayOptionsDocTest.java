package dev.sqlpack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** docs/gateway-extension.md carries the option table exactly as the code declares it. */
class GatewayOptionsDocTest {
    static String table() {
        StringBuilder b = new StringBuilder("| Option | Default | Meaning |\n|---|---|---|\n");
        for (ConfigOption<?> o : GatewayOptions.all()) {
            Object d = o.hasDefaultValue() ? o.defaultValue() : null;
            String shown = d == null ? "(none)" : d instanceof List<?> l ? String.join(";", l.stream().map(String::valueOf).toList())
                    : d instanceof java.time.Duration du ? du.toSeconds() + " s" : String.valueOf(d);
            b.append("| `").append(GatewayOptions.PREFIX).append(o.key()).append("` | `").append(shown).append("` | ")
                    .append(((org.apache.flink.configuration.description.TextElement) o.description().getBlocks().get(0)).getFormat().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }

    @Test
    void theDocsListEveryOptionWithItsDefault() throws Exception {
        String doc = Files.readString(Path.of("../docs/gateway-extension.md"));
        assertThat(doc).as("paste this table into docs/gateway-extension.md:\n" + table()).contains(table());
    }
}
