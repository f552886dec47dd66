package io.carveout.lsp;

import com.google.gson.JsonObject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.services.LanguageServer;

/** The server as a client sees it, with carveout's custom request, so LSP4J knows its result type. */
interface CarveoutServerApi extends LanguageServer {
    @JsonRequest("carveout/memoryMap")
    CompletableFuture<JsonObject> memoryMap(JsonObject params);

    @JsonRequest("carveout/memoryMapDrawing")
    CompletableFuture<JsonObject> memoryMapDrawing(JsonObject params);
}
