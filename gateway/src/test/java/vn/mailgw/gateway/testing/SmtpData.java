package vn.mailgw.gateway.testing;

import java.io.IOException;
import java.io.OutputStream;

/** A message as an SMTP client sends it after DATA (RFC 5321 4.5.2), for the tests and benchmarks that talk raw SMTP. */
public final class SmtpData {

    private SmtpData() {}

    /**
     * Writes {@code eml} with every line that starts with "." given another ".", then the end of data: a CRLF when the
     * message does not end with a line end, then "." CRLF. With {@code bareLfToCrlf} a LF not after a CR is sent as
     * CRLF (a message written with Unix line ends); otherwise the bytes go as they are. Streams: nothing is copied.
     */
    public static void writeDotStuffed(byte[] eml, OutputStream out, boolean bareLfToCrlf) throws IOException {
        boolean lineStart = true;
        for (int i = 0; i < eml.length; i++) {
            byte b = eml[i];
            if (lineStart && b == '.') {
                out.write('.');
            }
            if (bareLfToCrlf && b == '\n' && (i == 0 || eml[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
    }
}
