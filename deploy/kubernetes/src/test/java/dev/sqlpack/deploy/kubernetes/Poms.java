package dev.sqlpack.deploy.kubernetes;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** What the build declares, read from the poms: modules, final names, properties, artifact lists. */
final class Poms {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private Poms() {}

    static Document read(Path pom) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot read " + pom, e);
        }
    }

    static List<String> modules() {
        return texts(read(Yaml.REPO.resolve("pom.xml")).getDocumentElement(), "modules", "module");
    }

    /** The module's {@code <build><finalName>}, or null when it has none. */
    static String finalName(String module) {
        Path pom = Yaml.REPO.resolve(module).resolve("pom.xml");
        List<String> names = texts(read(pom).getDocumentElement(), "build", "finalName");
        return names.isEmpty() ? null : names.get(0);
    }

    /** Properties of the root pom and this module's, with project.* values Maven would give. */
    static Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        for (Path pom : List.of(Yaml.REPO.resolve("pom.xml"), Yaml.MODULE.resolve("pom.xml"))) {
            Element props = child(read(pom).getDocumentElement(), "properties");
            if (props != null) {
                for (Element e : children(props)) {
                    p.put(e.getTagName(), e.getTextContent().trim());
                }
            }
        }
        p.put("project.build.directory", Yaml.MODULE.resolve("target").toString());
        p.put("project.version", texts(read(Yaml.REPO.resolve("pom.xml")).getDocumentElement(), "version").get(0));
        return p;
    }

    static String resolve(String value, Map<String, String> properties) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = properties.get(m.group(1));
            if (v == null) {
                throw new AssertionError("undefined property ${" + m.group(1) + "} in '" + value + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(v, properties)));
        }
        return m.appendTail(out).toString();
    }

    /** The dependencies of a pom: artifactId to version (resolved; from dependencyManagement when absent). */
    static Map<String, String> dependencies(Path pom) {
        Map<String, String> props = properties();
        Map<String, String> managed = new HashMap<>();
        Element root = read(Yaml.REPO.resolve("pom.xml")).getDocumentElement();
        Element dm = child(child(root, "dependencyManagement"), "dependencies");
        for (Element d : children(dm)) {
            managed.put(text(d, "artifactId"), text(d, "version"));
        }
        Map<String, String> deps = new HashMap<>();
        for (Element d : children(child(read(pom).getDocumentElement(), "dependencies"))) {
            String a = text(d, "artifactId");
            String v = text(d, "version") != null ? text(d, "version") : managed.get(a);
            deps.put(a, v == null ? null : resolve(v, props));
        }
        return deps;
    }

    /** The artifact items of this module's dependency-plugin execution {@code id}: file name as copied. */
    static List<String> artifactFiles(String executionId) {
        Map<String, String> props = properties();
        List<String> files = new ArrayList<>();
        for (Element item : children(child(child(execution(executionId), "configuration"), "artifactItems"))) {
            files.add(text(item, "artifactId") + "-" + resolve(text(item, "version"), props) + ".jar");
        }
        return files;
    }

    /** The resolved output directory of this module's dependency-plugin execution {@code id}. */
    static Path outputDirectory(String executionId) {
        return Path.of(resolve(text(child(execution(executionId), "configuration"), "outputDirectory"), properties()));
    }

    /** The reactor jar of a module on this test's class path, when the reactor packaged it. */
    static Path packagedJar(String module) {
        Path target = Yaml.REPO.resolve(module).resolve("target");
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (p.getParent() != null && p.getParent().equals(target) && p.toString().endsWith(".jar") && Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Element execution(String id) {
        NodeList ids = read(Yaml.MODULE.resolve("pom.xml")).getElementsByTagName("id");
        for (int i = 0; i < ids.getLength(); i++) {
            if (ids.item(i).getTextContent().trim().equals(id)) {
                return (Element) ids.item(i).getParentNode();
            }
        }
        throw new AssertionError("no execution '" + id + "' in " + Yaml.MODULE.resolve("pom.xml"));
    }

    private static List<String> texts(Element parent, String... path) {
        Element e = parent;
        for (int i = 0; i < path.length - 1 && e != null; i++) {
            e = child(e, path[i]);
        }
        List<String> out = new ArrayList<>();
        if (e != null) {
            for (Element c : children(e)) {
                if (c.getTagName().equals(path[path.length - 1])) {
                    out.add(c.getTextContent().trim());
                }
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element c = child(parent, name);
        return c == null ? null : c.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Element c : children(parent)) {
            if (c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
