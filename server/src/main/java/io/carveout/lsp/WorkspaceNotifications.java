package io.carveout.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * Workspace notifications: settings that changed (re-check every open document) and
 * files that changed on disk (re-check the open documents that read them).
 */
final class WorkspaceNotifications implements WorkspaceService {
    private final Session session;
    private final CarveoutLanguageServer server;

    WorkspaceNotifications(Session session, CarveoutLanguageServer server) {
        this.session = session;
        this.server = server;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        Object settings = params.getSettings();
        if (settings instanceof JsonObject object && object.has("carveout") && object.get("carveout").isJsonObject()) {
            server.applySettings(object.getAsJsonObject("carveout"));
        } else if (settings instanceof JsonElement) {
            server.requestConfiguration();
        } else {
            server.requestConfiguration();
        }
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        for (FileEvent event : params.getChanges()) {
            Protocol.path(event.getUri()).ifPresent(path -> session.run(() -> session.changedOnDisk(path)));
        }
    }
}
