package dev.sqlpack.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON schemas for every kind the manifests use, made strict: an object schema that lists its
 * properties rejects any other, so a typo such as {@code taskManger} is an error, as the API
 * server's own structural validation would (mostly silently) drop it.
 *
 * <ul>
 *   <li>FlinkDeployment: the CRD's openAPIV3Schema from flink-kubernetes-operator-api 1.10.0, the
 *       newest served here. It predates {@code flinkVersion: v2_0} (operator 1.11; Flink 2.0 runs
 *       from operator 1.13), so {@link #FLINK_VERSIONS_ADDED} extends that one enum, nothing else.
 *   <li>Built-in kinds: fabric8 kubernetes-model 6.13.5's {@code schema/validation-schema.json}
 *       (generated from the Kubernetes API types), with two types corrected from their Java shape
 *       to their wire shape: {@code Quantity} (a string such as {@code 2Gi}, or a number) and
 *       {@code IntOrString}.
 * </ul>
 */
final class ManifestSchemas {
    /** flinkVersion values the tested CRD lacks, and the deployment uses. */
    static final List<String> FLINK_VERSIONS_ADDED = List.of("v2_0");
    static final Path OPERATOR_CRD = Yaml.SCHEMAS.resolve("flink-operator/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml");
    private static final List<String> FABRIC8_MODELS = List.of("kubernetes-model-core", "kubernetes-model-apps", "kubernetes-model-networking");
    /** Kubernetes' quantity grammar (resource.Quantity), as the API server parses it. */
    private static final String QUANTITY = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?[0-9]+))?$";

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final Map<String, JsonSchema> byApiVersionAndKind = new HashMap<>();
    private final ObjectNode fabric8Definitions = JsonNodeFactory.instance.objectNode();
    private final Map<String, String> fabric8Kinds = new HashMap<>();

    ManifestSchemas() {
        this(true);
    }

    /** @param extendFlinkVersions false gives the CRD's schema as shipped (to show why it is extended) */
    ManifestSchemas(boolean extendFlinkVersions) {
        for (String model : FABRIC8_MODELS) {
            Path file = Yaml.SCHEMAS.resolve(model).resolve("schema/validation-schema.json");
            if (!Files.isRegularFile(file)) {
                throw new AssertionError(file + " is missing: the build unpacks it (mvn -pl deploy/kubernetes -am verify)");
            }
            JsonNode schema = Yaml.tree(file);
            schema.path("definitions").fields().forEachRemaining(e -> fabric8Definitions.set(e.getKey(), e.getValue().deepCopy()));
        }
        fabric8Definitions.fields().forEachRemaining(e -> {
            JsonNode props = e.getValue().path("properties");
            String apiVersion = props.path("apiVersion").path("default").asText("");
            String kind = props.path("kind").path("default").asText("");
            if (!apiVersion.isEmpty() && !kind.isEmpty() && !kind.endsWith("List")) {
                fabric8Kinds.put(apiVersion + " " + kind, e.getKey());
            }
        });
        strictFabric8(fabric8Definitions);
        byApiVersionAndKind.put("flink.apache.org/v1beta1 FlinkDeployment", factory.getSchema(flinkDeploymentSchema(extendFlinkVersions)));
    }

    /** The problems of one resource against its kind's schema; empty when it is valid. */
    List<String> validate(JsonNode resource) {
        String apiVersion = resource.path("apiVersion").asText("");
        String kind = resource.path("kind").asText("");
        JsonSchema schema = schemaFor(apiVersion, kind);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(resource)) {
            problems.add(Yaml.id(resource) + ": " + m.getMessage());
        }
        if (kind.equals("FlinkDeployment")) {
            // the CRD leaves metadata to the API server, which checks it as ObjectMeta
            for (ValidationMessage m : schemaFor("v1", "ObjectMeta").validate(resource.path("metadata"))) {
                problems.add(Yaml.id(resource) + ": metadata: " + m.getMessage());
            }
        }
        return problems.stream().sorted().distinct().toList();
    }

    private JsonSchema schemaFor(String apiVersion, String kind) {
        return byApiVersionAndKind.computeIfAbsent(apiVersion + " " + kind, key -> {
            String definition = kind.equals("ObjectMeta") ? "kubernetes_apimachinery_ObjectMeta" : fabric8Kinds.get(key);
            if (definition == null) {
                throw new AssertionError("no schema for apiVersion '" + apiVersion + "', kind '" + kind
                        + "': a typo, or a kind from a model jar not unpacked yet (pom.xml, 'schemas')");
            }
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("$schema", "http://json-schema.org/draft-07/schema#");
            root.set("definitions", fabric8Definitions);
            root.putArray("allOf").addObject().put("$ref", "#/definitions/" + definition);
            return factory.getSchema(root);
        });
    }

    private static ObjectNode flinkDeploymentSchema(boolean extendFlinkVersions) {
        JsonNode crd = Yaml.documents(OPERATOR_CRD).get(0);
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("name").asText().equals("v1beta1")) {
                ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema").deepCopy();
                strictCrd(schema);
                // the API server adds these to every custom resource's schema
                ObjectNode props = schema.with("properties");
                props.putObject("apiVersion").put("const", crd.at("/spec/group").asText() + "/v1beta1");
                props.putObject("kind").put("const", crd.at("/spec/names/kind").asText());
                props.putObject("metadata").put("type", "object");
                schema.putArray("required").add("apiVersion").add("kind").add("metadata").add("spec");
                if (extendFlinkVersions) {
                    ArrayNode versions = (ArrayNode) schema.with("properties").with("spec").with("properties")
                            .with("flinkVersion").withArray("enum");
                    FLINK_VERSIONS_ADDED.forEach(versions::add);
                }
                return schema;
            }
        }
        throw new AssertionError("no v1beta1 in " + OPERATOR_CRD);
    }

    /** OpenAPI (structural) schema: objects with properties are closed unless marked to preserve unknown fields. */
    private static void strictCrd(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
        }
        node.forEach(ManifestSchemas::strictCrd);
    }

    private static void strictFabric8(ObjectNode definitions) {
        ObjectNode quantity = JsonNodeFactory.instance.objectNode();
        quantity.putArray("anyOf").add(JsonNodeFactory.instance.objectNode().put("type", "string").put("pattern", QUANTITY))
                .add(JsonNodeFactory.instance.objectNode().put("type", "number"));
        definitions.set("k8s_io_apimachinery_pkg_api_resource_Quantity", quantity);
        ObjectNode intOrString = JsonNodeFactory.instance.objectNode();
        intOrString.putArray("anyOf").add(JsonNodeFactory.instance.objectNode().put("type", "integer"))
                .add(JsonNodeFactory.instance.objectNode().put("type", "string"));
        definitions.set("kubernetes_apimachinery_pkg_util_intstr_IntOrString", intOrString);
        definitions.forEach(ManifestSchemas::strictFabric8Node);
    }

    /** Closes objects, turns draft-3 "required": true into draft-7 required lists, drops Java-only keywords. */
    private static void strictFabric8Node(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.startsWith("java") || name.equals("existingJavaType")) {
                    names.remove();
                }
            }
            if (o.get("properties") instanceof ObjectNode props) {
                if (!o.path("additionalProperties").isObject()) {
                    o.put("additionalProperties", false);
                }
                props.fields().forEachRemaining(p -> {
                    if (p.getValue() instanceof ObjectNode prop && prop.path("required").isBoolean()) {
                        if (prop.get("required").asBoolean()) {
                            o.withArray("required").add(p.getKey());
                        }
                        prop.remove("required");
                    }
                });
            }
        }
        node.forEach(ManifestSchemas::strictFabric8Node);
    }
}
