package io.carveout.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The client's byte stream, checked frame by frame as LSP4J reads it. LSP4J trusts every
 * Content-Length: one that is too long makes it wait forever for bytes that never come,
 * one that is too short makes it read the rest as headers, and either way the server
 * answers nothing again, silently. Here a frame that cannot be right (a header line that
 * is not "Name: value", no Content-Length, a body that is not one JSON object or array, or
 * whose JSON ends before or after its Content-Length) ends the stream: the reader stops as
 * at the end of input, {@link #failure()} says why, and the server exits with a non-zero
 * status so that the client starts a fresh one.
 */
final class FramedInput extends InputStream {
    /** Above this a header section is not a header section. */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /**
     * Above this a body is refused rather than allocated: the largest file the server
     * analyses is 16 MiB of text, which JSON escaping can grow a few times over.
     */
    static final int MAX_CONTENT_LENGTH = 256 * 1024 * 1024;

    private final InputStream in;
    private volatile String failure;

    // the header section being read
    private final StringBuilder line = new StringBuilder();
    private int headerBytes;
    private long contentLength = -1;
    private boolean headerLines;

    // the body being read: how much of it is still to come, and where its JSON stands
    private boolean inBody;
    private long remaining;
    private boolean started;
    private boolean closed;
    private boolean inString;
    private boolean escaped;
    private int depth;
    private long read;

    FramedInput(InputStream in) {
        this.in = in;
    }

    /** Why the stream was cut, when a frame was wrong. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public int read() throws IOException {
        if (failure != null) {
            return -1;
        }
        if (inBody) {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }
        int b = in.read();
        if (b < 0) {
            return -1;
        }
        read++;
        return header(b) ? b : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (failure != null) {
            return -1;
        }
        if (!inBody) {
            if (length == 0) {
                return 0;
            }
            int b = read();
            if (b < 0) {
                return -1;
            }
            buffer[offset] = (byte) b;
            return 1;
        }
        if (closed && in.available() == 0) {
            // The JSON value is complete but the Content-Length asks for more: waiting for
            // bytes a client will never send is the silent hang this class exists to prevent.
            return fail("the message ends " + remaining + " bytes before its Content-Length says");
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            if (!body(buffer[offset + i])) {
                return -1;
            }
        }
        read += n;
        remaining -= n;
        if (remaining == 0) {
            if (!closed) {
                return fail("the message is longer than its Content-Length of " + contentLength + " bytes"
                        + (started ? "" : " (or empty)"));
            }
            inBody = false;
            contentLength = -1;
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return failure != null ? 0 : in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // One byte of a header section; false when the section cannot be a header section.
    private boolean header(int b) {
        if (++headerBytes > MAX_HEADER_BYTES) {
            return failed("a header section longer than " + MAX_HEADER_BYTES + " bytes");
        }
        if (b != '\n') {
            line.append((char) b);
            return true;
        }
        String text = line.toString();
        line.setLength(0);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!text.isEmpty()) {
            headerLines = true;
            return headerLine(text);
        }
        if (!headerLines) {
            return true; // a blank line between messages, which LSP4J has always let pass
        }
        if (contentLength < 0) {
            return failed("a message without a Content-Length header");
        }
        headerBytes = 0;
        headerLines = false;
        inBody = true;
        remaining = contentLength;
        started = false;
        closed = false;
        inString = false;
        escaped = false;
        depth = 0;
        if (remaining == 0) {
            return failed("a message with Content-Length 0");
        }
        return true;
    }

    private boolean headerLine(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? "" : text.substring(0, colon);
        if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')
                || name.chars().anyMatch(c -> c > 0x7f)) {
            return failed("a header line that is not \"Name: value\": " + quote(text));
        }
        if (name.toLowerCase(Locale.ROOT).equals("content-length")) {
            String value = text.substring(colon + 1).trim();
            if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return failed("a Content-Length that is not a number: " + quote(text));
            }
            long length = Long.parseLong(value);
            if (length > MAX_CONTENT_LENGTH) {
                return failed("a Content-Length of " + length + " bytes, over the " + (MAX_CONTENT_LENGTH >> 20)
                        + " MiB the server accepts");
            }
            contentLength = length;
        }
        return true;
    }

    // One byte of a body, tracking where its JSON value ends (JSON-RPC sends an object, or an
    // array for a batch); false when the body cannot be one JSON value of that length.
    private boolean body(byte b) {
        if (closed) {
            return isSpace(b) || failed("the message's Content-Length of " + contentLength
                    + " bytes is longer than its JSON (more follows it)");
        }
        if (!started) {
            if (isSpace(b)) {
                return true;
            }
            if (b != '{' && b != '[') {
                return failed("a message whose body is not a JSON object (it starts with " + quote(String.valueOf((char) (b & 0xff))) + ")");
            }
            started = true;
            depth = 1;
            return true;
        }
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
            }
        } else if (b == '"') {
            inString = true;
        } else if (b == '{' || b == '[') {
            depth++;
        } else if (b == '}' || b == ']') {
            closed = --depth == 0;
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private int fail(String why) {
        failed(why);
        return -1;
    }

    private boolean failed(String why) {
        failure = "framing error at byte " + read + " of the input: " + why;
        return false;
    }

    private static String quote(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        StringBuilder out = new StringBuilder("\"");
        for (byte b : shown.getBytes(StandardCharsets.ISO_8859_1)) {
            out.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return out.append('"').toString();
    }
}
