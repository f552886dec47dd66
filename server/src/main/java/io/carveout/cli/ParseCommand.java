package io.carveout.cli;

import io.carveout.syntax.SyntaxDiagnostic;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.BinaryText;
import io.carveout.text.LineIndex;
import io.carveout.text.Position;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code carveout parse FILE...}: reports the syntax errors of each file as a compiler does. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        header = "Prints the syntax errors of each file, read as written (before preprocessing).",
        description = "One line per error, file:line:col: error: message.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no syntax error", "1:at least one syntax error", Main.STATUS_USAGE})
final class ParseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "devicetree sources (.dts, .dtsi, .dtso)")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean errors = false;
        boolean unreadable = false;
        for (Path file : files) {
            String text;
            // refused from its size first: a huge file is not read, not even to sniff it
            java.util.Optional<String> refused = SourceText.unreadable(file);
            if (refused.isPresent()) {
                err.println(file + ": error: cannot read file: " + refused.get());
                unreadable = true;
                continue;
            }
            try {
                if (SourceText.isBinary(file)) {
                    err.println(file + ": " + BinaryText.MESSAGE);
                    unreadable = true;
                    continue;
                }
                text = SourceText.read(file);
            } catch (IOException e) {
                err.println(file + ": error: cannot read file: " + SourceText.reason(e));
                unreadable = true;
                continue;
            }
            SyntaxTree tree = SyntaxTree.parse(text);
            LineIndex lines = new LineIndex(text);
            for (SyntaxDiagnostic d : tree.diagnostics()) {
                Position at = lines.positionOf(d.start());
                out.println(file + ":" + (at.line() + 1) + ":" + (at.character() + 1) + ": error: " + d.message());
                errors = true;
            }
        }
        out.flush();
        return unreadable ? Main.EXIT_USAGE : errors ? 1 : 0;
    }
}
