package io.carveout.text;

/** How a column is counted: UTF-16 code units (the LSP default) or UTF-8 bytes (when the client offers it). */
public enum PositionEncoding {
    UTF16,
    UTF8
}
