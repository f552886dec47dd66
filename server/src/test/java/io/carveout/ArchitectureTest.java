package io.carveout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of ARCHITECTURE.md, checked on the imports of the main sources: data flows
 * one way (text, finding, syntax, format, preprocess, tree, memory, workspace, ide, then lsp and cli): every
 * layer reports its problems as findings of the one vocabulary just above text. Only
 * syntax touches ANTLR, only lsp touches LSP4J and only workspace (reading a git revision) JGit.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("server", "src", "main", "java", "io", "carveout");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    /** For each package, the packages of ours it may use. */
    private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
            Map.entry("text", List.of()),
            Map.entry("finding", List.of("text")),
            Map.entry("syntax", List.of("text", "finding")),
            Map.entry("format", List.of("text", "finding", "syntax")),
            Map.entry("preprocess", List.of("text", "finding", "syntax")),
            Map.entry("tree", List.of("text", "finding", "syntax", "preprocess")),
            Map.entry("memory", List.of("text", "finding", "syntax", "preprocess", "tree")),
            Map.entry("workspace", List.of("text", "finding", "syntax", "format", "preprocess", "tree", "memory")),
            Map.entry("ide", List.of("text", "finding", "syntax", "format", "preprocess", "tree", "memory", "workspace")),
            Map.entry("lsp", List.of("text", "finding", "syntax", "format", "preprocess", "tree", "memory", "workspace", "ide")),
            Map.entry("cli", List.of("text", "finding", "syntax", "format", "preprocess", "tree", "memory", "workspace", "lsp")));

    @Test
    void importsFollowTheLayers() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file).getName(0).toString();
                String source = Files.readString(file);
                Matcher m = IMPORT.matcher(source);
                while (m.find()) {
                    String imported = m.group(2);
                    String problem = check(pkg, imported);
                    if (problem != null) {
                        violations.add(SOURCES.relativize(file) + ": " + imported + " (" + problem + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    private static String check(String pkg, String imported) {
        if ((imported.startsWith("org.antlr.") || imported.startsWith("io.carveout.grammar.")) && !pkg.equals("syntax")) {
            return "only syntax imports ANTLR";
        }
        if (imported.startsWith("org.eclipse.lsp4j.") && !pkg.equals("lsp")) {
            return "only lsp imports LSP4J";
        }
        if (imported.startsWith("org.eclipse.jgit.") && !pkg.equals("workspace")) {
            return "only workspace imports JGit";
        }
        if (imported.startsWith("io.carveout.") && !imported.startsWith("io.carveout.grammar.")) {
            String target = imported.substring("io.carveout.".length()).split("\\.")[0];
            List<String> allowed = ALLOWED.get(pkg);
            if (allowed == null) {
                return "package " + pkg + " is not in the layer table";
            }
            if (!target.equals(pkg) && !allowed.contains(target)) {
                return pkg + " may not use " + target;
            }
        }
        return null;
    }
}
