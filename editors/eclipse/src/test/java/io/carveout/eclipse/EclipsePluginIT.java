package io.carveout.eclipse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.lsp4e.server.StreamConnectionProvider;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The packaged plugin as Eclipse would read it: an OSGi manifest that resolves only beside
 * LSP4E, TM4E and the Generic Editor, versioned with the build's qualifier; a plugin.xml whose
 * extensions point at one another and at files the jar holds; PDE's build.properties in step
 * with the jar; and the connection provider, which starts the bundled server and answers
 * initialize. Eclipse itself does not run here.
 */
class EclipsePluginIT {
    private static final Path PLUGIN = Path.of(System.getProperty("plugin.jar"));
    private static final String CONTENT_TYPE = "io.carveout.eclipse.devicetree";
    private static final String SERVER = "io.carveout.eclipse.server";

    private static Document pluginXml(JarFile jar) throws Exception {
        var entry = jar.getJarEntry("plugin.xml");
        assertNotNull(entry, "plugin.xml is at the root of the jar");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = jar.getInputStream(entry)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> extension(Document plugin, String point, String element) {
        List<Element> found = new ArrayList<>();
        NodeList extensions = plugin.getElementsByTagName("extension");
        for (int i = 0; i < extensions.getLength(); i++) {
            Element extension = (Element) extensions.item(i);
            if (extension.getAttribute("point").equals(point)) {
                NodeList children = extension.getElementsByTagName(element);
                for (int j = 0; j < children.getLength(); j++) {
                    found.add((Element) children.item(j));
                }
            }
        }
        assertTrue(!found.isEmpty(), "plugin.xml has no <" + element + "> in extension " + point);
        return found;
    }

    private static byte[] read(JarFile jar, String path) throws IOException {
        var entry = jar.getJarEntry(path);
        assertNotNull(entry, "the plugin holds " + path);
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    @Test
    void manifestIsAnOsgiBundleThatNeedsLsp4eAndTm4e() throws Exception {
        assertTrue(Files.isRegularFile(PLUGIN), "the plugin is packaged: " + PLUGIN.toAbsolutePath());
        try (JarFile jar = new JarFile(PLUGIN.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("2", main.getValue("Bundle-ManifestVersion"));
            // singleton: a bundle that contributes extensions must be one
            assertEquals("io.carveout.eclipse;singleton:=true", main.getValue("Bundle-SymbolicName"));
            // the version in step with Maven's, with this build's qualifier where the source says "qualifier"
            String mavenVersion = System.getProperty("project.version", "0.1.0-SNAPSHOT").replace("-SNAPSHOT", "");
            String version = main.getValue("Bundle-Version");
            assertEquals(System.getProperty("osgi.version"), version);
            assertTrue(version.matches(Pattern.quote(mavenVersion) + "\\.v\\d{12}"), version);
            assertTrue(PLUGIN.getFileName().toString().equals("io.carveout.eclipse_" + version + ".jar"), PLUGIN.toString());
            Attributes source = new java.util.jar.Manifest(Files.newInputStream(Path.of("editors", "eclipse", "META-INF",
                    "MANIFEST.MF"))).getMainAttributes();
            assertEquals(mavenVersion + ".qualifier", source.getValue("Bundle-Version"), "PDE's form of the version");
            for (Object header : source.keySet()) {
                if (!header.toString().equals("Bundle-Version")) {
                    assertEquals(source.get(header), main.get(header), "the packaged manifest's " + header);
                }
            }
            assertEquals("JavaSE-17", main.getValue("Bundle-RequiredExecutionEnvironment"));
            List<String> required = Arrays.stream(main.getValue("Require-Bundle").split(","))
                    .map(b -> b.split(";")[0].trim()).toList();
            for (String bundle : List.of("org.eclipse.core.runtime", "org.eclipse.core.contenttype", "org.eclipse.ui.editors",
                    "org.eclipse.ui.genericeditor", "org.eclipse.lsp4e", "org.eclipse.tm4e.registry",
                    "org.eclipse.tm4e.languageconfiguration")) {
                assertTrue(required.contains(bundle), "Require-Bundle lacks " + bundle + ": " + required);
            }
            // LSP4E's interface comes from the installed LSP4E, never from this jar
            assertNull(jar.getJarEntry("org/eclipse/lsp4e/server/StreamConnectionProvider.class"));
            byte[] provider = read(jar, "io/carveout/eclipse/CarveoutConnectionProvider.class");
            int major = new DataInputStream(new java.io.ByteArrayInputStream(provider, 6, 2)).readUnsignedShort();
            assertTrue(major <= 61, "class file version " + major + " runs on Java 17");
        }
    }

    /**
     * build.properties tells PDE what the jar holds, for a developer who imports the folder as
     * a plug-in project: it names every top-level entry the Maven build packs, and nothing
     * else; the LICENSE is the project's.
     */
    @Test
    void buildPropertiesNameWhatTheJarHolds() throws Exception {
        List<String> included = binIncludes(Path.of("editors", "eclipse", "build.properties"));
        java.util.Set<String> topLevel = new java.util.TreeSet<>();
        try (JarFile jar = new JarFile(PLUGIN.toFile())) {
            jar.stream().map(e -> e.getName()).forEach(name -> {
                int slash = name.indexOf('/');
                // "." is the bundle's class folder: the compiled classes at the jar's root
                topLevel.add(slash < 0 ? name : name.startsWith("io/") ? "." : name.substring(0, slash + 1));
            });
            assertArrayEquals(Files.readAllBytes(Path.of("LICENSE")), read(jar, "LICENSE"));
        }
        assertEquals(new java.util.TreeSet<>(included), topLevel, "bin.includes of build.properties against the jar");
    }

    /** The list bin.includes of a PDE build.properties. */
    static List<String> binIncludes(Path buildProperties) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (InputStream in = Files.newInputStream(buildProperties)) {
            properties.load(in);
        }
        String value = properties.getProperty("bin.includes");
        assertNotNull(value, buildProperties + " has bin.includes");
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    @Test
    void pluginXmlBindsTheContentTypeToEditorGrammarAndServer() throws Exception {
        try (JarFile jar = new JarFile(PLUGIN.toFile())) {
            Document plugin = pluginXml(jar);

            Element type = extension(plugin, "org.eclipse.core.contenttype.contentTypes", "content-type").get(0);
            assertEquals(CONTENT_TYPE, type.getAttribute("id"));
            assertEquals("org.eclipse.core.runtime.text", type.getAttribute("base-type"));
            assertEquals(List.of("dts", "dtsi", "dtso"), Arrays.asList(type.getAttribute("file-extensions").split(",")));

            Element editor = extension(plugin, "org.eclipse.ui.editors", "editorContentTypeBinding").get(0);
            assertEquals(CONTENT_TYPE, editor.getAttribute("contentTypeId"));
            assertEquals("org.eclipse.ui.genericeditor.GenericEditor", editor.getAttribute("editorId"));

            Element server = extension(plugin, "org.eclipse.lsp4e.languageServer", "server").get(0);
            assertEquals(SERVER, server.getAttribute("id"));
            String providerClass = server.getAttribute("class");
            assertNotNull(jar.getJarEntry(providerClass.replace('.', '/') + ".class"), providerClass + " is in the jar");
            assertTrue(StreamConnectionProvider.class.isAssignableFrom(Class.forName(providerClass)),
                    providerClass + " implements LSP4E's StreamConnectionProvider");
            Element mapping = extension(plugin, "org.eclipse.lsp4e.languageServer", "contentTypeMapping").get(0);
            assertEquals(CONTENT_TYPE, mapping.getAttribute("contentType"));
            assertEquals(SERVER, mapping.getAttribute("id"));
            assertEquals("dts", mapping.getAttribute("languageId"));

            Element grammar = extension(plugin, "org.eclipse.tm4e.registry.grammars", "grammar").get(0);
            String grammarText = new String(read(jar, grammar.getAttribute("path")), StandardCharsets.UTF_8);
            Matcher scope = Pattern.compile("\"scopeName\"\\s*:\\s*\"([^\"]+)\"").matcher(grammarText);
            assertTrue(scope.find());
            assertEquals(scope.group(1), grammar.getAttribute("scopeName"), "the grammar's own scopeName");
            // the same grammar as the VS Code extension, byte for byte
            assertArrayEquals(Files.readAllBytes(Path.of("vscode-client", "syntaxes", "dts.tmLanguage.json")),
                    read(jar, grammar.getAttribute("path")));
            Element binding = extension(plugin, "org.eclipse.tm4e.registry.grammars", "scopeNameContentTypeBinding").get(0);
            assertEquals(CONTENT_TYPE, binding.getAttribute("contentTypeId"));
            assertEquals(grammar.getAttribute("scopeName"), binding.getAttribute("scopeName"));

            Element configuration = extension(plugin, "org.eclipse.tm4e.languageconfiguration.languageConfigurations",
                    "languageConfiguration").get(0);
            assertEquals(CONTENT_TYPE, configuration.getAttribute("contentTypeId"));
            read(jar, configuration.getAttribute("path"));

            // the server the provider starts travels in the plugin
            assertEquals(Files.size(Path.of("server", "target", "carveout.jar")),
                    read(jar, CarveoutConnectionProvider.BUNDLED_JAR.substring(1)).length);
        }
    }

    @Test
    void providerStartsTheBundledServer() throws Exception {
        StreamConnectionProvider provider = new CarveoutConnectionProvider();
        assertEquals(provider, new CarveoutConnectionProvider(), "LSP4E keeps one connection for equal providers");
        provider.start();
        try {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                    + "\"rootUri\":null,\"capabilities\":{}}}";
            OutputStream out = provider.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            String answer = readMessage(provider.getInputStream());
            assertTrue(answer.contains("\"capabilities\"") && answer.contains("\"carveout\""), answer);
            assertNull(provider.getErrorStream(), "stderr goes to a log file, as LSP4E expects when it returns null");
        } finally {
            provider.stop();
            // the copy of the bundled jar this build made
            Path copy = CarveoutConnectionProvider.jar();
            Files.deleteIfExists(CarveoutConnectionProvider.errorLog(copy));
            Files.deleteIfExists(copy);
            Files.deleteIfExists(copy.getParent());
        }
    }

    private static String readMessage(InputStream in) throws Exception {
        var header = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!header.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0 && System.nanoTime() < deadline, "the server answers initialize");
            header.write(b);
        }
        Matcher length = Pattern.compile("Content-Length: (\\d+)").matcher(header.toString(StandardCharsets.US_ASCII));
        assertTrue(length.find(), header.toString());
        return new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }
}
