package dev.sqlpack.connector.sideinput.snapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * Reads one record per line through a Flink format's decoder ('csv', 'json', ...); the file's
 * modification time and size are its version.
 */
final class FileLoader implements SnapshotLoader {
    private final Path path;
    private final DeserializationSchema<RowData> format;
    private boolean opened;

    FileLoader(FileSpec spec, DeserializationSchema<RowData> format) {
        this.path = new Path(spec.path());
        this.format = format;
    }

    @Override
    public String describe() {
        return "file " + path;
    }

    @Override
    public String currentVersion() throws IOException {
        FileStatus s = path.getFileSystem().getFileStatus(path);
        return s.getModificationTime() + "/" + s.getLen();
    }

    @Override
    public void load(Consumer<RowData> sink) throws Exception {
        openFormat();
        FileSystem fs = path.getFileSystem();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
            String line;
            long lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                RowData row;
                try {
                    row = format.deserialize(line.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IOException("line " + lineNumber + " of " + path + " cannot be read: " + e.getMessage(), e);
                }
                if (row != null) { // null: the format was told to skip bad records
                    sink.accept(row);
                }
            }
        }
    }

    private void openFormat() throws Exception {
        if (opened) {
            return;
        }
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        format.open(new DeserializationSchema.InitializationContext() {
            @Override
            public org.apache.flink.metrics.MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(cl);
            }
        });
        opened = true;
    }
}
