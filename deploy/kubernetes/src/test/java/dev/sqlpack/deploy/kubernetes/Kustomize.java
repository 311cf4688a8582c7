package dev.sqlpack.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The part of {@code kubectl kustomize} these manifests use, in Java, so the overlays are rendered
 * and checked where kubectl is absent (CI machines may lack it; it is not in Debian's archive).
 * Supported: {@code resources} (files and folders), {@code namespace}, {@code images} (with
 * {@code configurations} image field specs, inherited from bases as kustomize does) and
 * {@code patches} (strategic-merge patches of maps, JSON 6902 operations). Anything else fails
 * loudly rather than rendering differently from kustomize; KustomizeTest compares both where
 * kubectl exists.
 */
final class Kustomize {
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources", "images", "patches", "configurations");
    private static final Set<String> BUILT_IN_GROUPS = Set.of("v1", "apps/v1", "networking.k8s.io/v1");
    /** kustomize's default image fields (builtin image transformer config). */
    private static final List<List<String>> DEFAULT_IMAGE_PATHS = List.of(
            List.of("spec", "containers"), List.of("spec", "initContainers"),
            List.of("spec", "template", "spec", "containers"), List.of("spec", "template", "spec", "initContainers"),
            List.of("spec", "jobTemplate", "spec", "template", "spec", "containers"),
            List.of("spec", "jobTemplate", "spec", "template", "spec", "initContainers"));

    /** The rendered resources, and the image fields declared by this kustomization and its bases. */
    record Result(List<ObjectNode> resources, List<ImageField> imageFields) {}

    /** A field holding an image name, for one kind: {@code spec/image} of FlinkDeployment. */
    record ImageField(String kind, List<String> path) {}

    private Kustomize() {}

    static List<ObjectNode> build(Path dir) {
        return render(dir).resources();
    }

    static Result render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        JsonNode k = Yaml.documents(file).get(0);
        k.fieldNames().forEachRemaining(f -> {
            if (!SUPPORTED.contains(f)) {
                throw new UnsupportedOperationException(file + ": '" + f + "' is not rendered by this Java kustomize; "
                        + "supported: " + SUPPORTED);
            }
        });
        List<ObjectNode> resources = new ArrayList<>();
        List<ImageField> imageFields = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                Result base = render(p);
                resources.addAll(base.resources());
                imageFields.addAll(base.imageFields());
            } else {
                resources.addAll(Yaml.documents(p));
            }
        }
        for (JsonNode c : k.path("configurations")) {
            for (JsonNode spec : Yaml.documents(dir.resolve(c.asText())).get(0).path("images")) {
                imageFields.add(new ImageField(spec.path("kind").asText(), List.of(spec.path("path").asText().split("/"))));
            }
        }
        for (JsonNode patch : k.path("patches")) {
            applyPatch(dir, patch, resources);
        }
        if (k.has("namespace")) {
            resources.forEach(r -> r.with("metadata").put("namespace", k.get("namespace").asText()));
        }
        for (JsonNode image : k.path("images")) {
            resources.forEach(r -> setImages(r, image, imageFields));
        }
        return new Result(resources, imageFields);
    }

    private static void applyPatch(Path dir, JsonNode patch, List<ObjectNode> resources) {
        if (!patch.has("path") || patch.has("patch")) {
            throw new UnsupportedOperationException("only 'patches: - path:' is rendered: " + patch);
        }
        Path file = dir.resolve(patch.get("path").asText());
        JsonNode body = Yaml.tree(file);
        JsonNode target = patch.path("target");
        if (body.isArray()) {
            if (target.isMissingNode()) {
                throw new IllegalArgumentException(file + ": a JSON 6902 patch needs a 'target'");
            }
            for (ObjectNode r : matching(resources, target.path("kind").asText(), target.path("name").asText(), file)) {
                body.forEach(op -> JsonPatch.apply(r, op, file));
            }
            return;
        }
        String kind = target.path("kind").asText(body.path("kind").asText());
        String name = target.path("name").asText(body.path("metadata").path("name").asText());
        for (ObjectNode r : matching(resources, kind, name, file)) {
            boolean builtIn = BUILT_IN_GROUPS.contains(r.path("apiVersion").asText());
            merge(r, body, builtIn, file.toString());
        }
    }

    private static List<ObjectNode> matching(List<ObjectNode> resources, String kind, String name, Path patch) {
        List<ObjectNode> found = resources.stream()
                .filter(r -> r.path("kind").asText().equals(kind) && r.path("metadata").path("name").asText().equals(name))
                .toList();
        if (found.isEmpty()) {
            throw new IllegalArgumentException(patch + ": no resource " + kind + "/" + name + " to patch");
        }
        return found;
    }

    /**
     * A strategic-merge patch: maps merge, null deletes. Lists are replaced, which is what kustomize
     * does for a custom resource; a built-in kind merges lists by key (containers by name), which
     * this renderer refuses instead of imitating: use a JSON 6902 patch there.
     */
    private static void merge(ObjectNode target, JsonNode patch, boolean builtIn, String source) {
        for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            JsonNode value = patch.get(field);
            if (field.startsWith("$patch") || field.startsWith("$setElementOrder") || field.startsWith("$retainKeys")) {
                throw new UnsupportedOperationException(source + ": directive '" + field + "' is not rendered");
            }
            if (value.isNull()) {
                target.remove(field);
            } else if (value.isObject() && target.get(field) instanceof ObjectNode existing) {
                merge(existing, value, builtIn, source);
            } else if (value.isArray() && builtIn && target.has(field)) {
                throw new UnsupportedOperationException(source + ": list '" + field
                        + "' of a built-in kind merges by key in kustomize; use a JSON 6902 patch");
            } else {
                target.set(field, value.deepCopy());
            }
        }
    }

    private static void setImages(ObjectNode resource, JsonNode image, List<ImageField> imageFields) {
        for (List<String> path : DEFAULT_IMAGE_PATHS) {
            if (at(resource, path) instanceof ArrayNode containers) {
                containers.forEach(c -> {
                    if (c.has("image")) {
                        ((ObjectNode) c).put("image", retag(c.get("image").asText(), image));
                    }
                });
            }
        }
        for (ImageField f : imageFields) {
            if (f.kind().equals(resource.path("kind").asText())
                    && at(resource, f.path().subList(0, f.path().size() - 1)) instanceof ObjectNode parent
                    && parent.has(f.path().get(f.path().size() - 1))) {
                String leaf = f.path().get(f.path().size() - 1);
                parent.put(leaf, retag(parent.get(leaf).asText(), image));
            }
        }
    }

    /** The image reference with kustomize's newName/newTag applied when its name matches. */
    static String retag(String ref, JsonNode image) {
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        String name = colon > slash ? ref.substring(0, colon) : ref;
        String tag = colon > slash ? ref.substring(colon + 1) : null;
        if (image.has("digest")) {
            throw new UnsupportedOperationException("images: digest is not rendered");
        }
        if (!name.equals(image.path("name").asText())) {
            return ref;
        }
        String newName = image.path("newName").asText(name);
        String newTag = image.path("newTag").asText(tag);
        return newTag == null ? newName : newName + ":" + newTag;
    }

    private static JsonNode at(JsonNode node, List<String> path) {
        for (String p : path) {
            node = node.path(p);
        }
        return node;
    }
}
