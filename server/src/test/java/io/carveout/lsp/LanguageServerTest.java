package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.carveout.testing.Corpus;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

/**
 * The real server driven through LSP4J over piped streams, on the fixtures under
 * src/test/resources/lsp (a SoC .dtsi and two boards) and on corpus boards.
 */
class LanguageServerTest {
    private static Path fixtures() throws URISyntaxException {
        return Path.of(LanguageServerTest.class.getResource("/lsp").toURI());
    }

    private static Position find(String text, String needle, int delta) {
        int offset = text.indexOf(needle);
        assertTrue(offset >= 0, needle + " not in the fixture");
        return LspHarness.position(text, offset + delta);
    }

    private static String hoverText(Hover hover) {
        assertNotNull(hover, "no hover");
        return hover.getContents().getRight().getValue();
    }

    @Test
    void initializeAnnouncesWhatTheServerDoes() throws Exception {
        try (LspHarness lsp = new LspHarness()) {
            InitializeResult result = lsp.initialize(null, null);
            var capabilities = result.getCapabilities();
            assertEquals(TextDocumentSyncKind.Incremental, capabilities.getTextDocumentSync().getRight().getChange());
            assertTrue(capabilities.getHoverProvider().getLeft());
            assertTrue(capabilities.getDefinitionProvider().getLeft());
            assertNotNull(capabilities.getSemanticTokensProvider());
            assertEquals("carveout", result.getServerInfo().getName());
        }
    }

    /**
     * A lone edit is analysed at once; an edit right after it is typing and waits the
     * debounce. The debounce here is long (20 s) so that the two cases cannot be confused on
     * a loaded machine: the first is published long before it would end, the second not.
     */
    @Test
    void aLoneEditIsPublishedAtOnceAndTypingWaitsTheDebounce() throws Exception {
        Path board = fixtures().resolve("board-a.dts");
        try (LspHarness lsp = new LspHarness(20_000)) {
            lsp.initialize(null, null);
            String text = Files.readString(board);
            String uri = lsp.open(board, text);
            lsp.awaitVersion(uri, 1);
            Position end = find(text, "/dts-v1/;", 0);
            long start = System.nanoTime();
            int lone = lsp.change(uri, new TextDocumentContentChangeEvent(new Range(end, end), " "));
            lsp.awaitVersion(uri, lone);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "a lone edit waited the debounce");

            int typed = lsp.change(uri, new TextDocumentContentChangeEvent(new Range(end, end), " "));
            Thread.sleep(2_000);
            Integer shown = lsp.diagnostics.get(uri).getVersion();
            assertEquals(lone, shown, "the edit typed right after the first one waits the debounce");
            assertTrue(typed > shown);
        }
    }

    @Test
    void corpusHoverShowsTheBootLogLine() throws Exception {
        // rooted at the folder the test needs: the whole corpus holds some 2,600 boards
        Path qcom = Corpus.linux().resolve("arch/arm64/boot/dts/qcom");
        Path board = qcom.resolve("qcm6490-idp.dts");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(qcom, null);
            String text = Files.readString(board);
            String uri = lsp.open(board, text);
            lsp.awaitVersion(uri, 1);
            Hover hover = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                    find(text, "cdsp_secure_heap_mem", 3))).get(60, TimeUnit.SECONDS);
            assertTrue(hoverText(hover).contains(
                    "0x0000000081800000..0x00000000835fffff (30720 KiB) nomap non-reusable cdsp-secure-heap@81800000"),
                    hoverText(hover));
        }
    }

    @Test
    void hoverOnRegionNumberAndMacro() throws Exception {
        Path board = fixtures().resolve("board-a.dts");
        Path soc = fixtures().resolve("soc.dtsi");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(fixtures(), null);
            String text = Files.readString(board);
            String uri = lsp.open(board, text);
            lsp.awaitVersion(uri, 1);
            var service = lsp.server.getTextDocumentService();
            String region = hoverText(service.hover(new HoverParams(new TextDocumentIdentifier(uri),
                    find(text, "&camera_mem", 2))).get(30, TimeUnit.SECONDS));
            assertTrue(region.contains("0x0000000084300000..0x00000000848fffff (6144 KiB) nomap non-reusable camera@84300000"),
                    region);
            assertTrue(region.contains("overridden at board-a.dts"), region);
            assertTrue(region.contains("below: `cdsp-secure-heap@81800000`"), region);

            String number = hoverText(service.hover(new HoverParams(new TextDocumentIdentifier(uri),
                    find(text, "0x600000", 2))).get(30, TimeUnit.SECONDS));
            assertTrue(number.contains("6291456") && number.contains("6 MiB"), number);

            String socText = Files.readString(soc);
            String socUri = lsp.open(soc, socText);
            lsp.awaitVersion(socUri, 1);
            String macro = hoverText(service.hover(new HoverParams(new TextDocumentIdentifier(socUri),
                    find(socText, "SZ_1M)>", 1))).get(30, TimeUnit.SECONDS));
            assertTrue(macro.contains("#define SZ_1M 0x00100000"), macro);
        }
    }

    @Test
    void inlayHintsSymbolsFoldingAndSemanticTokens() throws Exception {
        Path soc = fixtures().resolve("soc.dtsi");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(fixtures(), null);
            String text = Files.readString(soc);
            String uri = lsp.open(soc, text);
            lsp.awaitVersion(uri, 1);
            var service = lsp.server.getTextDocumentService();
            TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
            List<InlayHint> hints = service.inlayHint(new InlayHintParams(id,
                    new Range(new Position(0, 0), new Position(200, 0)))).get(30, TimeUnit.SECONDS);
            List<String> labels = hints.stream().map(h -> h.getLabel().getLeft()).toList();
            assertTrue(labels.contains(" 0x81800000..0x835fffff, 30 MiB"), labels.toString());
            assertTrue(labels.contains(" 8 MiB"), labels.toString());

            List<DocumentSymbol> symbols = service.documentSymbol(new DocumentSymbolParams(id)).get(30, TimeUnit.SECONDS)
                    .stream().map(e -> e.getRight()).toList();
            assertEquals("/", symbols.get(0).getName());
            DocumentSymbol reserved = symbols.get(0).getChildren().stream()
                    .filter(s -> s.getName().equals("reserved-memory")).findFirst().orElseThrow();
            assertTrue(reserved.getChildren().stream().anyMatch(s -> s.getName().equals("cdsp-secure-heap@81800000")));

            assertTrue(service.foldingRange(new FoldingRangeRequestParams(id)).get(30, TimeUnit.SECONDS).size() >= 6);
            List<Integer> data = service.semanticTokensFull(new SemanticTokensParams(id)).get(30, TimeUnit.SECONDS).getData();
            assertEquals(0, data.size() % 5);
            assertTrue(data.size() > 100);
        }
    }

    @Test
    void definitionReferencesAndRenameOfALabelAcrossFiles() throws Exception {
        Path board = fixtures().resolve("board-a.dts");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(fixtures(), null);
            String text = Files.readString(board);
            String uri = lsp.open(board, text);
            lsp.awaitVersion(uri, 1);
            var service = lsp.server.getTextDocumentService();
            TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
            Position onLabel = find(text, "&camera_mem", 3);
            List<? extends Location> definition = service.definition(new DefinitionParams(id, onLabel))
                    .get(30, TimeUnit.SECONDS).getLeft();
            assertEquals(1, definition.size());
            assertTrue(definition.get(0).getUri().endsWith("soc.dtsi"), definition.toString());

            List<? extends Location> references = service.references(new ReferenceParams(id, onLabel,
                    new ReferenceContext(true))).get(30, TimeUnit.SECONDS);
            assertEquals(3, references.size(), references.toString()); // the label, &camera_mem twice

            WorkspaceEdit rename = service.rename(new RenameParams(id, onLabel, "camera_region"))
                    .get(30, TimeUnit.SECONDS);
            int edits = rename.getDocumentChanges().stream().mapToInt(c -> c.getLeft().getEdits().size()).sum();
            assertEquals(3, edits);
            assertEquals(2, rename.getDocumentChanges().size(), "edits in the board and in the SoC file");
        }
    }

    @Test
    void completionInsideReservedMemoryAndAfterAmpersand() throws Exception {
        Path board = fixtures().resolve("board-a.dts");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(fixtures(), null);
            String text = Files.readString(board);
            String uri = lsp.open(board, text);
            lsp.awaitVersion(uri, 1);
            var service = lsp.server.getTextDocumentService();
            List<CompletionItem> inRegion = service.completion(new CompletionParams(new TextDocumentIdentifier(uri),
                    find(text, "\treg = <0x0 0x84300000", 0))).get(30, TimeUnit.SECONDS).getRight().getItems();
            CompletionItem reg = inRegion.stream().filter(i -> i.getLabel().equals("reg")).findFirst().orElseThrow();
            assertEquals("reg = <0x0 ${1:0x80000000} 0x0 ${2:0x100000}>;", reg.getInsertText());
            assertTrue(inRegion.stream().anyMatch(i -> i.getLabel().equals("no-map")));

            List<CompletionItem> labels = service.completion(new CompletionParams(new TextDocumentIdentifier(uri),
                    find(text, "&cdsp_secure_heap_mem", 1))).get(30, TimeUnit.SECONDS).getRight().getItems();
            assertTrue(labels.stream().anyMatch(i -> i.getLabel().equals("hyp_mem")), labels.toString());
        }
    }

    @Test
    void aDtsiIsAnalysedInsideTheBoardsThatIncludeIt() throws Exception {
        Path soc = fixtures().resolve("soc.dtsi");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(fixtures(), null);
            String uri = lsp.open(soc);
            var published = lsp.awaitDiagnostics(uri, p -> p.getDiagnostics().stream()
                    .anyMatch(d -> d.getMessage().getLeft().contains("BOARD_FIRMWARE_SIZE")));
            Diagnostic macro = published.getDiagnostics().stream()
                    .filter(d -> d.getMessage().getLeft().contains("BOARD_FIRMWARE_SIZE")).findFirst().orElseThrow();
            assertTrue(macro.getMessage().getLeft().contains("only in board-b.dts"), macro.getMessage().getLeft());
        }
    }

    @Test
    void aDtsiIsReadFirstInTheBoardInContextThenInEveryBoard() throws Exception {
        Path boardB = fixtures().resolve("board-b.dts");
        Path soc = fixtures().resolve("soc.dtsi");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(fixtures(), null);
            lsp.awaitDiagnostics(lsp.open(boardB), p -> true);
            String socText = Files.readString(soc);
            String uri = lsp.open(soc, socText);
            // the board last opened is the board in context: its answer comes first, unannotated;
            // then every board's, where what only board-b.dts finds says so
            lsp.awaitDiagnostics(uri, p -> p.getVersion() != null && p.getDiagnostics().stream()
                    .anyMatch(d -> d.getMessage().getLeft().contains("only in board-b.dts")));
            // (before it was opened, board-b.dts's publish showed its findings on the file, unversioned)
            List<PublishDiagnosticsParams> forSoc = lsp.history.stream()
                    .filter(p -> p.getUri().equals(uri) && p.getVersion() != null).toList();
            assertTrue(forSoc.size() >= 2, forSoc.toString());
            assertTrue(forSoc.get(0).getDiagnostics().stream().anyMatch(d -> d.getMessage().getLeft()
                    .contains("BOARD_FIRMWARE_SIZE") && !d.getMessage().getLeft().contains("only in")), forSoc.get(0).toString());

            String hover = hoverText(lsp.server.getTextDocumentService().hover(new HoverParams(
                    new TextDocumentIdentifier(uri), find(socText, "camera_mem:", 2))).get(30, TimeUnit.SECONDS));
            assertTrue(hover.contains("as in `board-b.dts`, one of 2 boards that include this file"), hover);
        }
    }

    @Test
    void settingsFromInitializationOptionsApply() throws Exception {
        Path soc = fixtures().resolve("soc.dtsi");
        JsonObject options = JsonParser.parseString("{\"defines\": {\"BOARD_FIRMWARE_SIZE\": \"0x2000\"}}").getAsJsonObject();
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(fixtures(), options);
            String uri = lsp.open(soc);
            Thread.sleep(500);
            var published = lsp.awaitVersion(uri, 1);
            // indexing may republish; the last word has no undefined macro in any board
            lsp.awaitDiagnostics(uri, p -> p.getDiagnostics().stream()
                    .noneMatch(d -> d.getMessage().getLeft().contains("BOARD_FIRMWARE_SIZE")));
            assertNotNull(published);
        }
    }

    @Test
    void memoryMapRequest() throws Exception {
        Path board = fixtures().resolve("board-a.dts");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(fixtures(), null);
            String uri = lsp.open(board);
            lsp.awaitVersion(uri, 1);
            JsonObject map = lsp.server.memoryMap(LspHarness.documentParams(uri)).get(30, TimeUnit.SECONDS);
            var regions = map.getAsJsonArray("regions");
            assertEquals(4, regions.size());
            JsonObject camera = regions.get(2).getAsJsonObject();
            assertEquals("camera@84300000", camera.get("name").getAsString());
            assertEquals("0x84300000", camera.getAsJsonArray("reg").get(0).getAsJsonObject().get("base").getAsString());
            assertEquals("0x600000", camera.getAsJsonArray("reg").get(0).getAsJsonObject().get("size").getAsString());
            assertTrue(map.getAsJsonArray("gaps").size() >= 1);
            assertEquals("/soc/remoteproc", map.getAsJsonArray("regions").get(1).getAsJsonObject()
                    .getAsJsonArray("consumers").get(0).getAsString());
        }
    }

    @Test
    void badInputOverTheProtocolIsAnsweredAndTheServerStaysUp() throws Exception {
        Path board = fixtures().resolve("board-b.dts");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(fixtures(), null);
            String text = Files.readString(board);
            String uri = lsp.open(board, text);
            lsp.awaitVersion(uri, 1);
            var service = lsp.server.getTextDocumentService();

            // malformed JSON on the wire
            byte[] garbage = "{\"jsonrpc\": \"2.0\", \"method\": ".getBytes();
            lsp.toServer.write(("Content-Length: " + garbage.length + "\r\n\r\n").getBytes());
            lsp.toServer.write(garbage);
            lsp.toServer.flush();

            // an unknown method
            ExecutionException unknown = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> lsp.endpoint.request("carveout/noSuchThing", new JsonObject()).get(10, TimeUnit.SECONDS));
            assertTrue(unknown.getCause() instanceof ResponseErrorException, unknown.toString());

            // a position past the end of the file
            ExecutionException past = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> service.hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(10_000, 3)))
                            .get(10, TimeUnit.SECONDS));
            assertTrue(past.getCause().getMessage().contains("outside the document"), past.getCause().getMessage());

            // an edit to a document that is not open
            lsp.logs.clear();
            lsp.change(LspHarness.uri(fixtures().resolve("never-opened.dts")),
                    new TextDocumentContentChangeEvent("x"));
            MessageParams log = lsp.logs.poll(10, TimeUnit.SECONDS);
            assertNotNull(log);
            assertTrue(log.getMessage().contains("not open"), log.getMessage());

            // a stale version
            lsp.server.getTextDocumentService().didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(
                    new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(uri, 1),
                    List.of(new TextDocumentContentChangeEvent("garbage"))));
            MessageParams stale = lsp.logs.poll(10, TimeUnit.SECONDS);
            assertNotNull(stale);
            assertTrue(stale.getMessage().contains("stale version"), stale.getMessage());
            assertEquals(text, lsp.impl.documentText(uri).get(10, TimeUnit.SECONDS), "the stale edit was not applied");

            // still answering
            Hover hover = service.hover(new HoverParams(new TextDocumentIdentifier(uri), find(text, "Board B", 1)))
                    .get(10, TimeUnit.SECONDS);
            assertNull(hover);
            assertFalse(lsp.exitStatus.isDone());
        }
    }
}
