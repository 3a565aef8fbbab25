package dev.gazette.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body that a resource takes as a stream, counting bytes as they arrive, so that
 * its limit holds whether the body declared its length or came chunked.
 */
public final class BoundedBodies {

    private BoundedBodies() {
    }

    /** The whole body, or 413 {@code payload_too_large} as soon as it passes {@code maxBytes}. */
    public static byte[] read(InputStream body, int maxBytes) {
        if (body == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = body.read(chunk)) >= 0) {
                if (out.size() + n > maxBytes) {
                    throw new DomainException(DomainException.Kind.TOO_LARGE, "payload_too_large",
                            "The body may have at most " + maxBytes + " bytes");
                }
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
