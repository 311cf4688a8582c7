package dev.sqlpack.connector.sideinput.snapshot;

import java.io.Serializable;

/** A side-input table's options, parsed and validated once at planning: the source and its refresh policy. */
public record SideInputConfig(SourceSpec source, RefreshPolicy refresh) implements Serializable {

    /** The source's identity and the policy: no secret in clear text. */
    public String identity() {
        return source.identity() + " | " + refresh;
    }
}
