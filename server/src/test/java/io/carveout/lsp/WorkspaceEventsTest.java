package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressKind;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reaches the server from the workspace rather than the open document: indexing with
 * progress, a file saved on disk by another program, and settings that change.
 */
class WorkspaceEventsTest {
    @TempDir
    Path dir;

    @Test
    void progressWatchedFilesAndConfiguration() throws Exception {
        Path soc = Files.writeString(dir.resolve("soc.dtsi"), "/ {\n\tsize = <SOC_SIZE>;\n};\n");
        Path board = Files.writeString(dir.resolve("board.dts"), "/dts-v1/;\n#include \"soc.dtsi\"\n/ {\n};\n");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(dir, null);
            List<WorkDoneProgressKind> kinds = new ArrayList<>();
            while (!kinds.contains(WorkDoneProgressKind.end)) {
                ProgressParams progress = lsp.progress.poll(30, TimeUnit.SECONDS);
                assertTrue(progress != null, "indexing reports its progress; seen " + kinds);
                WorkDoneProgressNotification n = progress.getValue().getLeft();
                kinds.add(n.getKind());
            }
            assertTrue(kinds.get(0) == WorkDoneProgressKind.begin, kinds.toString());

            String uri = lsp.open(board);
            lsp.awaitDiagnostics(uri, p -> true);
            // SOC_SIZE is undefined: the board's finding is shown on soc.dtsi, which is not open
            String socUri = LspHarness.uri(soc);
            lsp.awaitDiagnostics(socUri, p -> p.getDiagnostics().stream()
                    .anyMatch(d -> d.getMessage().getLeft().contains("SOC_SIZE")));

            // saved by another program: the watcher's event re-checks the board
            Files.writeString(soc, "/ {\n\tsize = <0x100>;\n};\n");
            lsp.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
                    List.of(new FileEvent(socUri, FileChangeType.Changed))));
            lsp.awaitDiagnostics(socUri, p -> p.getDiagnostics().isEmpty());

            // settings that change re-check every open document
            Files.writeString(soc, "/ {\n\tsize = <SOC_SIZE>;\n};\n");
            lsp.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
                    List.of(new FileEvent(socUri, FileChangeType.Changed))));
            lsp.awaitDiagnostics(socUri, p -> !p.getDiagnostics().isEmpty());
            lsp.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    JsonParser.parseString("{\"carveout\": {\"defines\": {\"SOC_SIZE\": \"0x200\"}}}")));
            lsp.awaitDiagnostics(socUri, p -> p.getDiagnostics().isEmpty());
        }
    }

    /**
     * A .carveout.json changed on disk (a file the server watches) re-checks every open
     * document, as a change of the editor's settings does: a finding the new settings
     * resolve goes away, and comes back when they are removed. Before the fix the event
     * republished nothing and the stale finding stayed.
     */
    @Test
    void aSettingsFileChangedOnDiskRechecksEveryOpenDocument() throws Exception {
        Path board = Files.writeString(dir.resolve("board.dts"), "/dts-v1/;\n/ {\n\tsize = <SOC_SIZE>;\n};\n");
        Path settings = dir.resolve(".carveout.json");
        String settingsUri = LspHarness.uri(settings);
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(dir, null);
            String uri = lsp.open(board);
            lsp.awaitDiagnostics(uri, p -> p.getDiagnostics().stream()
                    .anyMatch(d -> d.getMessage().getLeft().contains("SOC_SIZE")));

            Files.writeString(settings, "{\"defines\": {\"SOC_SIZE\": \"0x200\"}}");
            lsp.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
                    List.of(new FileEvent(settingsUri, FileChangeType.Created))));
            lsp.awaitDiagnostics(uri, p -> p.getDiagnostics().isEmpty());

            Files.delete(settings);
            lsp.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
                    List.of(new FileEvent(settingsUri, FileChangeType.Deleted))));
            lsp.awaitDiagnostics(uri, p -> p.getDiagnostics().stream()
                    .anyMatch(d -> d.getMessage().getLeft().contains("SOC_SIZE")));
        }
    }
}
