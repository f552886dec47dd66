package io.carveout.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.carveout.workspace.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * Workspace notifications: settings that changed (re-check every open document) and
 * files that changed on disk (re-check the open documents that read them, and index the
 * boards again); and the server's command, the choice of the board a .dtsi is read in.
 */
final class WorkspaceNotifications implements WorkspaceService {
    /** The command that chooses the board a .dtsi is read in. */
    static final String SET_BOARD_IN_CONTEXT = "carveout.setBoardInContext";

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
            Project.DiskChange change = event.getType() == FileChangeType.Created ? Project.DiskChange.CREATED
                    : event.getType() == FileChangeType.Deleted ? Project.DiskChange.DELETED
                    : Project.DiskChange.CHANGED;
            Protocol.path(event.getUri()).ifPresent(path -> session.run(() -> session.changedOnDisk(path, change)));
        }
    }

    /** {@value #SET_BOARD_IN_CONTEXT} with arguments [fileUri, boardUri]: the board the file is read in. */
    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        String command = params == null ? null : params.getCommand();
        if (!SET_BOARD_IN_CONTEXT.equals(command)) {
            return CompletableFuture.failedFuture(Protocol.invalidParams("unknown command: " + command
                    + "; the server has " + SET_BOARD_IN_CONTEXT));
        }
        List<Object> arguments = params.getArguments() == null ? List.of() : params.getArguments();
        Optional<Path> file = arguments.size() == 2 ? uri(arguments.get(0)).flatMap(Protocol::path) : Optional.empty();
        Optional<Path> board = arguments.size() == 2 ? uri(arguments.get(1)).flatMap(Protocol::path) : Optional.empty();
        if (file.isEmpty() || board.isEmpty()) {
            return CompletableFuture.failedFuture(Protocol.invalidParams(SET_BOARD_IN_CONTEXT
                    + " needs two arguments, [fileUri, boardUri], both file: URIs; got " + arguments));
        }
        return session.chooseBoard(file.get(), board.get());
    }

    // A command's argument as a string: LSP4J gives JSON values as Gson's elements.
    private static Optional<String> uri(Object argument) {
        if (argument instanceof String text) {
            return Optional.of(text);
        }
        if (argument instanceof JsonPrimitive primitive && primitive.isString()) {
            return Optional.of(primitive.getAsString());
        }
        return Optional.empty();
    }
}
