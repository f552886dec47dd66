package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.carveout.workspace.FileReport;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client, buggy or hostile, can send through well-framed messages: positions past
 * their line or the text, missing params, one file under two URIs, a huge or binary
 * document, and an analysis that fails with an Error. Each time the server keeps the
 * client's text, answers every request (an error only as InvalidParams), and goes on.
 */
class HostileProtocolTest {
    private static final int MAX = Integer.MAX_VALUE;

    @TempDir
    Path dir;

    private static Path fixtures() throws URISyntaxException {
        return Path.of(HostileProtocolTest.class.getResource("/lsp").toURI());
    }

    private static TextDocumentContentChangeEvent change(int startLine, int startChar, int endLine, int endChar,
            String text) {
        return new TextDocumentContentChangeEvent(new Range(new Position(startLine, startChar),
                new Position(endLine, endChar)), text);
    }

    /**
     * Edits whose ends are past their line (Integer.MAX_VALUE: "to the end of the line", as
     * real clients send it), past the text, huge or negative, one after the other on one
     * document: the server's text is the client's after each. Before the fix, the first edit
     * on the second line inserted instead of replacing.
     */
    @Test
    void editsEndingPastTheLineReplaceWhatTheClientReplaced() throws Exception {
        Object[][] edits = {
            // start line, start column, end line, end column, new text, the text after it
            {1, 1, 1, MAX, "{model = \"x\";", "/dts-v1/;\n/{model = \"x\";\n\tstatus = \"okay\";\n};\n"},
            {2, 0, 2, MAX, "\tstatus = \"fail\";", "/dts-v1/;\n/{model = \"x\";\n\tstatus = \"fail\";\n};\n"},
            {2, MAX, 3, MAX, "", "/dts-v1/;\n/{model = \"x\";\n\tstatus = \"fail\";\n"},
            {2, 10, 99, 0, "\"okay\";\n};\n", "/dts-v1/;\n/{model = \"x\";\n\tstatus = \"okay\";\n};\n"},
            {-1, 5, 0, MAX, "/dts-v1/;", "/dts-v1/;\n/{model = \"x\";\n\tstatus = \"okay\";\n};\n"},
            {1, -7, 1, 2, "/ {", "/dts-v1/;\n/ {model = \"x\";\n\tstatus = \"okay\";\n};\n"},
            {1, 3, 1, MAX - 1, "\n\tmodel = \"y\";", "/dts-v1/;\n/ {\n\tmodel = \"y\";\n\tstatus = \"okay\";\n};\n"},
            {MAX, MAX, MAX, 0, "/* end */\n", "/dts-v1/;\n/ {\n\tmodel = \"y\";\n\tstatus = \"okay\";\n};\n/* end */\n"},
            {-5, -5, -1, -1, "// ", "// /dts-v1/;\n/ {\n\tmodel = \"y\";\n\tstatus = \"okay\";\n};\n/* end */\n"},
            {0, 0, 0, MAX, "/dts-v1/;", "/dts-v1/;\n/ {\n\tmodel = \"y\";\n\tstatus = \"okay\";\n};\n/* end */\n"},
        };
        Path board = Files.writeString(dir.resolve("board.dts"), "/dts-v1/;\n/ {\n\tstatus = \"okay\";\n};\n");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(dir, null);
            String uri = lsp.open(board);
            lsp.awaitVersion(uri, 1);
            for (Object[] e : edits) {
                int version = lsp.change(uri, change((int) e[0], (int) e[1], (int) e[2], (int) e[3], (String) e[4]));
                lsp.awaitVersion(uri, version); // the edit went through the stream before the text is asked for
                assertEquals(e[5], lsp.impl.documentText(uri).get(30, TimeUnit.SECONDS),
                        "after replacing " + e[0] + ":" + e[1] + ".." + e[2] + ":" + e[3]);
            }
            PublishDiagnosticsParams last = lsp.diagnostics.get(uri);
            assertTrue(last.getDiagnostics().stream().noneMatch(d -> "syntax".equals(d.getCode().getLeft())),
                    "the final text is valid devicetree: " + last.getDiagnostics());
        }
    }

    /**
     * inlayHint and codeAction over a range that ends at (last line, Integer.MAX_VALUE) answer
     * as they do over the same range ending at the real end of the text. Before the fix the
     * end wrapped to a negative offset, and both answered nothing.
     */
    @Test
    void rangesEndingPastTheirLineAnswerAsTheRealEnd() throws Exception {
        Path soc = fixtures().resolve("soc.dtsi");
        String text = Files.readString(soc);
        int lastLine = (int) text.chars().filter(c -> c == '\n').count();
        Path examples = Path.of("examples");
        Path board = Files.copy(examples.resolve("board.dts"), dir.resolve("board.dts"));
        Files.copy(examples.resolve("soc.dtsi"), dir.resolve("soc.dtsi"));
        String boardText = Files.readString(board);
        int boardLines = (int) boardText.chars().filter(c -> c == '\n').count();
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(fixtures(), null);
            String uri = lsp.open(soc, text);
            lsp.awaitVersion(uri, 1);
            var service = lsp.server.getTextDocumentService();
            TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
            Map<String, Range> ranges = Map.of(
                    "to the end of the text", new Range(new Position(0, 0), new Position(lastLine, 0)),
                    "to MAX_VALUE on the line before", new Range(new Position(0, 0), new Position(lastLine - 1, MAX)),
                    "to MAX_VALUE past the last line", new Range(new Position(0, 0), new Position(MAX, MAX)));
            List<String> expected = labels(service.inlayHint(new InlayHintParams(id,
                    ranges.get("to the end of the text"))).get(30, TimeUnit.SECONDS));
            assertTrue(expected.contains(" 8 MiB"), expected.toString());
            for (var range : ranges.entrySet()) {
                assertEquals(expected, labels(service.inlayHint(new InlayHintParams(id, range.getValue()))
                        .get(30, TimeUnit.SECONDS)), "inlay hints " + range.getKey());
            }

            String boardUri = lsp.open(board, boardText);
            PublishDiagnosticsParams published = lsp.awaitVersion(boardUri, 1);
            assertFalse(published.getDiagnostics().isEmpty(), "the example board has findings");
            TextDocumentIdentifier boardId = new TextDocumentIdentifier(boardUri);
            List<String> fixes = titles(service.codeAction(new CodeActionParams(boardId,
                    new Range(new Position(0, 0), new Position(boardLines, 0)),
                    new CodeActionContext(published.getDiagnostics()))).get(30, TimeUnit.SECONDS));
            assertFalse(fixes.isEmpty(), "the example board's findings have fixes");
            for (Range range : List.of(new Range(new Position(0, 0), new Position(boardLines - 1, MAX)),
                    new Range(new Position(0, 0), new Position(MAX, MAX)))) {
                assertEquals(fixes, titles(service.codeAction(new CodeActionParams(boardId, range,
                        new CodeActionContext(published.getDiagnostics()))).get(30, TimeUnit.SECONDS)),
                        "code actions up to " + range.getEnd());
            }
        }
    }

    private static List<String> labels(List<InlayHint> hints) {
        return hints.stream().map(h -> h.getLabel().getLeft()).toList();
    }

    private static List<String> titles(List<org.eclipse.lsp4j.jsonrpc.messages.Either<org.eclipse.lsp4j.Command,
            CodeAction>> actions) {
        return actions.stream().map(a -> a.getRight().getTitle()).toList();
    }

    /**
     * Requests whose mandatory params are missing or null answer InvalidParams, never an
     * internal error (-32603, a NullPointerException before the fix), and the server then
     * answers the same request with its params.
     */
    @Test
    void missingParamsAreRefusedAsInvalidParams() throws Exception {
        Path board = fixtures().resolve("board-a.dts");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(fixtures(), null);
            String uri = lsp.open(board);
            lsp.awaitVersion(uri, 1);
            var service = lsp.server.getTextDocumentService();
            TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
            Range all = new Range(new Position(0, 0), new Position(MAX, MAX));
            String doc = "{\"uri\": \"" + uri + "\"}";
            String[][] requests = {
                // method, params (LSP4J's own types refuse nulls, so these go as raw JSON)
                {"textDocument/hover", "{\"position\": {\"line\": 0, \"character\": 0}}"},
                {"textDocument/hover", "{\"textDocument\": null, \"position\": {\"line\": 0, \"character\": 0}}"},
                {"textDocument/hover", "{\"textDocument\": {}, \"position\": {\"line\": 0, \"character\": 0}}"},
                {"textDocument/hover", "{\"textDocument\": " + doc + "}"},
                {"textDocument/hover", "{\"textDocument\": " + doc + ", \"position\": null}"},
                {"textDocument/definition", "{\"textDocument\": " + doc + "}"},
                {"textDocument/definition", "{\"position\": {\"line\": 0, \"character\": 0}}"},
                {"textDocument/inlayHint", "{\"textDocument\": " + doc + "}"},
                {"textDocument/inlayHint", "{\"range\": {\"start\": {\"line\": 0, \"character\": 0}, "
                        + "\"end\": {\"line\": 9, \"character\": 0}}}"},
                {"textDocument/inlayHint", "{\"textDocument\": " + doc + ", \"range\": {\"end\": "
                        + "{\"line\": 9, \"character\": 0}}}"},
                {"textDocument/codeAction", "{\"textDocument\": " + doc + ", \"context\": {\"diagnostics\": []}}"},
                {"textDocument/codeAction", "{\"range\": {\"start\": {\"line\": 0, \"character\": 0}, "
                        + "\"end\": {\"line\": 9, \"character\": 0}}, \"context\": {\"diagnostics\": []}}"},
                {"textDocument/references", "{\"textDocument\": " + doc + ", \"context\": {}}"},
                {"textDocument/documentSymbol", "{}"},
                {"textDocument/rename", "{\"textDocument\": " + doc + ", \"position\": {\"line\": 6, \"character\": 3}}"},
                {"carveout/memoryMap", "{}"},
                {"carveout/memoryMap", "{\"textDocument\": {}}"},
                {"carveout/memoryMap", "{\"textDocument\": {\"uri\": null}}"},
                {"carveout/memoryMap", "{\"uri\": null}"},
                {"carveout/memoryMap", "{\"textDocument\": null}"},
                {"carveout/memoryMap", "{\"textDocument\": {\"uri\": 7}}"},
                {"carveout/memoryMap", "{\"textDocument\": {\"uri\": \"untitled:Untitled-1\"}}"},
            };
            for (String[] request : requests) {
                String what = request[0] + " " + request[1];
                try {
                    Object answer = lsp.endpoint.request(request[0], JsonParser.parseString(request[1]))
                            .get(30, TimeUnit.SECONDS);
                    fail(what + " answered " + answer + " instead of refusing");
                } catch (ExecutionException e) {
                    assertTrue(e.getCause() instanceof ResponseErrorException, what + ": " + e.getCause());
                    var error = ((ResponseErrorException) e.getCause()).getResponseError();
                    assertEquals(ResponseErrorCode.InvalidParams.getValue(), error.getCode(),
                            what + ": " + error.getMessage());
                }
            }
            JsonObject params = JsonParser.parseString("{\"textDocument\": {\"uri\": \"" + uri + "\"}}").getAsJsonObject();
            assertNotNull(lsp.server.memoryMap(params).get(30, TimeUnit.SECONDS).get("board"));
            assertNotNull(service.inlayHint(new InlayHintParams(id, all)).get(30, TimeUnit.SECONDS));
        }
    }

    /**
     * ".../board.dts", "..././board.dts", "%2E", a doubled slash, "..", the host "localhost"
     * and the scheme's case name one file: one
     * document, whose diagnostics each URI the client opened receives under its own
     * spelling. Before the fix only the last URI opened got diagnostics, and closing any one
     * closed the document.
     */
    @Test
    void oneFileUnderSeveralUrisIsOneDocumentDiagnosedUnderEach() throws Exception {
        Path board = Files.writeString(dir.resolve("board.dts"), "/dts-v1/;\n/ {\n\tsize = <UNDEFINED>;\n};\n");
        String plain = LspHarness.uri(board);
        String base = plain.substring(0, plain.lastIndexOf('/'));
        List<String> uris = List.of(plain, base + "/./board.dts", base + "/%2E/board.dts", base + "//board.dts",
                plain.replace("file:///", "file://localhost/"), "FILE" + plain.substring("file".length()),
                base + "/../" + dir.getFileName() + "/board.dts");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(dir, null);
            String text = Files.readString(board);
            for (String uri : uris) {
                lsp.server.getTextDocumentService().didOpen(new org.eclipse.lsp4j.DidOpenTextDocumentParams(
                        new org.eclipse.lsp4j.TextDocumentItem(uri, "dts", 1, text)));
            }
            for (String uri : uris) {
                lsp.awaitDiagnostics(uri, p -> p.getDiagnostics().stream()
                        .anyMatch(d -> d.getMessage().getLeft().contains("UNDEFINED")));
            }
            // an edit under one URI is the document's: every URI hears of it
            lsp.server.getTextDocumentService().didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(
                    new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(uris.get(1), 2),
                    List.of(change(2, 0, 2, MAX, "\tsize = <0x10>;"))));
            for (String uri : uris) {
                lsp.awaitDiagnostics(uri, p -> p.getVersion() != null && p.getVersion() == 2
                        && p.getDiagnostics().isEmpty());
            }
            // closing one URI clears its diagnostics; the others still hold the document
            lsp.server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(
                    new TextDocumentIdentifier(uris.get(0))));
            lsp.server.getTextDocumentService().didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(
                    new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(uris.get(2), 3),
                    List.of(change(2, 0, 2, MAX, "\tsize = <OTHER>;"))));
            for (String uri : uris.subList(1, uris.size())) {
                lsp.awaitDiagnostics(uri, p -> p.getVersion() != null && p.getVersion() == 3
                        && p.getDiagnostics().stream().anyMatch(d -> d.getMessage().getLeft().contains("OTHER")));
            }
            assertEquals("/dts-v1/;\n/ {\n\tsize = <OTHER>;\n};\n",
                    lsp.impl.documentText(uris.get(3)).get(30, TimeUnit.SECONDS));
            assertTrue(lsp.diagnostics.get(uris.get(0)).getDiagnostics().isEmpty(), "the closed URI is cleared");
        }
    }

    /**
     * A document over the 16 MiB limit gets its one diagnostic from its length alone, at
     * open and again at each edit: no board is compiled from it (before the fix the whole
     * text was preprocessed, 34 s for 61 MB, and the memory map named the board).
     * A binary document likewise gets one diagnostic, not a page of syntax errors.
     */
    @Test
    void aHugeOrBinaryDocumentGetsOneDiagnosticAndNoAnalysis() throws Exception {
        String line = "\tprop = <0x1 0x2 0x3 0x4>; /* filler filler filler filler filler filler filler */\n";
        StringBuilder huge = new StringBuilder("/dts-v1/;\n/ {\n");
        while (huge.length() <= 17 * 1024 * 1024) {
            huge.append(line);
        }
        huge.append("};\n");
        byte[] random = new byte[200 * 1024];
        new java.util.Random(11).nextBytes(random);
        random[100] = 0;
        String binary = new String(random, java.nio.charset.StandardCharsets.UTF_8);
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(dir, null);
            String hugeUri = lsp.open(dir.resolve("huge.dts"), huge.toString());
            assertOne(lsp.awaitVersion(hugeUri, 1), "file too large to analyse");
            for (int i = 0; i < 3; i++) {
                int version = lsp.change(hugeUri, change(2 + i, 1, 2 + i, 5, "size"));
                assertOne(lsp.awaitVersion(hugeUri, version), "file too large to analyse");
            }
            JsonObject map = lsp.server.memoryMap(JsonParser.parseString(
                    "{\"textDocument\": {\"uri\": \"" + hugeUri + "\"}}").getAsJsonObject()).get(30, TimeUnit.SECONDS);
            assertEquals(0, map.getAsJsonArray("boards").size(), "no board is compiled from a file too large to analyse: "
                    + map.get("boards"));

            String binaryUri = lsp.open(dir.resolve("blob.dtb"), binary);
            assertOne(lsp.awaitVersion(binaryUri, 1), "binary file: not a devicetree source");
            assertNull(lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(binaryUri),
                    new Position(0, 3))).get(30, TimeUnit.SECONDS));
        }
    }

    private static void assertOne(PublishDiagnosticsParams published, String message) {
        List<Diagnostic> diagnostics = published.getDiagnostics();
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        assertTrue(diagnostics.get(0).getMessage().getLeft().startsWith(message), diagnostics.get(0).getMessage().getLeft());
    }

    /**
     * An Error on the analysis thread (an OutOfMemoryError on a huge include) is caught,
     * logged once, shown as a diagnostic on the file, and the server goes on: hover and the
     * next edit's diagnostics are answered. Before the fix the thread's task died silently
     * and the file never got diagnostics again.
     */
    @Test
    void anErrorDuringAnalysisIsOneDiagnosticAndTheServerGoesOn() throws Exception {
        Path board = fixtures().resolve("board-a.dts");
        String text = Files.readString(board);
        Session.Analysis failing = (snapshot, file, inContext, cancelled) -> {
            FileReport report = inContext ? snapshot.reportInContext(file) : snapshot.report(file);
            if (snapshot.sources().read(file).orElse("").contains("EXHAUST")) {
                throw new OutOfMemoryError("Java heap space (injected)");
            }
            return report;
        };
        try (LspHarness lsp = new LspHarness(0, failing)) {
            lsp.initialize(fixtures(), null);
            String uri = lsp.open(board, text);
            int clean = lsp.awaitVersion(uri, 1).getDiagnostics().size();
            for (int i = 0; i < 3; i++) {
                int version = lsp.change(uri, change(0, 0, 0, 0, "/* EXHAUST */"));
                PublishDiagnosticsParams published = lsp.awaitVersion(uri, version);
                assertEquals(1, published.getDiagnostics().size(), published.getDiagnostics().toString());
                Diagnostic failure = published.getDiagnostics().get(0);
                assertEquals("internal-error", failure.getCode().getLeft());
                assertTrue(failure.getMessage().getLeft().contains("OutOfMemoryError"), failure.getMessage().getLeft());
                assertNotNull(lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                        new Position(9, 2))).get(30, TimeUnit.SECONDS), "hover on &camera_mem");
            }
            List<MessageParams> logs = new ArrayList<>(lsp.logs);
            assertEquals(1, logs.stream().filter(m -> m.getMessage().contains("OutOfMemoryError")).count(),
                    "logged once: " + logs);
            int version = lsp.change(uri, new TextDocumentContentChangeEvent(text));
            assertEquals(clean, lsp.awaitVersion(uri, version).getDiagnostics().size(), "analysed again once it can be");
        }
    }
}
