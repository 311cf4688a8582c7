package dev.sqlpack.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlpack.stack.kafka.KafkaBroker;
import dev.sqlpack.stack.postgres.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Whether a server of the stack answers as it should: what start-up and {@code up} wait for. */
final class StackHealth {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackConfig config;
    private final Supplier<HttpClient> http;
    private volatile String lastProblem = "";

    private final Function<Server, Optional<String>> taskManagerId;

    /** {@code taskManagerId}: the resource id the running process of a TaskManager registers with. */
    StackHealth(StackConfig config, Supplier<HttpClient> http, Function<Server, Optional<String>> taskManagerId) {
        this.config = config;
        this.http = http;
        this.taskManagerId = taskManagerId;
    }

    /** Kafka and PostgreSQL accept clients, the REST APIs answer, a TaskManager is registered. */
    boolean healthy(Server s) {
        return switch (s.component()) {
            case KAFKA -> {
                String problem = KafkaBroker.problem(config.kafkaBootstrap());
                lastProblem = problem == null ? "" : problem;
                yield problem == null;
            }
            case POSTGRES -> PostgresServer.acceptsConnections(config.postgresPort());
            case JOBMANAGER -> httpOk(config.webUiUrl() + "/overview");
            case TASKMANAGER -> taskManagerId.apply(s).map(id -> registeredTaskManagers().contains(id)).orElse(false);
            case GATEWAY -> httpOk(config.gatewayUrl() + "/v1/info");
        };
    }

    /** What the last failed check of a server that gives a reason said ("" if none). */
    String lastProblem() {
        return lastProblem;
    }

    /** The resource ids of the TaskManagers registered with the JobManager (empty when it does not answer). */
    Set<String> registeredTaskManagers() {
        Set<String> ids = new TreeSet<>();
        try {
            HttpResponse<String> r = http.get().send(HttpRequest.newBuilder(URI.create(config.webUiUrl() + "/taskmanagers"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                JSON.readTree(r.body()).path("taskmanagers").forEach(t -> ids.add(t.path("id").asText()));
            }
        } catch (IOException e) {
            // not answering: none registered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ids;
    }

    private boolean httpOk(String url) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2));
            // with the gateway extension on, the gateway answers only requests that carry an identity
            GatewayExtension.token(config).ifPresent(t -> b.header("Authorization", "Bearer " + t));
            return http.get().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
