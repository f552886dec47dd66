package io.carveout.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Starts the language server on a pair of streams (stdio for editors, pipes for tests). */
public final class LanguageServerLauncher {
    /** The exit status after a framing error: the client sees the server die and starts a new one. */
    public static final int EXIT_FRAMING_ERROR = 1;

    private LanguageServerLauncher() {
    }

    /**
     * Serves until the input ends, the client sends exit, or a message arrives that is not
     * framed as LSP asks; returns the exit status (0 when the input ended).
     *
     * @param log where a framing error is told, one line (stderr: stdout is the protocol)
     */
    public static int serve(InputStream in, OutputStream out, String version, PrintStream log)
            throws InterruptedException {
        return serve(in, out, version, log, System::exit);
    }

    static int serve(InputStream in, OutputStream out, String version, PrintStream log, IntConsumer exit)
            throws InterruptedException {
        CarveoutLanguageServer server = new CarveoutLanguageServer(version, exit);
        FramedInput framed = new FramedInput(in);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, framed, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        try {
            listening.get();
        } catch (ExecutionException e) {
            // the input stream closed: the client is gone
        }
        if (framed.failure().isPresent()) {
            log.println("carveout lsp: " + framed.failure().get() + "; exiting so that the client starts a new server");
            log.flush();
            return EXIT_FRAMING_ERROR;
        }
        return 0;
    }
}
