package io.carveout.eclipse.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The update site the build writes (editors/eclipse/feature/target/repository), as p2 reads
 * it for Help > Install New Software: site.xml names the feature's jar, which is there; the
 * feature has the build's version, includes the plugin of exactly that version, which is in
 * plugins/ under Eclipse's file name, requires what the plugin's manifest requires, and
 * carries the project's license; PDE's build.properties names what the feature's jar holds.
 * Eclipse itself does not run here.
 */
class UpdateSiteIT {
    private static final Path SITE = Path.of(System.getProperty("update.site"));
    private static final String VERSION = System.getProperty("osgi.version");
    private static final Path SOURCES = Path.of("editors", "eclipse", "feature");

    private static Document xml(InputStream in) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(in);
    }

    private static Element only(Document document, String tag) {
        NodeList found = document.getElementsByTagName(tag);
        assertEquals(1, found.getLength(), "one <" + tag + ">");
        return (Element) found.item(0);
    }

    private static List<Element> all(Document document, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = document.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static byte[] read(JarFile jar, String path) throws IOException {
        var entry = jar.getJarEntry(path);
        assertNotNull(entry, jar.getName() + " holds " + path);
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theSiteOffersTheFeatureWithThePluginOfThisBuild() throws Exception {
        assertTrue(VERSION.matches("\\d+\\.\\d+\\.\\d+\\.v\\d{12}"), "the build's version: " + VERSION);
        Element listed;
        try (InputStream in = Files.newInputStream(SITE.resolve("site.xml"))) {
            listed = only(xml(in), "feature");
        }
        assertEquals("io.carveout.eclipse.feature", listed.getAttribute("id"));
        assertEquals(VERSION, listed.getAttribute("version"));
        Path featureJar = SITE.resolve(listed.getAttribute("url"));
        assertEquals(SITE.resolve("features").resolve("io.carveout.eclipse.feature_" + VERSION + ".jar"), featureJar);

        Document feature;
        try (JarFile jar = new JarFile(featureJar.toFile())) {
            feature = xml(new java.io.ByteArrayInputStream(read(jar, "feature.xml")));
            assertArrayEquals(Files.readAllBytes(Path.of("LICENSE")), read(jar, "LICENSE"));
            // what PDE's build.properties says the jar holds, and nothing more (beside the manifest)
            TreeSet<String> held = new TreeSet<>();
            jar.stream().map(e -> e.getName()).filter(n -> !n.startsWith("META-INF/")).forEach(held::add);
            assertEquals(new TreeSet<>(binIncludes(SOURCES.resolve("build.properties"))), held);
        }
        Element root = feature.getDocumentElement();
        assertEquals("io.carveout.eclipse.feature", root.getAttribute("id"));
        assertEquals(VERSION, root.getAttribute("version"));
        assertTrue(only(feature, "license").getAttribute("url").contains("apache.org/licenses/LICENSE-2.0"));

        Element plugin = only(feature, "plugin");
        assertEquals("io.carveout.eclipse", plugin.getAttribute("id"));
        assertEquals(VERSION, plugin.getAttribute("version"), "the feature holds this build's plugin");
        Path pluginJar = SITE.resolve("plugins").resolve("io.carveout.eclipse_" + VERSION + ".jar");
        assertTrue(Files.isRegularFile(pluginJar), "the plugin is on the site: " + pluginJar);
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals(VERSION, manifest.getValue("Bundle-Version"));
            assertEquals("io.carveout.eclipse", manifest.getValue("Bundle-SymbolicName").split(";")[0]);
            // the feature asks for what the plugin needs, so p2 says what is missing before installing
            List<String> required = Arrays.stream(manifest.getValue("Require-Bundle").split(","))
                    .map(b -> b.split(";")[0].trim()).sorted().toList();
            List<String> imported = all(feature, "import").stream().map(i -> i.getAttribute("plugin")).sorted().toList();
            assertEquals(required, imported);
        }
    }

    /** The sources keep PDE's form, which the build replaces. */
    @Test
    void theSourcesSayQualifier() throws Exception {
        for (String file : List.of("feature.xml", "site.xml")) {
            String text = Files.readString(SOURCES.resolve(file));
            assertTrue(text.contains("version=\"0.1.0.qualifier\""), file + " keeps PDE's 0.1.0.qualifier");
        }
    }

    static List<String> binIncludes(Path buildProperties) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(buildProperties)) {
            properties.load(in);
        }
        return Arrays.stream(properties.getProperty("bin.includes").split(",")).map(String::trim)
                .filter(v -> !v.isEmpty()).toList();
    }
}
