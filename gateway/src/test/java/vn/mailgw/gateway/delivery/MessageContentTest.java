package vn.mailgw.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stamped message is sent as the stamp's bytes around a range of the spool file: every way out gives the same bytes. */
class MessageContentTest {

    @TempDir
    Path dir;

    private Path spool(int size) throws IOException {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return Files.write(dir.resolve("q.eml"), bytes);
    }

    private static byte[] expected(byte[] head, byte[] file, int from, int to, byte[] tail) {
        byte[] out = new byte[head.length + (to - from) + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(file, from, out, head.length, to - from);
        System.arraycopy(tail, 0, out, head.length + (to - from), tail.length);
        return out;
    }

    private byte[] written(MessageContent content) throws IOException {
        Path target = dir.resolve("out-" + System.nanoTime());
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap("Received: x\r\n".getBytes(StandardCharsets.US_ASCII)));
            content.writeTo(channel); // appends after what the channel holds
        }
        byte[] all = Files.readAllBytes(target);
        assertThat(new String(all, 0, 13, StandardCharsets.US_ASCII)).isEqualTo("Received: x\r\n");
        return java.util.Arrays.copyOfRange(all, 13, all.length);
    }

    @Test
    void splicedShouldGiveHeadThenTheFileRangeThenTailWhenOpenedOrWritten() throws Exception {
        Path file = spool(300_000); // larger than one transfer buffer
        byte[] bytes = Files.readAllBytes(file);
        byte[] head = "Ti\u00eau \u0111\u1ec1\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "--end--\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int[] range : new int[][] {{0, 300_000}, {1234, 300_000}, {1234, 250_001}, {300_000, 300_000}}) {
            MessageContent content = MessageContent.spliced(head, file, range[0], range[1], tail);
            byte[] want = expected(head, bytes, range[0], range[1], tail);
            assertThat(content.size()).isEqualTo(want.length);
            try (InputStream in = content.open()) {
                assertThat(in.readAllBytes()).isEqualTo(want);
            }
            assertThat(written(content)).isEqualTo(want);
        }
    }

    @Test
    void splicedShouldFailRatherThanSendAShorterMessageWhenTheFileIsShorterThanTheRange() throws Exception {
        Path file = spool(1000);
        MessageContent content = MessageContent.spliced(new byte[] {'h'}, file, 10, 2000, new byte[] {'t'});
        assertThatThrownBy(() -> {
            try (InputStream in = content.open()) {
                in.readAllBytes();
            }
        }).isInstanceOf(java.io.EOFException.class);
        assertThatThrownBy(() -> written(content)).isInstanceOf(IOException.class).hasMessageContaining("q.eml");
    }

    @Test
    void fileAndBytesShouldWriteThemselvesWholeWhenWrittenToAChannel() throws Exception {
        Path file = spool(70_000);
        assertThat(written(MessageContent.file(file, 70_000))).isEqualTo(Files.readAllBytes(file));
        byte[] small = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(written(MessageContent.bytes(small))).isEqualTo(small);
    }
}
