package io.carveout.lsp;

import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import io.carveout.text.LineIndex;
import io.carveout.text.SourceSpan;
import io.carveout.text.TextEdit;
import io.carveout.ide.Completions;
import io.carveout.ide.Folding;
import io.carveout.ide.Highlighting;
import io.carveout.ide.Hovers;
import io.carveout.ide.InlayHints;
import io.carveout.ide.Navigation;
import io.carveout.ide.Outline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The text document service: document sync and every per-file feature. Each method only
 * converts between LSP4J types and the engine's answers (the workspace package): a request
 * over the snapshot of the moment it arrived, on the session's request thread.
 */
final class Documents implements TextDocumentService {
    static final List<String> TOKEN_TYPES = List.of("namespace", "property", "variable", "macro", "number",
            "string", "comment", "keyword");
    static final List<String> TOKEN_MODIFIERS = List.of("declaration");

    private final Session session;

    Documents(Session session) {
        this.session = session;
    }

    // ------------------------------------------------------------------ sync

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var item = params.getTextDocument();
        Optional<Path> path = Protocol.path(item.getUri());
        if (path.isEmpty()) {
            session.run(() -> session.log(org.eclipse.lsp4j.MessageType.Warning,
                    "carveout: only file: documents are analysed, not " + item.getUri()));
            return;
        }
        session.run(() -> session.opened(path.get(), item.getUri(), item.getVersion(), item.getText()));
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        Integer version = params.getTextDocument().getVersion();
        List<TextEdit> edits = new ArrayList<>();
        params.getContentChanges().forEach(change -> edits.add(Protocol.toEdit(change)));
        Optional<Path> path = Protocol.path(uri);
        session.run(() -> {
            if (path.isEmpty() || session.open(path.get()).isEmpty()) {
                session.log(org.eclipse.lsp4j.MessageType.Warning,
                        "carveout: a change to a document that is not open was ignored: " + uri);
                return;
            }
            session.edited(path.get(), version, edits);
        });
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        Protocol.path(uri).ifPresent(path -> session.run(() -> session.closed(path, uri)));
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // the text is already known from didChange; nothing on disk differs from it
    }

    // --------------------------------------------------------------- features

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            int offset = offset(view, path, params.getPosition());
            return Hovers.at(view.snapshot(), path, offset).map(h -> {
                Hover hover = new Hover(new MarkupContent(MarkupKind.MARKDOWN, h.markdown()));
                hover.setRange(view.range(h.range()));
                return hover;
            }).orElse(null);
        });
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            LineIndex lines = view.lines(path);
            int[] span = offsets(lines, required(params.getRange(), "range"));
            int from = span[0];
            int to = span[1];
            List<InlayHint> hints = new ArrayList<>();
            for (InlayHints.Hint hint : InlayHints.in(view.snapshot(), path, from, to)) {
                InlayHint inlay = new InlayHint(Protocol.toPosition(lines.positionOf(hint.offset())),
                        Either.forLeft(hint.label()));
                inlay.setKind(InlayHintKind.Type);
                inlay.setPaddingLeft(true);
                hints.add(inlay);
            }
            return hints;
        });
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            LineIndex lines = view.lines(path);
            List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
            for (Outline.Symbol symbol : Outline.of(view.snapshot().syntax(path))) {
                out.add(Either.forRight(symbol(symbol, lines)));
            }
            return out;
        });
    }

    private static DocumentSymbol symbol(Outline.Symbol symbol, LineIndex lines) {
        SymbolKind kind = switch (symbol.kind()) {
            case NODE -> SymbolKind.Namespace;
            case OVERRIDE -> SymbolKind.Object;
            case PROPERTY -> SymbolKind.Property;
            case MEMRESERVE -> SymbolKind.Constant;
        };
        DocumentSymbol out = new DocumentSymbol(symbol.name().isEmpty() ? "?" : symbol.name(), kind,
                Protocol.range(lines, symbol.start(), symbol.end()),
                Protocol.range(lines, symbol.nameStart(), symbol.nameEnd()), symbol.detail());
        List<DocumentSymbol> children = new ArrayList<>();
        symbol.children().forEach(c -> children.add(symbol(c, lines)));
        out.setChildren(children);
        return out;
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            LineIndex lines = view.lines(path);
            List<FoldingRange> ranges = new ArrayList<>();
            for (Folding.Fold fold : Folding.of(view.snapshot().syntax(path))) {
                int startLine = lines.lineOf(fold.start());
                int endLine = lines.lineOf(fold.end());
                if (endLine > startLine) {
                    FoldingRange range = new FoldingRange(startLine, endLine);
                    range.setKind(fold.kind() == Folding.Kind.COMMENT ? FoldingRangeKind.Comment : FoldingRangeKind.Region);
                    ranges.add(range);
                }
            }
            return ranges;
        });
    }

    @Override
    public CompletableFuture<List<? extends org.eclipse.lsp4j.TextEdit>> formatting(
            org.eclipse.lsp4j.DocumentFormattingParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            return formatEdits(view, path, null);
        });
    }

    @Override
    public CompletableFuture<List<? extends org.eclipse.lsp4j.TextEdit>> rangeFormatting(
            org.eclipse.lsp4j.DocumentRangeFormattingParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            return formatEdits(view, path, offsets(view.lines(path), required(params.getRange(), "range")));
        });
    }

    // The client's tab options are not used: the kernel's style is tabs, and a project that wants
    // otherwise says so in carveout's settings, which the CLI reads too.
    private List<org.eclipse.lsp4j.TextEdit> formatEdits(View view, Path path, int[] range) {
        io.carveout.syntax.SyntaxTree tree = view.snapshot().syntax(path);
        io.carveout.format.FormatOptions options = view.snapshot().settingsFor(path).format();
        io.carveout.format.DtsFormatter.Result result = range == null
                ? io.carveout.format.DtsFormatter.format(tree, options)
                : io.carveout.format.DtsFormatter.formatRange(tree, range[0], range[1], options);
        result.refusal().ifPresent(why -> session.run(() -> session.log(org.eclipse.lsp4j.MessageType.Warning,
                "carveout format: " + path.getFileName() + ": " + why)));
        LineIndex lines = view.lines(path);
        List<org.eclipse.lsp4j.TextEdit> edits = new ArrayList<>();
        for (io.carveout.format.DtsFormatter.Change change : result.changes()) {
            edits.add(new org.eclipse.lsp4j.TextEdit(Protocol.range(lines, change.start(), change.end()),
                    change.replacement()));
        }
        return edits;
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            LineIndex lines = view.lines(path);
            String text = view.snapshot().syntax(path).text();
            List<Integer> data = new ArrayList<>();
            int lastLine = 0;
            int lastChar = 0;
            for (Highlighting.Highlight h : Highlighting.of(view.snapshot().syntax(path))) {
                int type = switch (h.type()) {
                    case NODE -> 0;
                    case PROPERTY -> 1;
                    case LABEL, REFERENCE -> 2;
                    case MACRO, DIRECTIVE -> 3;
                    case NUMBER -> 4;
                    case STRING -> 5;
                    case COMMENT -> 6;
                    case KEYWORD -> 7;
                };
                // LSP tokens may not span lines: cut a multi-line comment or directive per line.
                int start = h.start();
                while (start < h.end()) {
                    int lineEnd = text.indexOf('\n', start);
                    int end = lineEnd < 0 || lineEnd >= h.end() ? h.end() : lineEnd;
                    var at = lines.positionOf(start);
                    if (end > start) {
                        data.add(at.line() - lastLine);
                        data.add(at.line() == lastLine ? at.character() - lastChar : at.character());
                        data.add(end - start);
                        data.add(type);
                        data.add(h.declaration() ? 1 : 0);
                        lastLine = at.line();
                        lastChar = at.character();
                    }
                    start = end + 1;
                }
            }
            return new SemanticTokens(data);
        });
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            int offset = offset(view, path, params.getPosition());
            List<Location> locations = new ArrayList<>();
            for (SourceSpan span : Navigation.definition(view.snapshot(), path, offset)) {
                locations.add(view.location(span));
            }
            return Either.forLeft(locations);
        });
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            int offset = offset(view, path, params.getPosition());
            boolean declaration = params.getContext() == null || params.getContext().isIncludeDeclaration();
            List<Location> locations = new ArrayList<>();
            for (SourceSpan span : Navigation.references(view.snapshot(), path, offset, declaration)) {
                locations.add(view.location(span));
            }
            return locations;
        });
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            int offset = offset(view, path, params.getPosition());
            return Navigation.renameRange(view.snapshot(), path, offset)
                    .map(span -> Either3.<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>forFirst(view.range(span)))
                    .orElse(null);
        });
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            int offset = offset(view, path, params.getPosition());
            String newName = required(params.getNewName(), "newName");
            List<Navigation.Edit> edits = Navigation.rename(view.snapshot(), path, offset, newName);
            if (edits.isEmpty()) {
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                        "nothing to rename here, or '" + params.getNewName() + "' is not a valid label or macro name", null));
            }
            return workspaceEdit(view, edits);
        });
    }

    /** Edits grouped per file, each with the version the client holds, so a stale edit is refused. */
    WorkspaceEdit workspaceEdit(View view, List<Navigation.Edit> edits) {
        Map<Path, List<Either<org.eclipse.lsp4j.TextEdit, org.eclipse.lsp4j.SnippetTextEdit>>> byFile =
                new java.util.LinkedHashMap<>();
        for (Navigation.Edit edit : edits) {
            byFile.computeIfAbsent(edit.where().file(), f -> new ArrayList<>())
                    .add(Either.forLeft(new org.eclipse.lsp4j.TextEdit(view.range(edit.where()), edit.newText())));
        }
        List<Either<TextDocumentEdit, org.eclipse.lsp4j.ResourceOperation>> changes = new ArrayList<>();
        for (var entry : byFile.entrySet()) {
            Integer version = view.open(entry.getKey()).map(o -> o.document().version()).orElse(null);
            changes.add(Either.forLeft(new TextDocumentEdit(
                    new VersionedTextDocumentIdentifier(view.uriOf(entry.getKey()), version), entry.getValue())));
        }
        return new WorkspaceEdit(changes);
    }

    /** Quick fixes: the engine's fixes of the findings under the range, as workspace edits across files. */
    @Override
    public CompletableFuture<List<Either<org.eclipse.lsp4j.Command, org.eclipse.lsp4j.CodeAction>>> codeAction(
            org.eclipse.lsp4j.CodeActionParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            LineIndex lines = view.lines(path);
            int[] span = offsets(lines, required(params.getRange(), "range"));
            int from = span[0];
            int to = span[1];
            // one action per distinct set of edits: two findings under the range (an overlap seen from
            // both of its regions) that offer the same fix list it once, for both diagnostics
            Map<java.util.Set<io.carveout.finding.Edit>, org.eclipse.lsp4j.CodeAction> byEdits =
                    new java.util.LinkedHashMap<>();
            for (Finding finding : view.findingsIn(path)) {
                if (finding.fixes().isEmpty() || finding.where().end() < from || finding.where().start() > to) {
                    continue;
                }
                Diagnostic diagnostic = view.diagnostic(finding);
                for (Fix fix : finding.fixes()) {
                    org.eclipse.lsp4j.CodeAction action = byEdits.computeIfAbsent(java.util.Set.copyOf(fix.edits()),
                            edits -> {
                                org.eclipse.lsp4j.CodeAction made = new org.eclipse.lsp4j.CodeAction(fix.title());
                                made.setKind(org.eclipse.lsp4j.CodeActionKind.QuickFix);
                                made.setDiagnostics(new ArrayList<>());
                                made.setEdit(workspaceEdit(view, fix.edits().stream()
                                        .map(e -> new Navigation.Edit(e.span(), e.newText())).toList()));
                                return made;
                            });
                    if (!action.getDiagnostics().contains(diagnostic)) {
                        action.getDiagnostics().add(diagnostic);
                    }
                }
            }
            List<Either<org.eclipse.lsp4j.Command, org.eclipse.lsp4j.CodeAction>> actions = new ArrayList<>();
            byEdits.values().forEach(action -> actions.add(Either.forRight(action)));
            return actions;
        });
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return session.request((view, cancel) -> {
            Path path = path(params == null ? null : params.getTextDocument());
            int offset = offset(view, path, params.getPosition());
            List<CompletionItem> items = new ArrayList<>();
            for (Completions.Entry entry : Completions.at(view.snapshot(), path, offset)) {
                CompletionItem item = new CompletionItem(entry.label());
                item.setKind(switch (entry.kind()) {
                    case PROPERTY -> CompletionItemKind.Property;
                    case VALUE -> CompletionItemKind.Value;
                    case NODE -> CompletionItemKind.Snippet;
                    case REFERENCE -> CompletionItemKind.Reference;
                });
                item.setInsertText(entry.snippet());
                item.setInsertTextFormat(InsertTextFormat.Snippet);
                item.setDetail(entry.detail());
                items.add(item);
            }
            return Either.forRight(new CompletionList(false, items));
        });
    }

    // ------------------------------------------------------------------ helpers

    private Path path(TextDocumentIdentifier document) {
        String uri = required(required(document, "textDocument").getUri(), "textDocument.uri");
        return Protocol.path(uri).orElseThrow(() -> Protocol.invalidParams("not a file: URI: " + uri));
    }

    /** A field of a request's params that LSP makes mandatory; missing or null, the request is refused. */
    private static <T> T required(T value, String name) {
        if (value == null) {
            throw Protocol.invalidParams(name + " is missing");
        }
        return value;
    }

    /** A range's start and end offsets, each clamped to the text (a column or line past the end is its end). */
    private static int[] offsets(LineIndex lines, Range range) {
        return new int[] {lines.offsetOf(Protocol.fromPosition(range.getStart())),
                lines.offsetOf(Protocol.fromPosition(range.getEnd()))};
    }

    /** The offset of a position; a line past the end of the file is refused, a column past its line clamps. */
    int offset(View view, Path path, Position position) {
        required(position, "position");
        LineIndex lines = view.lines(path);
        if (position.getLine() < 0 || position.getCharacter() < 0 || position.getLine() >= lines.lineCount()) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "position " + position.getLine() + ":" + position.getCharacter() + " is outside the document ("
                            + lines.lineCount() + " lines)", null));
        }
        return lines.offsetOf(Protocol.fromPosition(position));
    }
}
