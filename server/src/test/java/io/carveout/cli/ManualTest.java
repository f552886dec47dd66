package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.Tools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man pages and the shell completion are made from the command line's own model, so each
 * names every command and every option there is: picocli's ManPageGenerator (as the build runs
 * it) writes a page per command, and {@code carveout generate-completion} a bash script that
 * zsh also reads through bashcompinit.
 */
class ManualTest {
    @TempDir
    Path dir;

    /** Every command of the model, the root first, with the names its page and completion must show. */
    private static List<CommandLine> commands() {
        List<CommandLine> out = new ArrayList<>();
        List<CommandLine> todo = new ArrayList<>(List.of(new CommandLine(new Main(false))));
        while (!todo.isEmpty()) {
            CommandLine command = todo.remove(0);
            out.add(command);
            todo.addAll(command.getSubcommands().values());
        }
        return out;
    }

    private static List<String> names(CommandLine command) {
        List<String> names = new ArrayList<>();
        command.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
        command.getCommandSpec().positionalParameters().forEach(p -> names.add(p.paramLabel()));
        return names;
    }

    @Test
    void eachManPageNamesItsCommandsAndOptions() throws IOException {
        List<CommandLine> commands = commands();
        CommandLine root = commands.get(0);
        assertEquals(0, ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], false,
                root.getCommandSpec()));
        for (CommandLine command : commands) {
            String file = command == root ? "carveout.adoc" : "carveout-" + command.getCommandName() + ".adoc";
            String page = Files.readString(dir.resolve(file));
            for (String name : names(command)) {
                assertTrue(page.contains(name), file + " does not name " + name);
            }
            for (String sub : command.getSubcommands().keySet()) {
                assertTrue(page.contains(sub), file + " does not name " + sub);
            }
        }
    }

    @Test
    void theCompletionScriptNamesEveryCommandAndOption() throws IOException {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new String[] {"generate-completion"}, new PrintWriter(out), new PrintWriter(new StringWriter())));
        String script = out.toString();
        assertTrue(script.contains("complete -F _complete_carveout") && script.contains("bashcompinit"), script);
        for (CommandLine command : commands()) {
            assertTrue(script.contains(command.getCommandName()), command.getCommandName());
            for (String name : names(command)) {
                if (name.startsWith("-")) {
                    assertTrue(script.contains(name), command.getCommandName() + " " + name);
                }
            }
        }
        // the values of --format complete too
        assertTrue(script.contains("(\"text\" \"json\" \"sarif\" \"github\")"), "check --format values");
        Tools.require("bash");
        Path file = Files.writeString(dir.resolve("carveout.bash"), script);
        Tools.Result syntax = Tools.run(dir, List.of("bash", "-n", file.toString()));
        assertEquals(0, syntax.status(), syntax.stderr());
    }
}
