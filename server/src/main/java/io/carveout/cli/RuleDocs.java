package io.carveout.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules as the README documents them, for the help of each rule in SARIF: the row of its
 * rule table (copied into the jar at build time, so that the help and the README are one text)
 * and the row's anchor, {@code #rule-ID}, in the README a user can open.
 */
final class RuleDocs {
    /** One row of the README's rule table: the rule id, its default level and what it finds, in Markdown. */
    record Row(String id, String defaultLevel, String finds) {
    }

    private static final Pattern ROW = Pattern.compile(
            "^\\| <a id=\"rule-([a-z0-9-]+)\"></a>`\\1` \\| ([^|]+) \\| (.+) \\|$");

    private RuleDocs() {
    }

    /** Every row of the rule table, by rule id. */
    static Map<String, Row> rows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (InputStream in = RuleDocs.class.getResourceAsStream("README.md")) {
            if (in == null) {
                return rows;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    rows.put(m.group(1), new Row(m.group(1), m.group(2).strip(), m.group(3).strip()));
                }
            }
        } catch (IOException e) {
            // no help beyond the one-line summary
        }
        return rows;
    }

    /** The README's rule table as plain text: Markdown's code spans without their backticks. */
    static String plain(String markdown) {
        return markdown.replace("`", "");
    }

    /**
     * Where the README can be opened: the address the build was given, else the README of the
     * source checkout this jar or these classes were built in, else nowhere.
     */
    static Optional<URI> readme() {
        Properties properties = new Properties();
        try (InputStream in = RuleDocs.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // as if not given
        }
        String given = properties.getProperty("readme", "").strip();
        if (!given.isEmpty() && !given.startsWith("${")) {
            try {
                return Optional.of(new URI(given));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
        try {
            // server/target/carveout.jar, or server/target/classes/
            Path at = Path.of(RuleDocs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = at.getParent(); dir != null && at.getNameCount() - dir.getNameCount() <= 3;
                    dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("server/pom.xml"))) {
                    return Optional.of(dir.resolve("README.md").toUri());
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // a jar loaded from elsewhere than a file: no README to point at
        }
        return Optional.empty();
    }
}
