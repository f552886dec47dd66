package io.carveout.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Starts the language server on a pair of streams (stdio for editors, pipes for tests). */
public final class LanguageServerLauncher {
    private LanguageServerLauncher() {
    }

    /** Serves until the input ends or the client sends exit. */
    public static void serve(InputStream in, OutputStream out, String version) throws InterruptedException {
        CarveoutLanguageServer server = new CarveoutLanguageServer(version, System::exit);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        try {
            listening.get();
        } catch (ExecutionException e) {
            // the input stream closed: the client is gone
        }
    }
}
