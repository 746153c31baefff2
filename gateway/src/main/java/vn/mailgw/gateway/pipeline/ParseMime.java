package vn.mailgw.gateway.pipeline;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Parses the spooled message with Jakarta Mail and leaves the result as {@link #MIME}. A message of up to
 * {@link #IN_MEMORY_MAX_BYTES} is read into memory once and, when well-formed, its multipart tree is found by
 * {@link MimeLayout}; a larger one is opened as a {@link SharedFileInputStream}, so parts are views on the file and a
 * 30 MB message does not end up in memory. Broken MIME never stops the message: the problem is recorded as a finding and the
 * message is delivered as received (the checks that need MIME decide, fail closed, without it).
 */
public final class ParseMime implements Step {

    public static final Attribute<ParsedMime> MIME = Attribute.of("mime", ParsedMime.class);

    /** Deeper nesting than this is not walked (a hostile message could nest without end). */
    static final int MAX_DEPTH = 20;

    static final int BUFFER_BYTES = 64 * 1024;

    /**
     * Messages up to this size are read into memory once and parsed there (nearly all mail: a document of a few MB);
     * larger ones are parsed from the spool file, so 16 pipeline workers hold at most 64 MB of messages.
     */
    static final long IN_MEMORY_MAX_BYTES = 4L * 1024 * 1024;

    private final Session session;

    /**
     * Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader scan of every jar each time it parses
     * a header block; profiling showed that as half of the pipeline's CPU. Naming the provider class in the
     * system property it reads first turns the scan into a cached class lookup. Same provider as the scan finds.
     */
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    public ParseMime() {
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
        }
        Properties props = new Properties();
        // Tolerate what real mail gets wrong rather than failing the parse; problems are still reported.
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.multipart.allowempty", "true");
        props.setProperty("mail.mime.parameters.strict", "false");
        this.session = Session.getInstance(props); // private: never Session.getDefaultInstance
    }

    @Override
    public String name() {
        return "parse-mime";
    }

    @Override
    public StepResult apply(MessageContext context) throws IOException {
        Path spool = context.message().spoolFile();
        byte[] inMemory = null;
        int length = 0;
        InputStream in;
        long size = Files.size(spool);
        if (size <= IN_MEMORY_MAX_BYTES) {
            // Read once; Jakarta Mail's parts and the fast layout are then views on this array (no more file reads).
            inMemory = MessageBuffer.forThisThread((int) size);
            length = MessageBuffer.read(spool, inMemory);
            in = new SharedByteArrayInputStream(inMemory, 0, length);
        } else {
            // 64 kB instead of the default 2 kB: every buffer refill is a seek and a read of the spool file.
            in = new SharedFileInputStream(spool.toFile(), BUFFER_BYTES);
            context.closeWhenDone(in);
        }
        MimeMessage message;
        try {
            message = new MimeMessage(session, in);
        } catch (MessagingException | RuntimeException e) {
            String reason = "header block unreadable: " + e.getMessage();
            context.put(MIME, new ParsedMime.Unparseable(reason));
            context.addFinding("mime-unparseable: " + reason);
            return StepResult.proceed();
        }
        // Well-formed (nearly all mail): one fast scan finds the parts and there is nothing to report.
        Optional<MimeLayout> layout = inMemory == null ? Optional.empty()
                : MimeLayout.scan(message, inMemory, length, (SharedByteArrayInputStream) in);
        if (layout.isPresent()) {
            context.put(MIME, new ParsedMime.Parsed(message, List.of(), layout));
            return StepResult.proceed();
        }
        List<String> problems = new ArrayList<>();
        walk(message, "message", 0, problems);
        for (String problem : problems) {
            context.addFinding("mime-structure: " + problem);
        }
        context.put(MIME, new ParsedMime.Parsed(message, problems));
        return StepResult.proceed();
    }

    /** Parses the multipart structure (boundaries only; leaf bodies are not decoded) to find breakage early. */
    private static void walk(Part part, String where, int depth, List<String> problems) {
        try {
            if (!part.isMimeType("multipart/*")) {
                return;
            }
            if (depth >= MAX_DEPTH) {
                problems.add(where + ": multipart nested deeper than " + MAX_DEPTH + " levels, not inspected");
                return;
            }
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                problems.add(where + ": declared multipart but has no parts");
                return;
            }
            int count = multipart.getCount();
            if (count == 0) {
                problems.add(where + ": multipart without parts");
            }
            if (multipart instanceof jakarta.mail.internet.MimeMultipart mime && !mime.isComplete()) {
                // Read leniently (mail.mime.multipart.ignoremissingendboundary), but a reader may see it differently.
                problems.add(where + ": multipart not closed (no close delimiter); its last part runs to the end");
            }
            for (int i = 0; i < count; i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, where + "/" + (i + 1), depth + 1, problems);
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            problems.add(where + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
