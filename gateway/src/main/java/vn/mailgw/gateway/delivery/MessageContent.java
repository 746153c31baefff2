package vn.mailgw.gateway.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The bytes a delivery sends after the added header fields: a file (the spool file, or a large stamped copy)
 * or, for a small stamped message, an array in memory, which saves creating, reading and deleting a file per
 * message.
 */
public sealed interface MessageContent {

    long size();

    InputStream open() throws IOException;

    static MessageContent file(Path file, long size) {
        return new InFile(file, size);
    }

    static MessageContent bytes(byte[] bytes) {
        return new InMemory(bytes);
    }

    record InFile(Path file, long size) implements MessageContent {
        public InFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }
    }

    /** Not copied: the stamp step hands over an array it no longer touches. */
    record InMemory(byte[] bytes) implements MessageContent {
        public InMemory {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }
}
