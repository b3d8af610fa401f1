package org.hallphone.handset;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the byte stream of a text-mode handset into lines. A line ends with LF, CRLF or a lone CR; empty lines
 * are dropped. A partial line is kept until its end arrives in a later chunk. A line longer than
 * {@code maxLineBytes} is a device fault or line noise: it is discarded up to its end and counted. Bytes that are
 * not UTF-8 become U+FFFD, so noise never throws. Not thread-safe: one reader thread feeds it.
 */
final class LineDecoder {

    /** Default longest line in bytes: hook devices print a word; noise at a wrong baud rate must not grow memory. */
    static final int DEFAULT_MAX_LINE_BYTES = 256;

    private final int maxLineBytes;
    private final byte[] buffer;
    private int length;
    private boolean discarding;
    private boolean lastWasCr;
    private long overlongLines;

    LineDecoder(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.buffer = new byte[maxLineBytes];
    }

    LineDecoder() {
        this(DEFAULT_MAX_LINE_BYTES);
    }

    /** Feeds {@code count} bytes of {@code data} from {@code offset}; returns the lines completed by them. */
    List<String> feed(byte[] data, int offset, int count) {
        List<String> lines = new ArrayList<>(1);
        for (int i = offset; i < offset + count; i++) {
            byte b = data[i];
            if (b == '\n' && lastWasCr) {
                lastWasCr = false; // the LF of a CRLF: the line already ended at the CR
                continue;
            }
            lastWasCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine(lines);
            } else if (discarding) {
                continue;
            } else if (length == maxLineBytes) {
                discarding = true;
                overlongLines++;
                length = 0;
            } else {
                buffer[length++] = b;
            }
        }
        return lines;
    }

    List<String> feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    /** How many over-long lines were discarded so far. */
    long overlongLines() {
        return overlongLines;
    }

    /** Forgets a partial line, e.g. after the device was lost and reopened. */
    void reset() {
        length = 0;
        discarding = false;
        lastWasCr = false;
    }

    private void endLine(List<String> lines) {
        if (!discarding && length > 0) {
            lines.add(decode(buffer, length));
        }
        length = 0;
        discarding = false;
    }

    private static String decode(byte[] bytes, int count) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, 0, count)).toString();
        } catch (CharacterCodingException impossible) {
            // REPLACE never throws; keep the compiler satisfied without losing the line.
            return new String(bytes, 0, count, StandardCharsets.UTF_8);
        }
    }
}
