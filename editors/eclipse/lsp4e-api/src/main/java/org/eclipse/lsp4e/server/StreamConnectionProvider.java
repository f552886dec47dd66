package org.eclipse.lsp4e.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Compile-time shape of LSP4E's {@code org.eclipse.lsp4e.server.StreamConnectionProvider}:
 * its five abstract methods, unchanged since LSP4E 0.1.0. LSP4E is published to Eclipse p2
 * repositories, not to Maven Central, so the plugin compiles against this declaration
 * (scope provided: it is never packaged) and runs against the real interface of the
 * installed LSP4E, whose default methods then apply.
 */
public interface StreamConnectionProvider {
    void start() throws IOException;

    InputStream getInputStream();

    OutputStream getOutputStream();

    InputStream getErrorStream();

    void stop();
}
