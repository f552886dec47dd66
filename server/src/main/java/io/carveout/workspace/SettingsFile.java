package io.carveout.workspace;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.carveout.format.FormatOptions;
import io.carveout.memory.AddressRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads settings in carveout's JSON schema ({@code .carveout.json}, or the same object
 * from an editor) over a base, reporting each bad key instead of failing. Numbers may be
 * JSON numbers or strings such as {@code "0x400000"}; relative include paths are taken
 * from the folder of the settings file.
 */
public final class SettingsFile {
    public static final String NAME = ".carveout.json";

    /** Settings read, with the problems found in them. */
    public record Read(Settings settings, List<String> problems, Optional<Path> file) {
    }

    private SettingsFile() {
    }

    /** The nearest .carveout.json above {@code file}, read over {@code base}. */
    public static Read find(Path file, Settings base) {
        for (Path dir = file.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(NAME);
            if (Files.isRegularFile(candidate)) {
                try {
                    Read read = parse(Files.readString(candidate), dir, base);
                    return new Read(read.settings(), read.problems().stream()
                            .map(p -> candidate + ": " + p).toList(), Optional.of(candidate));
                } catch (IOException e) {
                    return new Read(base, List.of(candidate + ": cannot read: " + e.getMessage()), Optional.of(candidate));
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
                return new Read(base, List.of("settings must be a JSON object"), Optional.empty());
            }
            return apply(root.getAsJsonObject(), folder, base);
        } catch (JsonParseException e) {
            return new Read(base, List.of("not valid JSON: " + e.getMessage()), Optional.empty());
        }
    }

    /** Applies the keys of a settings object over {@code base}. */
    public static Read apply(JsonObject object, Path folder, Settings base) {
        List<String> problems = new ArrayList<>();
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
                            if (!List.of("off", "info", "warning", "error").contains(level)) {
                                problems.add("rules." + r.getKey() + ": \"" + level
                                        + "\" is not one of off, info, warning, error");
                                continue;
                            }
                            map.put(r.getKey(), level);
                        }
                        rules = map;
                    }
                    case "boards" -> boards = strings(value);
                    case "format" -> format = format(value.getAsJsonObject(), format, problems);
                    default -> problems.add("unknown setting \"" + key + "\"");
                }
            } catch (RuntimeException e) {
                problems.add(key + ": " + describe(e));
            }
        }
        return new Read(new Settings(includePaths, defines, pageSize, boundary, cma, cmaAreas, dram, baseline,
                rules, boards, format), problems, Optional.empty());
    }

    // {"indent": "tab" or a number of spaces, "sortProperties": bool, "sortNodes": bool}
    private static FormatOptions format(JsonObject object, FormatOptions base, List<String> problems) {
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
                    problems.add("format.indent: \"" + value.getAsString() + "\" is neither \"tab\" nor 1 to 16 spaces");
                }
            } else if (key.equals("sortProperties")) {
                sortProperties = value.getAsBoolean();
            } else if (key.equals("sortNodes")) {
                sortNodes = value.getAsBoolean();
            } else {
                problems.add("unknown setting \"format." + key + "\"");
            }
        }
        return new FormatOptions(indent, sortProperties, sortNodes);
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
