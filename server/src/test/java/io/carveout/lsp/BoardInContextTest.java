package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkDoneProgressKind;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board a .dtsi is read in: limited and picked by the {@code boards} setting, chosen by the
 * user with {@code carveout.setBoardInContext}, and learnt again as boards come, go and change
 * their include lines on disk. On a copy of the fixtures under src/test/resources/lsp: a SoC
 * .dtsi whose firmware size only board-a.dts defines, and board-a.dts, which makes the
 * camera region 6 MiB where the SoC says 5.
 */
class BoardInContextTest {
    private static final String BOARD_C = "/dts-v1/;\n\n#define BOARD_FIRMWARE_SIZE 0x3000\n#include \"soc.dtsi\"\n\n"
            + "/ {\n\tmodel = \"Board C\";\n};\n";

    @TempDir
    Path dir;
    private Path soc;
    private String socText;

    @BeforeEach
    void copyFixtures() throws Exception {
        Path fixtures = Path.of(BoardInContextTest.class.getResource("/lsp").toURI());
        for (String name : List.of("soc.dtsi", "board-a.dts", "board-b.dts")) {
            Files.copy(fixtures.resolve(name), dir.resolve(name));
        }
        soc = dir.resolve("soc.dtsi");
        socText = Files.readString(soc);
    }

    @Test
    void theBoardsSettingLimitsTheBoardsOfADtsiAndPicksItsBoardInContext() throws Exception {
        Files.writeString(dir.resolve("board-c.dts"), BOARD_C);
        Files.writeString(dir.resolve(".carveout.json"), "{\"boards\": [\"board-c.dts\", \"" + dir.resolve("board-a.dts")
                + "\"]}");
        try (LspHarness lsp = started()) {
            String uri = lsp.open(soc, socText);
            // read in board-c.dts first, then in the boards the setting names: board-b.dts, which
            // leaves the firmware size undefined, is not one of them
            List<PublishDiagnosticsParams> published = awaitPublishes(lsp, uri, 2);
            for (PublishDiagnosticsParams p : published) {
                assertTrue(p.getDiagnostics().stream().noneMatch(d -> d.getMessage().getLeft()
                        .contains("BOARD_FIRMWARE_SIZE")), p.toString());
            }
            assertTrue(hover(lsp, uri).contains("as in `board-c.dts`, one of 3 boards that include this file"));
            JsonObject map = memoryMap(lsp, uri);
            assertEquals(LspHarness.uri(dir.resolve("board-c.dts")), map.get("board").getAsString());
            assertEquals(3, map.getAsJsonArray("boards").size(), "every board that includes the file, to choose from");
        }
    }

    @Test
    void aBoardsSettingThatNamesNoneOfTheBoardsIsSaidOnceAndReadsEveryBoard() throws Exception {
        Files.writeString(dir.resolve(".carveout.json"), "{\"boards\": [\"no-such-board-*.dts\"]}");
        try (LspHarness lsp = started()) {
            lsp.logs.clear();
            String uri = lsp.open(soc, socText);
            lsp.awaitDiagnostics(uri, p -> p.getDiagnostics().stream()
                    .anyMatch(d -> d.getMessage().getLeft().contains("only in board-b.dts")));
            List<String> said = new ArrayList<>();
            for (MessageParams log : lsp.logs) {
                if (log.getMessage().contains("names none of the 2 boards that include soc.dtsi")) {
                    said.add(log.getMessage());
                }
            }
            assertEquals(1, said.size(), lsp.logs.toString());
        }
    }

    @Test
    void theCommandChoosesTheBoardInContext() throws Exception {
        String boardB = LspHarness.uri(dir.resolve("board-b.dts"));
        try (LspHarness lsp = started()) {
            assertEquals(List.of("carveout.setBoardInContext"),
                    lsp.initialized.getCapabilities().getExecuteCommandProvider().getCommands());
            String uri = lsp.open(soc, socText);
            awaitPublishes(lsp, uri, 2);
            assertTrue(hover(lsp, uri).contains("as in `board-a.dts`, one of 2 boards"), "the first board indexed");
            // what the opening publishes is all in before the command (a publish of the open
            // arriving after it read as the command's first was seen once on a loaded machine)
            awaitNoPublish(lsp, 500);
            int before = lsp.history.size();

            lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams("carveout.setBoardInContext",
                    List.of(uri, boardB))).get(30, TimeUnit.SECONDS);
            String hover = hover(lsp, uri);
            assertTrue(hover.contains("as in `board-b.dts`, one of 2 boards"), hover);
            assertTrue(hover.contains("5 MiB"), "the region as board-b.dts leaves it: " + hover);
            assertEquals(boardB, memoryMap(lsp, uri).get("board").getAsString());
            // published again, in board-b.dts first: its finding, not yet marked as only its own
            PublishDiagnosticsParams first = awaitHistory(lsp, before, p -> p.getUri().equals(uri));
            assertTrue(first.getDiagnostics().stream().anyMatch(d -> d.getMessage().getLeft()
                    .contains("BOARD_FIRMWARE_SIZE") && !d.getMessage().getLeft().contains("only in")), first.toString());

            ExecutionException notIncluding = assertThrows(ExecutionException.class, () -> lsp.server
                    .getWorkspaceService().executeCommand(new ExecuteCommandParams("carveout.setBoardInContext",
                            List.of(uri, LspHarness.uri(dir.resolve("elsewhere.dts"))))).get(30, TimeUnit.SECONDS));
            ResponseErrorException error = (ResponseErrorException) notIncluding.getCause();
            assertEquals(ResponseErrorCode.InvalidParams.getValue(), error.getResponseError().getCode());
            assertTrue(error.getMessage().contains("elsewhere.dts does not include soc.dtsi; the boards that do:"),
                    error.getMessage());
            ExecutionException noArguments = assertThrows(ExecutionException.class, () -> lsp.server
                    .getWorkspaceService().executeCommand(new ExecuteCommandParams("carveout.setBoardInContext",
                            List.of())).get(30, TimeUnit.SECONDS));
            assertTrue(noArguments.getCause().getMessage().contains("[fileUri, boardUri]"));
            assertTrue(hover(lsp, uri).contains("as in `board-b.dts`"), "a refused choice changes nothing");
        }
    }

    @Test
    void aBoardCreatedOnDiskIsIndexedAndADeletedOneLeavesTheIndex() throws Exception {
        Path boardC = dir.resolve("board-c.dts");
        try (LspHarness lsp = started()) {
            String uri = lsp.open(soc, socText);
            awaitPublishes(lsp, uri, 2);
            assertTrue(hover(lsp, uri).contains("one of 2 boards that include this file"));

            Files.writeString(boardC, BOARD_C);
            watched(lsp, boardC, FileChangeType.Created);
            awaitBoards(lsp, uri, boards -> boards.contains(LspHarness.uri(boardC)));
            assertTrue(hover(lsp, uri).contains("one of 3 boards that include this file"));

            Path boardB = dir.resolve("board-b.dts");
            Files.delete(boardB);
            watched(lsp, boardB, FileChangeType.Deleted);
            awaitBoards(lsp, uri, boards -> !boards.contains(LspHarness.uri(boardB)));
            assertTrue(hover(lsp, uri).contains("one of 2 boards that include this file"));
            // and the file is analysed again without it: what only board-b.dts found is gone
            lsp.awaitDiagnostics(uri, p -> p.getDiagnostics().stream()
                    .noneMatch(d -> d.getMessage().getLeft().contains("BOARD_FIRMWARE_SIZE")));
        }
    }

    @Test
    void anIncludeLineAddedToABoardOnDiskPutsTheBoardAmongTheFilesBoards() throws Exception {
        Path extra = dir.resolve("extra.dtsi");
        Path boardB = dir.resolve("board-b.dts");
        try (LspHarness lsp = started()) {
            String extraUri = LspHarness.uri(extra);
            Files.writeString(extra, "/ {\n\textra-node {\n\t};\n};\n");
            watched(lsp, extra, FileChangeType.Created);
            Files.writeString(boardB, Files.readString(boardB).replace("#include \"soc.dtsi\"",
                    "#include \"soc.dtsi\"\n#include \"extra.dtsi\""));
            watched(lsp, boardB, FileChangeType.Changed);
            awaitBoards(lsp, extraUri, boards -> boards.equals(List.of(LspHarness.uri(boardB))));
            assertEquals(LspHarness.uri(boardB), memoryMap(lsp, extraUri).get("board").getAsString());
        }
    }

    /**
     * An include line added in the editor to an open .dtsi re-indexes its boards when it is
     * analysed, also those the boards setting leaves out (which are never compiled for it).
     */
    @Test
    void anIncludeLineEditedInAnOpenDtsiReindexesItsBoards() throws Exception {
        Path extra = Files.writeString(dir.resolve("extra.dtsi"), "/ {\n\textra-node {\n\t};\n};\n");
        Files.writeString(dir.resolve(".carveout.json"), "{\"boards\": [\"board-a.dts\"]}");
        try (LspHarness lsp = started()) {
            String uri = lsp.open(soc, socText);
            lsp.awaitVersion(uri, 1);
            int end = socText.length();
            TextDocumentContentChangeEvent include = new TextDocumentContentChangeEvent(new org.eclipse.lsp4j.Range(
                    LspHarness.position(socText, end), LspHarness.position(socText, end)), "#include \"extra.dtsi\"\n");
            int version = lsp.change(uri, include);
            lsp.awaitVersion(uri, version);
            awaitBoards(lsp, LspHarness.uri(extra), boards -> boards.size() == 2);
            assertEquals(List.of(LspHarness.uri(dir.resolve("board-a.dts")), LspHarness.uri(dir.resolve("board-b.dts"))),
                    boards(memoryMap(lsp, LspHarness.uri(extra))).stream().sorted().toList());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A server on the folder, once its boards are indexed. */
    private LspHarness started() throws Exception {
        LspHarness lsp = new LspHarness();
        lsp.initialize(dir, null);
        while (true) {
            ProgressParams progress = lsp.progress.poll(30, TimeUnit.SECONDS);
            assertNotNull(progress, "indexing reports its end");
            if (progress.getValue().getLeft().getKind() == WorkDoneProgressKind.end) {
                return lsp;
            }
        }
    }

    private static void watched(LspHarness lsp, Path file, FileChangeType type) {
        lsp.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
                List.of(new FileEvent(LspHarness.uri(file), type))));
    }

    private String hover(LspHarness lsp, String uri) throws Exception {
        int offset = socText.indexOf("camera_mem:") + 2;
        Hover hover = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                LspHarness.position(socText, offset))).get(30, TimeUnit.SECONDS);
        assertNotNull(hover, "no hover");
        return hover.getContents().getRight().getValue();
    }

    private static JsonObject memoryMap(LspHarness lsp, String uri) throws Exception {
        JsonObject params = new JsonObject();
        JsonObject document = new JsonObject();
        document.addProperty("uri", uri);
        params.add("textDocument", document);
        return lsp.server.memoryMap(params).get(30, TimeUnit.SECONDS);
    }

    private static List<String> boards(JsonObject map) {
        List<String> boards = new ArrayList<>();
        for (JsonElement board : map.getAsJsonArray("boards")) {
            boards.add(board.getAsString());
        }
        return boards;
    }

    /** Asks the memory map until the file's boards are as expected: the index learns on its own thread. */
    private static void awaitBoards(LspHarness lsp, String uri, Predicate<List<String>> expected) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        List<String> boards = boards(memoryMap(lsp, uri));
        while (!expected.test(boards)) {
            assertTrue(System.currentTimeMillis() < deadline, "the file's boards stayed " + boards);
            Thread.sleep(50);
            boards = boards(memoryMap(lsp, uri));
        }
    }

    /** The first {@code count} versioned publishes for a document. */
    private static List<PublishDiagnosticsParams> awaitPublishes(LspHarness lsp, String uri, int count)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            List<PublishDiagnosticsParams> forUri = lsp.history.stream()
                    .filter(p -> p.getUri().equals(uri) && p.getVersion() != null).toList();
            if (forUri.size() >= count) {
                return forUri.subList(0, count);
            }
            assertFalse(System.currentTimeMillis() > deadline, "publishes for " + uri + ": " + forUri);
            lsp.published.poll(200, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits until no publish has come for {@code quietMillis} (at most 30 s). */
    private static void awaitNoPublish(LspHarness lsp, long quietMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (lsp.published.poll(quietMillis, TimeUnit.MILLISECONDS) != null) {
            assertFalse(System.currentTimeMillis() > deadline, "publishes kept coming: " + lsp.history);
        }
    }

    /** The first publish after the first {@code from} that satisfies a condition. */
    private static PublishDiagnosticsParams awaitHistory(LspHarness lsp, int from,
            Predicate<PublishDiagnosticsParams> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            List<PublishDiagnosticsParams> after = lsp.history.subList(from, lsp.history.size());
            for (PublishDiagnosticsParams p : after) {
                if (condition.test(p)) {
                    return p;
                }
            }
            assertFalse(System.currentTimeMillis() > deadline, "no such publish in " + after);
            lsp.published.poll(200, TimeUnit.MILLISECONDS);
        }
    }
}
