package dev.sqlpack.connector.sideinput.snapshot;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file read through Flink's file systems with a Flink format. The format's options are kept
 * only so that two tables reading one file with different formats do not share a snapshot; the
 * decoder itself is created by the planner and travels in {@link SourceDefinition}.
 */
public record FileSpec(String path, String format, Map<String, String> formatOptions) implements SourceSpec {

    public FileSpec {
        formatOptions = Collections.unmodifiableSortedMap(new TreeMap<>(formatOptions));
    }

    @Override
    public Kind kind() {
        return Kind.FILE;
    }

    @Override
    public String identity() {
        return toString();
    }

    @Override
    public String toString() {
        return "file " + path + " format " + format + (formatOptions.isEmpty() ? "" : " " + formatOptions);
    }
}
