package dev.sqlpack.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plain HTTP against the gateway's REST API, as curl sends it: method, path, optional token and JSON body. */
final class GatewayHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http;

    GatewayHttp(String base) {
        this(base, null);
    }

    /** Over TLS with {@code ssl} (its trust, and the client certificate it presents; null: the JDK's defaults). */
    GatewayHttp(String base, javax.net.ssl.SSLContext ssl) {
        this.base = base;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String error() {
            return json().path("errors").toString();
        }
    }

    Reply send(String method, String path, String token, JsonNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    /** Opens a session; the reply is returned as is when it is not 200. */
    Reply open(String token, Map<String, String> properties) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode p = body.putObject("properties");
        properties.forEach(p::put);
        return send("POST", "/v2/sessions", token, body);
    }

    String openOk(String token) throws Exception {
        Reply r = open(token, Map.of());
        if (r.status() != 200) {
            throw new AssertionError("open session: " + r);
        }
        return r.json().path("sessionHandle").asText();
    }

    Reply submit(String token, String session, String statement, Map<String, String> executionConfig) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("statement", statement);
        if (!executionConfig.isEmpty()) {
            ObjectNode c = body.putObject("executionConfig");
            executionConfig.forEach(c::put);
        }
        return send("POST", "/v2/sessions/" + session + "/statements", token, body);
    }

    /** Runs a statement and returns all rows (each a list of JSON fields) and the job id if one ran. */
    Result run(String token, String session, String statement) throws Exception {
        Reply r = submit(token, session, statement, Map.of());
        if (r.status() != 200) {
            throw new AssertionError(statement + " -> " + r);
        }
        String op = r.json().path("operationHandle").asText();
        String next = "/v2/sessions/" + session + "/operations/" + op + "/result/0?rowFormat=JSON";
        List<List<JsonNode>> rows = new ArrayList<>();
        String jobId = null;
        while (next != null) {
            String uri = next;
            // a page that is not ready yet is asked for again until it is (or fails)
            Reply page = org.awaitility.Awaitility.await(statement + ": a result page")
                    .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> send("GET", uri, token, null),
                            p -> p.status() != 200 || !p.json().path("resultType").asText().equals("NOT_READY"));
            if (page.status() != 200) {
                throw new AssertionError(statement + " -> " + page);
            }
            JsonNode j = page.json();
            if (j.hasNonNull("jobID")) {
                jobId = j.path("jobID").asText();
            }
            for (JsonNode d : j.path("results").path("data")) {
                List<JsonNode> fields = new ArrayList<>();
                d.path("fields").forEach(fields::add);
                rows.add(fields);
            }
            String type = j.path("resultType").asText();
            if (type.equals("EOS")) {
                next = null;
            } else {
                next = j.path("nextResultUri").asText(null); // PAYLOAD: the next page
            }
        }
        return new Result(rows, jobId, op);
    }

    record Result(List<List<JsonNode>> rows, String jobId, String operation) {}
}
