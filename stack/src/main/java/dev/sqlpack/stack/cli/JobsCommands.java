package dev.sqlpack.stack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.StackException;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.gateway.GatewayException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Job commands: list jobs, stop one (optionally with a savepoint). */
final class JobsCommands {
    private JobsCommands() {}

    @Command(name = "jobs", description = "List the cluster's jobs (from the JobManager's REST API).")
    static final class Jobs implements Callable<Integer> {
        @Mixin SqlPackCli.StateOption state = new SqlPackCli.StateOption();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            LocalStack stack = state.running(SqlPackHome.locate(), out);
            HttpClient.Builder hb = HttpClient.newBuilder();
            dev.sqlpack.stack.Tls.clientContext(stack.config()).ifPresent(hb::sslContext);
            HttpResponse<String> r = hb.build().send(
                    HttpRequest.newBuilder(URI.create(stack.config().webUiUrl() + "/jobs/overview"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode jobs = new ObjectMapper().readTree(r.body()).path("jobs");
            out.printf("%-32s  %-10s  %-20s  %s%n", "JOB ID", "STATE", "STARTED", "NAME");
            for (JsonNode j : jobs) {
                String name = j.path("name").asText().replaceAll("\\s+", " ");
                out.printf("%-32s  %-10s  %-20s  %s%n", j.path("jid").asText(), j.path("state").asText(),
                        Instant.ofEpochMilli(j.path("start-time").asLong()).toString().substring(0, 19),
                        name.length() > 60 ? name.substring(0, 59) + "…" : name);
            }
            return 0;
        }
    }

    @Command(name = "stop", description = {
        "Stop a job through the SQL gateway (STOP JOB).",
        "With --savepoint, take a savepoint first and print its path; resume later with: ./sqlpack resume SAVEPOINT_PATH FILE.sql."})
    static final class Stop implements Callable<Integer> {
        @Mixin SqlPackCli.StateOption state = new SqlPackCli.StateOption();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job's id ('./sqlpack jobs' lists them).")
        String jobId;

        @Option(names = "--savepoint", description = "Take a savepoint (in the state directory) before stopping.")
        boolean savepoint;

        @Option(names = "--drain", description = "Advance the watermark to the end so every window fires (no resume expected).")
        boolean drain;

        @Option(names = "--gateway", paramLabel = "URL", description = RemoteGateway.OPTION_HELP)
        String gatewayUrl;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (!jobId.matches("[0-9a-f]{32}")) {
                throw new StackException("'" + jobId + "' is not a job id (32 hex digits); './sqlpack jobs' lists them.");
            }
            GatewayClient client = gatewayUrl != null ? RemoteGateway.parse(gatewayUrl).client()
                    : GatewayClient.forStack(state.running(SqlPackHome.locate(), out).config());
            String sql = "STOP JOB '" + jobId + "'" + (savepoint ? " WITH SAVEPOINT" : "") + (drain ? " WITH DRAIN" : "");
            try (GatewayClient.Session session = client.openSession("sqlpack-stop", Map.of())) {
                List<GatewayClient.Batch> result = session.executeAndFetchAll(sql);
                out.println("Stopped job " + jobId + ".");
                for (GatewayClient.Batch b : result) {
                    for (GatewayClient.RowChange row : b.rows()) {
                        if (savepoint && !row.texts().isEmpty()) {
                            out.println("Savepoint: " + row.texts().get(0));
                            out.println("Resume with: ./sqlpack resume " + row.texts().get(0) + " FILE.sql");
                        }
                    }
                }
            } catch (GatewayException e) {
                throw new StackException("Could not stop job " + jobId + ": " + e.getMessage());
            }
            return 0;
        }
    }
}
