package io.carveout.cli;

import io.carveout.lsp.LanguageServerLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carveout lsp}: the language server on standard input and output. */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        header = "Runs the language server on stdin and stdout (JSON-RPC, LSP).",
        description = "Started by an editor: VS Code, Neovim and Eclipse run it so.")
final class LspCommand implements Callable<Integer> {
    @Option(names = "--stdio", description = "accepted for clients that pass it; stdio is the only transport")
    boolean stdio;

    @Override
    public Integer call() throws Exception {
        // Anything printed to stdout would corrupt the protocol stream.
        var protocolOut = System.out;
        System.setOut(System.err);
        return LanguageServerLauncher.serve(System.in, protocolOut, Main.version(), System.err);
    }
}
