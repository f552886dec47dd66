package io.carveout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A property test: random macro programs (pasting, stringizing, variadics, recursion,
 * conditionals) through cpp and through ours; wherever cpp succeeds, the tokens must agree.
 */
class RandomProgramsAgainstCppTest {

    private static final int PROGRAMS = Integer.getInteger("pp.random.programs", 400);
    private static final String[] NAMES = {"A", "B", "C", "F", "G", "H"};
    private static final String[] ATOMS = {"x", "y", "1", "0x10", "+", "-", ",", "<", ">", ".", "/", "*", "#", "'q'",
            "\"s\"", "=", "&", "|", "(", ")", "(", ")"};

    @Test
    void agreesWithCpp() throws Exception {
        CppConformanceTest.require(Files.isExecutable(CppConformanceTest.CPP), "cpp not found at " + CppConformanceTest.CPP);
        Random random = new Random(Long.getLong("pp.random.seed", 20261125L));
        Path dir = Files.createTempDirectory("pp-random");
        Path file = dir.resolve("r.dts");
        List<String> failures = new ArrayList<>();
        int compared = 0;
        try {
            for (int n = 0; n < PROGRAMS; n++) {
                String program = program(random);
                Files.writeString(file, program);
                String cpp = runCpp(dir, file);
                if (cpp == null) {
                    continue;
                }
                compared++;
                PreprocessResult ours = new Preprocessor(SourceProvider.of(Map.of(file, program)), IncludeSearch.of(List.of()))
                        .preprocess(file);
                String problem = CppConformanceTest.compare(cpp, ours.text());
                if (problem != null && failures.size() < 3) {
                    System.out.println("MISMATCH program:\n" + program + "\n" + problem);
                    failures.add("program:\n" + program + "\n" + problem);
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
        System.out.println("random programs: " + compared + " of " + PROGRAMS + " accepted by cpp and compared");
        assertEquals(List.of(), failures);
    }

    private static String runCpp(Path dir, Path file) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(CppConformanceTest.CPP.toString(), "-nostdinc", "-undef",
                "-D__DTS__", "-x", "assembler-with-cpp", file.getFileName().toString());
        pb.directory(dir.toFile());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return p.waitFor() == 0 ? output : null;
    }

    static String program(Random r) {
        StringBuilder sb = new StringBuilder();
        int lines = 3 + r.nextInt(8);
        for (int i = 0; i < lines; i++) {
            switch (r.nextInt(6)) {
                case 0, 1, 2 -> sb.append(define(r));
                case 3 -> sb.append("#if ").append(condition(r)).append('\n').append(text(r, 0)).append("\n#else\n")
                        .append(text(r, 0)).append("\n#endif\n");
                default -> sb.append(text(r, 0)).append('\n');
            }
        }
        for (int i = 0; i < 4; i++) {
            sb.append(text(r, 0)).append('\n');
        }
        return sb.toString();
    }

    private static String define(Random r) {
        String name = NAMES[r.nextInt(NAMES.length)];
        List<String> params = new ArrayList<>();
        boolean function = r.nextBoolean();
        boolean variadic = false;
        StringBuilder sb = new StringBuilder("#define ").append(name);
        if (function) {
            int count = r.nextInt(3);
            for (int i = 0; i < count; i++) {
                params.add("p" + i);
            }
            variadic = r.nextInt(4) == 0;
            List<String> shown = new ArrayList<>(params);
            if (variadic) {
                shown.add("...");
            }
            sb.append('(').append(String.join(", ", shown)).append(')');
        }
        sb.append(' ');
        int length = r.nextInt(7);
        List<String> pool = new ArrayList<>(List.of(ATOMS));
        pool.addAll(List.of(NAMES));
        if (variadic) {
            pool.add("__VA_ARGS__");
            pool.add("__VA_OPT__(,)");
        }
        for (int i = 0; i < length; i++) {
            if (r.nextInt(12) == 0) {
                sb.append("\\\n ");
            }
            int pick = r.nextInt(10);
            if (!params.isEmpty() && pick < 3) {
                String p = params.get(r.nextInt(params.size()));
                sb.append(r.nextInt(4) == 0 ? "#" + p : p);
            } else if (pick == 3 && i > 0 && i < length - 1) {
                sb.append("##");
            } else {
                String atom = pool.get(r.nextInt(pool.size()));
                sb.append(atom.equals("#") && function ? "x" : atom);
            }
            sb.append(r.nextInt(3) == 0 ? "" : " ");
        }
        return sb.append('\n').toString();
    }

    private static String condition(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "defined(" + NAMES[r.nextInt(NAMES.length)] + ")";
            case 1 -> NAMES[r.nextInt(NAMES.length)] + " + 1 > " + r.nextInt(3);
            case 2 -> "!defined " + NAMES[r.nextInt(NAMES.length)];
            default -> r.nextInt(3) + " - " + r.nextInt(3) + "u > 0";
        };
    }

    private static String text(Random r, int depth) {
        StringBuilder sb = new StringBuilder();
        int length = 1 + r.nextInt(6);
        for (int i = 0; i < length; i++) {
            int pick = r.nextInt(10);
            if (pick < 4) {
                sb.append(NAMES[r.nextInt(NAMES.length)]);
            } else if (pick < 7 && depth < 3) {
                sb.append(NAMES[r.nextInt(NAMES.length)]).append(r.nextBoolean() ? "(" : " (");
                int args = r.nextInt(4);
                for (int a = 0; a < args; a++) {
                    if (a > 0) {
                        sb.append(',');
                    }
                    if (r.nextInt(8) == 0) {
                        // invocations may run over several lines
                        sb.append(r.nextBoolean() ? "\n" : "/* c */");
                    }
                    sb.append(text(r, depth + 1));
                }
                sb.append(')');
            } else {
                String atom = ATOMS[r.nextInt(ATOMS.length)];
                sb.append(atom.equals("(") || atom.equals(")") || atom.equals(",") || atom.equals("#") ? "z" : atom);
            }
            if (depth == 0 && r.nextInt(40) == 0) {
                // an apostrophe that never closes swallows the rest of its line in assembler mode
                sb.append(" don't");
            }
            sb.append(r.nextBoolean() ? " " : "");
        }
        return sb.toString();
    }
}
