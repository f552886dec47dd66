package io.carveout.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.carveout.finding.Code;
import io.carveout.finding.Edit;
import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import io.carveout.finding.Related;
import io.carveout.finding.Severity;
import io.carveout.memory.Rule;
import io.carveout.memory.check.RuleTable;
import io.carveout.text.Position;
import io.carveout.text.SourceSpan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints the findings of {@code carveout check} in its three formats: compiler-style text,
 * JSON (the schema the README documents) and SARIF 2.1.0 for code-scanning dashboards.
 */
final class CheckOutput {
    /** The base of the URIs of files under the working directory (the name GitHub's code scanning documents). */
    static final String SOURCE_ROOT = "%SRCROOT%";

    /** Boards named in full in a note; past that the first few and how many more. */
    private static final int BOARDS_NAMED = 4;

    /**
     * A finding as reported once, with the boards it was found in, in the order checked (a file
     * checked alone stands for its board).
     */
    record Reported(Finding finding, List<Path> boards) {
    }

    private final SourceLocations locations;
    private final int boardsChecked;

    CheckOutput(SourceLocations locations, int boardsChecked) {
        this.locations = locations;
        this.boardsChecked = boardsChecked;
    }

    /**
     * The boards a finding was found in, when that tells something: several boards were checked
     * and the finding is not simply in the one board that has it. "in 23 of 40 boards: a.dts,
     * b.dts, c.dts, ... (+20)".
     */
    Optional<String> boardsNote(Reported reported) {
        List<Path> boards = reported.boards();
        if (boardsChecked < 2 || (boards.size() == 1 && boards.get(0).equals(reported.finding().where().file()))) {
            return Optional.empty();
        }
        List<String> names = boards.stream().map(b -> b.getFileName().toString()).toList();
        String listed = names.size() <= BOARDS_NAMED ? String.join(", ", names)
                : String.join(", ", names.subList(0, BOARDS_NAMED - 1)) + ", ... (+" + (names.size() - BOARDS_NAMED + 1)
                        + ")";
        return Optional.of("in " + boards.size() + " of " + boardsChecked + " boards: " + listed);
    }

    /**
     * {@code file:line:col: severity: message [rule]}, the related places indented below as notes,
     * then the boards it was found in, then its fixes.
     */
    void text(List<Reported> findings, PrintWriter out) {
        int errors = 0;
        int warnings = 0;
        for (Reported reported : findings) {
            Finding f = reported.finding();
            out.println(locations.describe(f.where()) + ": " + f.severity().label() + ": " + f.message() + " [" + f.code() + "]");
            for (Related r : f.related()) {
                out.println("    " + locations.describe(r.where()) + ": note: " + r.message());
            }
            boardsNote(reported).ifPresent(note -> out.println("    note: " + note));
            for (Fix fix : f.fixes()) {
                out.println("    fix: " + fix.title());
            }
            errors += f.severity() == Severity.ERROR ? 1 : 0;
            warnings += f.severity().label().equals("warning") ? 1 : 0;
        }
        if (!findings.isEmpty()) {
            out.println(count(errors, "error") + ", " + count(warnings, "warning") + ", "
                    + count(findings.size() - errors - warnings, "note"));
        }
    }

    /**
     * GitHub Actions workflow commands, one annotation per finding on the line and columns it is
     * about: {@code ::error file=F,line=L,col=C,endLine=L,endColumn=C,title=[rule]::message},
     * with the related places, the boards and the fixes as further lines of the message; info
     * findings are notices. Run from the repository's root, the paths are the repository's.
     */
    void github(List<Reported> findings, PrintWriter out) {
        for (Reported reported : findings) {
            Finding f = reported.finding();
            Position start = locations.position(f.where());
            Position end = locations.endPosition(f.where());
            StringBuilder message = new StringBuilder(f.message());
            for (Related r : f.related()) {
                message.append('\n').append(locations.describe(r.where())).append(": note: ").append(r.message());
            }
            boardsNote(reported).ifPresent(note -> message.append('\n').append(note));
            for (Fix fix : f.fixes()) {
                message.append("\nfix: ").append(fix.title());
            }
            String command = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            out.println("::" + command + " file=" + property(locations.display(f.where().file()))
                    + ",line=" + (start.line() + 1) + ",col=" + (start.character() + 1)
                    + ",endLine=" + (end.line() + 1) + ",endColumn=" + (end.character() + 1)
                    + ",title=" + property("[" + f.code() + "]") + "::" + data(message.toString()));
        }
    }

    // A workflow command's message, escaped as GitHub's toolkit escapes it (escapeData).
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    // A workflow command's property value, escaped as GitHub's toolkit escapes it (escapeProperty).
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    void json(List<Path> files, List<Reported> findings, PrintWriter out) {
        JsonObject root = new JsonObject();
        root.addProperty("version", 1);
        JsonArray checked = new JsonArray();
        files.forEach(f -> checked.add(locations.display(f)));
        root.add("files", checked);
        JsonArray list = new JsonArray();
        for (Reported reported : findings) {
            Finding f = reported.finding();
            JsonObject d = place(f.where());
            d.addProperty("severity", f.severity().label());
            d.addProperty("rule", f.code());
            d.addProperty("message", f.message());
            d.add("boards", boards(reported));
            JsonArray related = new JsonArray();
            for (Related r : f.related()) {
                JsonObject o = place(r.where());
                o.addProperty("message", r.message());
                related.add(o);
            }
            d.add("related", related);
            JsonArray fixes = new JsonArray();
            for (Fix fix : f.fixes()) {
                JsonObject o = new JsonObject();
                o.addProperty("title", fix.title());
                JsonArray edits = new JsonArray();
                for (Edit edit : fix.edits()) {
                    JsonObject e = place(edit.span());
                    e.addProperty("newText", edit.newText());
                    edits.add(e);
                }
                o.add("edits", edits);
                fixes.add(o);
            }
            d.add("fixes", fixes);
            list.add(d);
        }
        root.add("diagnostics", list);
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root));
    }

    private JsonArray boards(Reported reported) {
        JsonArray boards = new JsonArray();
        reported.boards().forEach(b -> boards.add(locations.display(b)));
        return boards;
    }

    private JsonObject place(SourceSpan span) {
        JsonObject o = new JsonObject();
        o.addProperty("file", locations.display(span.file()));
        Position start = locations.position(span);
        Position end = locations.endPosition(span);
        o.addProperty("line", start.line() + 1);
        o.addProperty("column", start.character() + 1);
        o.addProperty("endLine", end.line() + 1);
        o.addProperty("endColumn", end.character() + 1);
        return o;
    }

    void sarif(List<Reported> findings, PrintWriter out) {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        JsonArray rules = new JsonArray();
        Map<String, RuleDocs.Row> documented = RuleDocs.rows();
        Optional<java.net.URI> readme = RuleDocs.readme();
        for (Rule rule : RuleTable.RULES) {
            ruleIndex.put(rule.id(), rules.size());
            rules.add(ruleDescriptor(rule, Optional.ofNullable(documented.get(rule.id())), readme));
        }
        List<JsonObject> results = new ArrayList<>();
        for (Reported reported : findings) {
            Finding f = reported.finding();
            if (!ruleIndex.containsKey(f.code())) {
                // a code of the front end: no rule of the table, no level to set
                ruleIndex.put(f.code(), rules.size());
                JsonObject r = new JsonObject();
                r.addProperty("id", f.code());
                r.add("shortDescription", text(Code.byId(f.code()).map(Code::meaning)
                        .orElse("found while reading the sources (" + f.code() + ")")));
                rules.add(r);
            }
            JsonObject result = new JsonObject();
            result.addProperty("ruleId", f.code());
            result.addProperty("ruleIndex", ruleIndex.get(f.code()));
            result.addProperty("level", level(f.severity().label()));
            // viewers show the message, not the properties: the boards are said in it, as the text says them
            result.add("message", text(f.message() + boardsNote(reported).map(n -> " (" + n + ")").orElse("")));
            JsonArray where = new JsonArray();
            where.add(location(f.where(), null));
            result.add("locations", where);
            JsonArray related = new JsonArray();
            int id = 0;
            for (Related r : f.related()) {
                JsonObject location = location(r.where(), r.message());
                location.addProperty("id", id++);
                related.add(location);
            }
            result.add("relatedLocations", related);
            JsonArray fixes = new JsonArray();
            for (Fix fix : f.fixes()) {
                JsonObject o = new JsonObject();
                o.add("description", text(fix.title()));
                Map<Path, JsonArray> byFile = new LinkedHashMap<>();
                for (Edit edit : fix.edits()) {
                    JsonObject replacement = new JsonObject();
                    replacement.add("deletedRegion", region(edit.span()));
                    JsonObject inserted = new JsonObject();
                    inserted.addProperty("text", edit.newText());
                    replacement.add("insertedContent", inserted);
                    byFile.computeIfAbsent(edit.span().file(), p -> new JsonArray()).add(replacement);
                }
                JsonArray changes = new JsonArray();
                byFile.forEach((file, replacements) -> {
                    JsonObject change = new JsonObject();
                    change.add("artifactLocation", artifact(file));
                    change.add("replacements", replacements);
                    changes.add(change);
                });
                o.add("artifactChanges", changes);
                fixes.add(o);
            }
            result.add("fixes", fixes);
            JsonObject properties = new JsonObject();
            properties.add("boards", boards(reported));
            result.add("properties", properties);
            results.add(result);
        }
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "carveout");
        driver.addProperty("version", Main.version());
        driver.add("rules", rules);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);
        JsonObject run = new JsonObject();
        run.add("tool", tool);
        // files under the working directory are written relative to it, as %SRCROOT%, so that a
        // dashboard finds them in its own checkout; the run says where that was here
        JsonObject base = new JsonObject();
        base.addProperty("uri", locations.workingDirectory().toUri().toString());
        JsonObject bases = new JsonObject();
        bases.add(SOURCE_ROOT, base);
        run.add("originalUriBaseIds", bases);
        run.addProperty("columnKind", "utf16CodeUnits");
        JsonArray resultArray = new JsonArray();
        results.forEach(resultArray::add);
        run.add("results", resultArray);
        JsonArray runs = new JsonArray();
        runs.add(run);
        JsonObject root = new JsonObject();
        root.addProperty("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.addProperty("version", "2.1.0");
        root.add("runs", runs);
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root));
    }

    private static String level(String severity) {
        return switch (severity) {
            case "error" -> "error";
            case "warning" -> "warning";
            default -> "note";
        };
    }

    private static JsonObject text(String text) {
        JsonObject o = new JsonObject();
        o.addProperty("text", text);
        return o;
    }

    private JsonObject location(SourceSpan span, String message) {
        JsonObject physical = new JsonObject();
        physical.add("artifactLocation", artifact(span.file()));
        physical.add("region", region(span));
        JsonObject location = new JsonObject();
        location.add("physicalLocation", physical);
        if (message != null) {
            location.add("message", text(message));
        }
        return location;
    }

    private JsonObject artifact(Path file) {
        JsonObject o = new JsonObject();
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith(locations.workingDirectory())) {
            String relative = locations.workingDirectory().relativize(absolute).toString();
            o.addProperty("uri", relative.replace(java.io.File.separatorChar, '/'));
            o.addProperty("uriBaseId", SOURCE_ROOT);
        } else {
            o.addProperty("uri", absolute.toUri().toString());
        }
        return o;
    }

    /**
     * A rule as SARIF describes it: its one-line summary, the README's row as the full
     * description, help saying how to set its level or silence one finding, the README's section
     * on it, and its default level.
     */
    private static JsonObject ruleDescriptor(Rule rule, Optional<RuleDocs.Row> row, Optional<java.net.URI> readme) {
        JsonObject r = new JsonObject();
        r.addProperty("id", rule.id());
        r.add("shortDescription", text(rule.summary()));
        String finds = row.map(RuleDocs.Row::finds).orElse(rule.summary());
        r.add("fullDescription", text(RuleDocs.plain(finds)));
        String level = row.map(RuleDocs.Row::defaultLevel).orElse(rule.defaultSeverity().label());
        Optional<String> uri = readme.map(u -> u + "#rule-" + rule.id());
        JsonObject help = new JsonObject();
        help.addProperty("text", RuleDocs.plain(finds) + ". Default level: " + RuleDocs.plain(level)
                + ". Set the level with --rule " + rule.id() + "=LEVEL or \"rules\": {\"" + rule.id()
                + "\": LEVEL} in .carveout.json (off, info, warning or error); silence one finding with a comment "
                + "/* carveout-ignore " + rule.id() + ": why */ on its line or the line above."
                + uri.map(u -> " See " + u).orElse(""));
        help.addProperty("markdown", "**" + rule.id() + "** finds " + finds + ".\n\nDefault level: " + level
                + ". Set the level with `--rule " + rule.id() + "=LEVEL` or `\"rules\": {\"" + rule.id()
                + "\": \"LEVEL\"}` in `.carveout.json` (`off`, `info`, `warning` or `error`); silence one finding "
                + "with a comment `/* carveout-ignore " + rule.id() + ": why */` on its line or the line above."
                + uri.map(u -> "\n\n[The rule in the README](" + u + ")").orElse(""));
        r.add("help", help);
        uri.ifPresent(u -> r.addProperty("helpUri", u));
        JsonObject configuration = new JsonObject();
        configuration.addProperty("level", level(rule.defaultSeverity().label()));
        r.add("defaultConfiguration", configuration);
        return r;
    }

    private JsonObject region(SourceSpan span) {
        Position start = locations.position(span);
        Position end = locations.endPosition(span);
        JsonObject o = new JsonObject();
        o.addProperty("startLine", start.line() + 1);
        o.addProperty("startColumn", start.character() + 1);
        o.addProperty("endLine", end.line() + 1);
        o.addProperty("endColumn", end.character() + 1);
        return o;
    }
}
