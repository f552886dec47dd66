package io.carveout.cli;

import io.carveout.format.DtsFormatter;
import io.carveout.format.FormatOptions;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.BinaryText;
import io.carveout.workspace.Settings;
import io.carveout.workspace.SettingsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carveout format FILE...}: lays each file out in the kernel's devicetree style. */
@Command(name = "format", mixinStandardHelpOptions = true,
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        header = "Lays each file out in the kernel's devicetree style (dts-coding-style.rst), in place.",
        description = "Only whitespace changes unless a re-ordering is asked for: cpp and dtc read the same tokens and "
                + "make the same blob. Options not given come from \"format\" in .carveout.json.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done (with --check: every file is in style)", "1:with --check: a file is not in style",
                Main.STATUS_USAGE})
final class FormatCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "devicetree sources (.dts, .dtsi, .dtso)")
    List<Path> files;

    @Option(names = "--check", description = "Write nothing; print a unified diff of each file not in style and exit 1.")
    boolean check;

    @Option(names = "--stdout", description = "Write nothing; print each file formatted.")
    boolean stdout;

    @Option(names = "--indent", paramLabel = "tab|N", description = "One tab per level (the style's), or N spaces.")
    String indent;

    @Option(names = "--sort-properties",
            description = "Put properties in the style's order (compatible, reg, ranges, standard, vendor, status)."
                    + " Changes the order in the blob.")
    Boolean sortProperties;

    @Option(names = "--sort-nodes",
            description = "Put child nodes with a unit address in address order. Changes the order in the blob.")
    Boolean sortNodes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Integer spaces = null;
        if (indent != null) {
            spaces = indent.equals("tab") ? Integer.valueOf(0) : parseSpaces(indent);
            if (spaces == null) {
                err.println("carveout: --indent: \"" + indent + "\" is neither tab nor 1 to 16 spaces");
                return Main.EXIT_USAGE;
            }
        }
        boolean failed = false;
        boolean notInStyle = false;
        for (Path file : files) {
            Optional<String> refused = SourceText.unreadable(file);
            if (refused.isPresent()) {
                err.println(file + ": error: cannot read file: " + refused.get());
                failed = true;
                continue;
            }
            String text;
            try {
                if (SourceText.isBinary(file)) {
                    err.println(file + ": " + BinaryText.MESSAGE);
                    failed = true;
                    continue;
                }
                text = strictUtf8(Files.readAllBytes(file));
            } catch (CharacterCodingException e) {
                err.println(file + ": error: not valid UTF-8: not formatted");
                failed = true;
                continue;
            } catch (IOException e) {
                err.println(file + ": error: cannot read file: " + SourceText.reason(e));
                failed = true;
                continue;
            }
            SettingsFile.Read settings = SettingsFile.find(file, Settings.DEFAULT);
            settings.problems().forEach(p -> err.println("carveout: " + p));
            failed |= !settings.problems().isEmpty();
            FormatOptions options = options(settings.settings().format(), spaces);
            DtsFormatter.Result result = DtsFormatter.format(SyntaxTree.parse(text), options);
            result.refusal().ifPresent(why -> err.println(file + ": warning: " + why));
            if (stdout) {
                out.print(result.text());
            } else if (check) {
                if (result.changed()) {
                    notInStyle = true;
                    out.print(UnifiedDiff.of(file.toString().replace('\\', '/'), text, result.text()));
                }
            } else if (result.changed()) {
                try {
                    Files.writeString(file, result.text(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println(file + ": error: cannot write file: " + SourceText.reason(e));
                    failed = true;
                }
            }
        }
        out.flush();
        err.flush();
        return failed ? Main.EXIT_USAGE : notInStyle ? 1 : 0;
    }

    private FormatOptions options(FormatOptions fromSettings, Integer spaces) {
        return new FormatOptions(spaces != null ? spaces : fromSettings.indentSpaces(),
                sortProperties != null ? sortProperties : fromSettings.sortProperties(),
                sortNodes != null ? sortNodes : fromSettings.sortNodes());
    }

    private static Integer parseSpaces(String value) {
        try {
            int n = Integer.parseInt(value);
            return n >= 1 && n <= 16 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // A file that is not UTF-8 would be written back with its bad bytes replaced: refused instead.
    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }
}
