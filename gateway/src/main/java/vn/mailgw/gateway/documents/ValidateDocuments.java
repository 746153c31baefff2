package vn.mailgw.gateway.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import vn.mailgw.gateway.classify.AttachmentClassification;
import vn.mailgw.gateway.classify.ClassifyDocuments;
import vn.mailgw.gateway.pipeline.Attribute;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.ParseMime;
import vn.mailgw.gateway.pipeline.ParsedMime;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;
import vn.mailgw.validation.verdict.AttachmentFacts;

/**
 * Validates the signatures of the message's attachments and leaves {@link #DOCUMENTS} for the verdict.
 *
 * <p>When given the classification step, it runs that step on this thread while the signature engine works on
 * the same attachments (decoded once, {@link MessageAttachments}) on its own: the two are independent, and a
 * message waits for the slower of them instead of their sum. The classification's decision still comes first:
 * a refused message (a secret document, daknong-2012 Art 8.2) is refused before delivery as before, and its
 * signature results are discarded.
 */
public final class ValidateDocuments implements Step {

    /** The inspected attachments of one message, in message order. */
    public record Documents(List<InspectedDocument> list) {
        public Documents {
            list = List.copyOf(list);
        }
    }

    public static final Attribute<Documents> DOCUMENTS = Attribute.of("documents", Documents.class);

    /**
     * Messages whose attachments are validated at the same time: each holds its attachments in memory (up to
     * 25 MB each), so this bounds the heap the verdict steps need whatever the pipeline's worker count.
     */
    public static final int DEFAULT_MAX_CONCURRENT = 4;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final AttachmentExtractor extractor;
    private final DocumentInspector inspector;
    private final Optional<Step> alongside;
    private final Semaphore permits;
    /** Threads that wait for the signature engine while the worker classifies (the engine has its own workers). */
    private final ExecutorService waiters;

    public ValidateDocuments(AttachmentExtractor extractor, DocumentInspector inspector) {
        this(extractor, inspector, Optional.empty(), DEFAULT_MAX_CONCURRENT);
    }

    /** @param alongside the classification step, run while the signatures are validated */
    public ValidateDocuments(AttachmentExtractor extractor, DocumentInspector inspector, Step alongside) {
        this(extractor, inspector, Optional.of(alongside), DEFAULT_MAX_CONCURRENT);
    }

    public ValidateDocuments(AttachmentExtractor extractor, DocumentInspector inspector, Optional<Step> alongside,
                             int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
        this.extractor = extractor;
        this.inspector = inspector;
        this.alongside = alongside;
        this.permits = new Semaphore(maxConcurrent, true);
        this.waiters = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mailgw-documents-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return alongside.map(step -> step.name() + "+").orElse("") + "validate-documents";
    }

    @Override
    public StepResult apply(MessageContext context) throws Exception {
        ParsedMime mime = context.require(ParseMime.MIME);
        if (!(mime instanceof ParsedMime.Parsed parsed)) {
            StepResult classified = alongside.isPresent() ? alongside.get().apply(context) : StepResult.proceed();
            context.addFinding("documents: MIME unreadable, no attachment could be checked");
            context.put(DOCUMENTS, new Documents(List.of()));
            return classified;
        }
        List<InspectedDocument> docs;
        StepResult classified;
        permits.acquire();
        try {
            // The same attachments the classification reads (decoded once, kept on the context until released).
            List<Attachment> attachments = MessageAttachments.of(context, parsed, extractor);
            Future<List<InspectedDocument>> signatures = waiters.submit(() -> inspector.inspect(attachments));
            try {
                classified = alongside.isPresent() ? alongside.get().apply(context) : StepResult.proceed();
            } finally {
                // Always waited for, refused or not, so no validation outlives its message or its permit.
                docs = awaitSignatures(signatures);
            }
        } finally {
            MessageAttachments.release(context);
            permits.release();
        }
        if (!(classified instanceof StepResult.Continue)) {
            return classified;
        }
        context.put(DOCUMENTS, new Documents(withClassification(docs,
                context.get(ClassifyDocuments.CLASSIFICATIONS).orElse(List.of()))));
        return StepResult.proceed();
    }

    private static List<InspectedDocument> awaitSignatures(Future<List<InspectedDocument>> signatures)
            throws Exception {
        try {
            return signatures.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * Fills each attachment's optional classification (the verdict engine's field) with the type label
     * ClassifyDocuments gave it; both lists come from the same walker, matched by position and hash.
     */
    public static List<InspectedDocument> withClassification(List<InspectedDocument> docs,
                                                             List<AttachmentClassification> classifications) {
        List<InspectedDocument> out = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            InspectedDocument d = docs.get(i);
            AttachmentFacts f = d.facts();
            boolean same = i < classifications.size() && classifications.get(i).sha256().equals(f.sha256());
            out.add(!same ? d : new InspectedDocument(new AttachmentFacts(f.fileName(), f.sha256(), f.type(),
                    f.signatures(), Optional.of(classifications.get(i).typeLabel())), d.machineReportXml()));
        }
        return out;
    }
}
