package io.carveout.workspace;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.carveout.format.FormatOptions;
import io.carveout.memory.AddressRange;
import io.carveout.memory.check.RuleTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads settings in carveout's JSON schema ({@code .carveout.json}, or the same object
 * from an editor) over a base, reporting each bad key instead of failing. Numbers may be
 * JSON numbers or strings such as {@code "0x400000"}; relative include paths are taken
 * from the folder of the settings file.
 */
public final class SettingsFile {
    public static final String NAME = ".carveout.json";

    /** Settings read, with the problems found in them. */
    public record Read(Settings settings, List<Problem> problems, Optional<Path> file) {
        public Read {
            problems = List.copyOf(problems);
        }
    }

    /**
     * A bad setting: the key it is at ({@code ["rules", "overlap"]}; empty for the text as a whole),
     * what is wrong, and, for a settings file, the file and the 1-based line and column of the key
     * (0 where there is no place: settings an editor sent, a file that cannot be read).
     */
    public record Problem(List<String> key, String message, Optional<Path> file, int line, int column) {
        public Problem {
            key = List.copyOf(key);
        }

        Problem(List<String> key, String message) {
            this(key, message, Optional.empty(), 0, 0);
        }

        /** The same problem placed in the text of a settings file. */
        Problem in(Path settingsFile, String text) {
            if (line > 0) {
                return new Problem(key, message, Optional.of(settingsFile), line, column);
            }
            JsonKeys.Place place = JsonKeys.of(text, key);
            return new Problem(key, message, Optional.of(settingsFile), place.line(), place.column());
        }

        /** {@code file:line:col: message}, as much of the place as is known. */
        @Override
        public String toString() {
            return file.map(f -> f + (line > 0 ? ":" + line + ":" + column : "") + ": ").orElse("") + message;
        }
    }

    private SettingsFile() {
    }

    /** The nearest .carveout.json above {@code file}, read over {@code base}. */
    public static Read find(Path file, Settings base) {
        for (Path dir = file.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(NAME);
            if (Files.isRegularFile(candidate)) {
                try {
                    String text = Files.readString(candidate);
                    Read read = parse(text, dir, base);
                    return new Read(read.settings(), read.problems().stream().map(p -> p.in(candidate, text)).toList(),
                            Optional.of(candidate));
                } catch (IOException e) {
                    return new Read(base, List.of(new Problem(List.of(), "cannot read: " + e.getMessage(),
                            Optional.of(candidate), 0, 0)), Optional.of(candidate));
                }
            }
        }
        return new Read(base, List.of(), Optional.empty());
    }

    /** Reads a JSON text over {@code base}; relative paths resolve against {@code folder}. */
    public static Read parse(String json, Path folder, Settings base) {
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                return new Read(base, List.of(new Problem(List.of(), "settings must be a JSON object")), Optional.empty());
            }
            return apply(root.getAsJsonObject(), folder, base);
        } catch (JsonParseException e) {
            return new Read(base, List.of(syntaxError(e)), Optional.empty());
        }
    }

    /** Applies the keys of a settings object over {@code base}. */
    public static Read apply(JsonObject object, Path folder, Settings base) {
        List<Problem> problems = new ArrayList<>();
        List<Path> includePaths = base.includePaths();
        Map<String, String> defines = base.defines();
        long pageSize = base.pageSize();
        long boundary = base.boundaryAlignment();
        long cma = base.cmaAlignment();
        int cmaAreas = base.cmaAreas();
        List<AddressRange> dram = base.dram();
        List<String> baseline = base.baseline();
        Map<String, String> rules = base.rules();
        List<String> boards = base.boards();
        FormatOptions format = base.format();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            String key = entry.getKey();
            JsonElement value = entry.getValue();
            try {
                switch (key) {
                    case "includePaths" -> includePaths = strings(value).stream()
                            .map(p -> folder == null ? Path.of(p) : folder.resolve(p).normalize()).toList();
                    case "defines" -> {
                        Map<String, String> map = new LinkedHashMap<>();
                        for (Map.Entry<String, JsonElement> d : value.getAsJsonObject().entrySet()) {
                            map.put(d.getKey(), d.getValue().isJsonNull() ? "" : d.getValue().getAsString());
                        }
                        defines = map;
                    }
                    case "pageSize" -> pageSize = number(value);
                    case "boundaryAlignment" -> boundary = number(value);
                    case "cmaAlignment" -> cma = number(value);
                    case "cmaAreas" -> cmaAreas = (int) number(value);
                    case "dram" -> {
                        List<AddressRange> ranges = new ArrayList<>();
                        for (JsonElement range : value.getAsJsonArray()) {
                            JsonObject r = range.getAsJsonObject();
                            ranges.add(new AddressRange(number(r.get("base")), number(r.get("size"))));
                        }
                        dram = ranges;
                    }
                    case "baseline" -> baseline = strings(value);
                    case "rules" -> {
                        Map<String, String> map = new LinkedHashMap<>(rules);
                        for (Map.Entry<String, JsonElement> r : value.getAsJsonObject().entrySet()) {
                            String level = r.getValue().getAsString();
                            if (RuleTable.byId(r.getKey()).isEmpty()) {
                                problems.add(new Problem(List.of(key, r.getKey()),
                                        "rules: unknown rule \"" + r.getKey() + "\""));
                                continue;
                            }
                            if (!List.of("off", "info", "warning", "error").contains(level)) {
                                problems.add(new Problem(List.of(key, r.getKey()), "rules." + r.getKey() + ": \""
                                        + level + "\" is not one of off, info, warning, error"));
                                continue;
                            }
                            map.put(r.getKey(), level);
                        }
                        rules = map;
                    }
                    case "boards" -> boards = strings(value);
                    case "format" -> format = format(value.getAsJsonObject(), format, problems);
                    default -> problems.add(new Problem(List.of(key), "unknown setting \"" + key + "\""));
                }
            } catch (RuntimeException e) {
                problems.add(new Problem(List.of(key), key + ": " + describe(e)));
            }
        }
        return new Read(new Settings(includePaths, defines, pageSize, boundary, cma, cmaAreas, dram, baseline,
                rules, boards, format), problems, Optional.empty());
    }

    // {"indent": "tab" or a number of spaces, "sortProperties": bool, "sortNodes": bool}
    private static FormatOptions format(JsonObject object, FormatOptions base, List<Problem> problems) {
        int indent = base.indentSpaces();
        boolean sortProperties = base.sortProperties();
        boolean sortNodes = base.sortNodes();
        // if, not switch: the schema test reads this file's case labels as the top-level keys
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            JsonElement value = entry.getValue();
            String key = entry.getKey();
            if (key.equals("indent")) {
                if (value.getAsJsonPrimitive().isString() && value.getAsString().equals("tab")) {
                    indent = 0;
                } else if (value.getAsJsonPrimitive().isNumber() && value.getAsInt() >= 1 && value.getAsInt() <= 16) {
                    indent = value.getAsInt();
                } else {
                    problems.add(new Problem(List.of("format", key),
                            "format.indent: \"" + value.getAsString() + "\" is neither \"tab\" nor 1 to 16 spaces"));
                }
            } else if (key.equals("sortProperties")) {
                sortProperties = value.getAsBoolean();
            } else if (key.equals("sortNodes")) {
                sortNodes = value.getAsBoolean();
            } else {
                problems.add(new Problem(List.of("format", key), "unknown setting \"format." + key + "\""));
            }
        }
        return new FormatOptions(indent, sortProperties, sortNodes);
    }

    // Gson says where the text stops being JSON ("... at line 3 column 12 path $.rules"): the place, then the rest.
    private static Problem syntaxError(JsonParseException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replaceFirst("^com\\.google\\.gson\\.stream\\.MalformedJsonException: ", "");
        Matcher at = Pattern.compile(" at line (\\d+) column (\\d+)( path \\S*)?").matcher(message);
        if (!at.find()) {
            return new Problem(List.of(), "not valid JSON: " + message);
        }
        String what = message.substring(0, at.start()) + message.substring(at.end());
        what = what.replaceAll("\\s*See https?://\\S+", "").strip();
        return new Problem(List.of(), "not valid JSON: " + what, Optional.empty(), Integer.parseInt(at.group(1)),
                Integer.parseInt(at.group(2)));
    }

    private static String describe(RuntimeException e) {
        return e instanceof NumberFormatException ? "not a number: " + e.getMessage()
                : "wrong type (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }

    private static List<String> strings(JsonElement value) {
        List<String> out = new ArrayList<>();
        for (JsonElement element : value.getAsJsonArray()) {
            out.add(element.getAsString());
        }
        return out;
    }

    /** A JSON number, or a string in C notation ("0x400000", "4096"). */
    static long number(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            throw new NumberFormatException("missing");
        }
        if (value.getAsJsonPrimitive().isNumber()) {
            return value.getAsLong();
        }
        String text = value.getAsString().trim().toLowerCase();
        return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseUnsignedLong(text);
    }
}
