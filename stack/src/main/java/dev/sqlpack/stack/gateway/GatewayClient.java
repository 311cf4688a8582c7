package dev.sqlpack.stack.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small client of the Flink SQL gateway's REST API (plain HTTP and JSON, API version v2):
 * sessions, statements, and paged results.
 */
public final class GatewayClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final String baseUrl;
    private final HttpClient http;
    private String bearerToken;

    public GatewayClient(String baseUrl) {
        this(baseUrl, null);
    }

    /** A client that trusts the certificates {@code ssl} trusts (null: the JDK's defaults). */
    public GatewayClient(String baseUrl, javax.net.ssl.SSLContext ssl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    /**
     * A client of the local stack's gateway, trusting its certificate when it runs with TLS and
     * sending the local admin token when the gateway extension made one.
     */
    public static GatewayClient forStack(dev.sqlpack.stack.StackConfig config) {
        return new GatewayClient(config.gatewayUrl(), dev.sqlpack.stack.Tls.clientContext(config).orElse(null))
                .withToken(dev.sqlpack.stack.GatewayExtension.token(config).orElse(null));
    }

    /** Sends {@code Authorization: Bearer <token>} with every request (null: no header). */
    public GatewayClient withToken(String token) {
        this.bearerToken = token;
        return this;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** GET /v2/info: product name and version; fails when the gateway cannot be reached. */
    public JsonNode info() {
        return send("GET", "/v2/info", null);
    }

    /** Heartbeat of a session by handle; fails when the gateway no longer knows it. */
    public void heartbeat(String sessionHandle) {
        send("POST", "/v2/sessions/" + sessionHandle + "/heartbeat", null);
    }

    public Session openSession(String name, Map<String, String> properties) {
        ObjectNode body = JSON.createObjectNode();
        body.put("sessionName", name);
        ObjectNode props = body.putObject("properties");
        properties.forEach(props::put);
        return new Session(send("POST", "/v2/sessions", body).path("sessionHandle").asText());
    }

    JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json");
        if (bearerToken != null) {
            b.header("Authorization", "Bearer " + bearerToken);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GatewayException("Cannot reach the SQL gateway at " + baseUrl + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "). Is the stack running? Check with './sqlpack status'.", String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted", "");
        }
        if (r.statusCode() >= 300 && r.statusCode() < 400) {
            String location = r.headers().firstValue("location").orElse("?");
            throw new GatewayException("The SQL gateway answered " + r.statusCode() + ", redirecting to " + location
                    + (location.startsWith("https:") ? ": it serves TLS only; use an https:// URL." : "."), "");
        }
        JsonNode json;
        try {
            json = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new GatewayException("The SQL gateway answered " + r.statusCode() + " with a body that is not JSON: " + r.body(), r.body());
        }
        if (r.statusCode() == 401) {
            throw new GatewayException("The SQL gateway at " + baseUrl + " refused the request (401: " + rootCause(json)
                    + "). ./sqlpack sends the token in <state dir>/gateway/admin.token; for another identity, "
                    + "create a token with './sqlpack token create NAME --role analyst'.", json.toString());
        }
        if (r.statusCode() >= 400) {
            String details = json.path("errors").toString();
            throw new GatewayException(rootCause(json), details);
        }
        return json;
    }

    /**
     * A gateway error as a user should read it: the chain of causes below the gateway's own
     * wrappers ("Failed to fetchResults", "Failed to execute the operation"), each cause once,
     * outermost first, without stack frames. Flink's parser and validator put the statement's
     * problem there (the option, the value, the table).
     */
    static String rootCause(JsonNode errorBody) {
        List<String> causes = new ArrayList<>();
        for (JsonNode e : errorBody.path("errors")) {
            String text = e.asText();
            if (text.equals("Internal server error.")) {
                continue;
            }
            StringBuilder current = null;
            for (String line : text.split("\n")) {
                String t = line.trim();
                if (t.startsWith("at ") || t.startsWith("...") || t.startsWith("End of exception on server side")
                        || t.startsWith("<Exception on server side")) {
                    continue;
                }
                if (t.startsWith("Caused by: ")) {
                    if (current != null) {
                        causes.add(current.toString().trim());
                    }
                    current = new StringBuilder(t.substring("Caused by: ".length()));
                } else if (current != null) {
                    current.append('\n').append(line);
                } else if (!t.isEmpty()) {
                    current = new StringBuilder(t);
                }
            }
            if (current != null) {
                causes.add(current.toString().trim());
            }
        }
        List<String> shown = new ArrayList<>();
        for (String c : causes) {
            String m = stripExceptionClass(c);
            if (m.contains("SqlGatewayException") || m.startsWith("SqlGatewayException: ")
                    || m.startsWith("SqlExecutionException: Failed to execute the operation")) {
                continue;
            }
            String message = m.contains(": ") ? m.substring(m.indexOf(": ") + 2) : m;
            if (shown.stream().anyMatch(prev -> prev.contains(message.trim()))) {
                continue; // a deeper cause repeating its wrapper's message
            }
            shown.add(shown.isEmpty() ? m : "caused by " + m);
        }
        if (shown.isEmpty()) {
            return causes.isEmpty() ? "unknown error" : stripExceptionClass(causes.get(causes.size() - 1));
        }
        return String.join("\n  ", shown);
    }

    private static String stripExceptionClass(String s) {
        // "org.apache.flink.table.api.ValidationException: Object 'x' not found" -> keep the class's simple name
        var m = java.util.regex.Pattern.compile("^(?:[a-z0-9_]+\\.)+([A-Z][A-Za-z0-9_$]*(?:Exception|Error)): ").matcher(s);
        return m.find() ? m.group(1) + ": " + s.substring(m.end()) : s;
    }

    /** A gateway session; statements in it share catalogs, modules and configuration. */
    public final class Session implements AutoCloseable {
        private final String handle;

        Session(String handle) {
            this.handle = handle;
        }

        public String handle() {
            return handle;
        }

        /** Submits one statement; the returned operation yields its result. */
        public Operation execute(String statement) {
            ObjectNode body = JSON.createObjectNode();
            body.put("statement", statement);
            String op = send("POST", "/v2/sessions/" + handle + "/statements", body).path("operationHandle").asText();
            return new Operation(this, op);
        }

        /** Executes a statement and reads all of its result; for statements whose result is bounded. */
        public List<Batch> executeAndFetchAll(String statement) {
            Operation op = execute(statement);
            List<Batch> batches = new ArrayList<>();
            Batch b;
            while ((b = op.next(Duration.ofMinutes(5))) != null) {
                batches.add(b);
            }
            return batches;
        }

        public void heartbeat() {
            send("POST", "/v2/sessions/" + handle + "/heartbeat", null);
        }

        public JsonNode config() {
            return send("GET", "/v2/sessions/" + handle, null);
        }

        @Override
        public void close() {
            try {
                send("DELETE", "/v2/sessions/" + handle, null);
            } catch (GatewayException ignored) {
                // the gateway is gone or the session expired: nothing left to close
            }
        }
    }

    /** One submitted statement and the cursor over its result pages. */
    public final class Operation {
        private final Session session;
        private final String handle;
        private String next;

        Operation(Session session, String handle) {
            this.session = session;
            this.handle = handle;
            this.next = "/v2/sessions/" + session.handle + "/operations/" + handle + "/result/0?rowFormat=JSON";
        }

        public String handle() {
            return handle;
        }

        /**
         * The next page with data, waiting up to {@code timeout} while the gateway has none ready;
         * null at the end of the result. A page may hold no rows if the timeout passed.
         */
        public Batch next(Duration timeout) {
            if (next == null) {
                return null;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                JsonNode r = send("GET", next, null);
                String type = r.path("resultType").asText();
                if ("EOS".equals(type)) {
                    next = null;
                    Batch b = Batch.of(r);
                    return b.rows().isEmpty() && b.columns().isEmpty() ? null : b;
                }
                if ("PAYLOAD".equals(type)) {
                    String uri = r.path("nextResultUri").asText(null);
                    next = uri;
                    return Batch.of(r);
                }
                if (System.nanoTime() > deadline) {
                    return Batch.empty(r);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GatewayException("interrupted", "");
                }
            }
        }

        public boolean hasMore() {
            return next != null;
        }

        public void cancel() {
            try {
                send("POST", "/v2/sessions/" + session.handle + "/operations/" + handle + "/cancel", null);
            } catch (GatewayException ignored) {
                // already finished or closed
            }
        }

        public void close() {
            try {
                send("DELETE", "/v2/sessions/" + session.handle + "/operations/" + handle + "/close", null);
            } catch (GatewayException ignored) {
                // already closed
            }
        }
    }

    /**
     * A page of a statement's result: columns, row changes, and whether it is a query result;
     * {@code columnTypes} holds each column's logical type as the gateway describes it
     * ({"type": "DECIMAL", "precision": 10, "scale": 2, ...}), for printing values by their type.
     */
    public record Batch(boolean isQueryResult, String resultKind, String jobId, List<String> columns,
            List<RowChange> rows, List<JsonNode> columnTypes) {
        public Batch(boolean isQueryResult, String resultKind, String jobId, List<String> columns, List<RowChange> rows) {
            this(isQueryResult, resultKind, jobId, columns, rows, List.of());
        }

        public static Batch of(JsonNode r) {
            List<String> cols = new ArrayList<>();
            List<JsonNode> types = new ArrayList<>();
            r.path("results").path("columns").forEach(c -> cols.add(c.path("name").asText()));
            r.path("results").path("columns").forEach(c -> types.add(c.path("logicalType")));
            List<RowChange> rows = new ArrayList<>();
            r.path("results").path("data").forEach(d -> {
                List<JsonNode> fields = new ArrayList<>();
                d.path("fields").forEach(fields::add);
                rows.add(new RowChange(d.path("kind").asText("INSERT"), fields));
            });
            return new Batch(r.path("isQueryResult").asBoolean(false), r.path("resultKind").asText(""),
                    r.path("jobID").asText(null), cols, rows, types);
        }

        static Batch empty(JsonNode r) {
            return new Batch(r.path("isQueryResult").asBoolean(false), "", null, List.of(), List.of());
        }
    }

    /** A row and its change kind: INSERT, UPDATE_BEFORE, UPDATE_AFTER or DELETE. */
    public record RowChange(String kind, List<JsonNode> fields) {
        public boolean isRetraction() {
            return "UPDATE_BEFORE".equals(kind) || "DELETE".equals(kind);
        }

        public String shortKind() {
            return switch (kind) {
                case "UPDATE_BEFORE" -> "-U";
                case "UPDATE_AFTER" -> "+U";
                case "DELETE" -> "-D";
                default -> "+I";
            };
        }

        public List<String> texts() {
            List<String> t = new ArrayList<>();
            for (JsonNode f : fields) {
                if (f.isNull()) {
                    t.add("NULL");
                } else if (f.isBigDecimal()) {
                    t.add(f.decimalValue().toPlainString()); // the gateway strips trailing zeros
                } else {
                    t.add(f.isValueNode() ? f.asText() : f.toString());
                }
            }
            return t;
        }
    }
}
