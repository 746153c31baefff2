package vn.mailgw.gateway.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;
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
 * <p>Given the steps that need no signature result (sender authentication, classification), it runs them on this
 * thread while the signature engine works on the attachments (decoded once, {@link MessageAttachments}) on its
 * own: they are independent, and a message waits for the slower instead of the sum. The classification's decision still comes first:
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
    private final List<Step> alongside;
    private final Semaphore permits;
    /** Threads that wait for the signature engine while the worker classifies (the engine has its own workers). */
    private final ExecutorService waiters;

    public ValidateDocuments(AttachmentExtractor extractor, DocumentInspector inspector) {
        this(extractor, inspector, List.of(), DEFAULT_MAX_CONCURRENT);
    }

    /**
     * @param alongside steps that need no signature result (sender authentication, classification), run in this
     *                  order on this thread while the signatures are validated; the first that does not proceed
     *                  decides the message
     */
    public ValidateDocuments(AttachmentExtractor extractor, DocumentInspector inspector, List<Step> alongside) {
        this(extractor, inspector, alongside, DEFAULT_MAX_CONCURRENT);
    }

    public ValidateDocuments(AttachmentExtractor extractor, DocumentInspector inspector, List<Step> alongside,
                             int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
        this.extractor = extractor;
        this.inspector = inspector;
        this.alongside = List.copyOf(alongside);
        this.permits = new Semaphore(maxConcurrent, true);
        this.waiters = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mailgw-documents-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        StringBuilder name = new StringBuilder();
        alongside.forEach(step -> name.append(step.name()).append('+'));
        return name.append("validate-documents").toString();
    }

    @Override
    public StepResult apply(MessageContext context) throws Exception {
        ParsedMime mime = context.require(ParseMime.MIME);
        if (!(mime instanceof ParsedMime.Parsed parsed)) {
            StepResult classified = runAlongside(context);
            context.addFinding("documents: MIME unreadable, no attachment could be checked");
            context.put(DOCUMENTS, new Documents(List.of()));
            return classified;
        }
        List<InspectedDocument> docs;
        StepResult classified;
        permits.acquire();
        try {
            // The same attachments the classification reads (decoded once, kept on the context until released).
            List<Attachment> attachments;
            try {
                attachments = MessageAttachments.of(context, parsed, extractor);
            } catch (AttachmentExtractor.TooManyAttachments e) {
                return MessageAttachments.refuseTooMany(context, "documents", e);
            }
            Map<String, String> logContext = MDC.getCopyOfContextMap();
            Future<List<InspectedDocument>> signatures = waiters.submit(() -> {
                // The worker's session and queue ids, so lines logged while validating name their message.
                if (logContext != null) {
                    MDC.setContextMap(logContext);
                }
                try {
                    return inspector.inspect(attachments, context::abandoned);
                } finally {
                    MDC.clear();
                }
            });
            try {
                classified = runAlongside(context);
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

    private StepResult runAlongside(MessageContext context) throws Exception {
        for (Step step : alongside) {
            StepResult result = step.apply(context);
            if (!(result instanceof StepResult.Continue)) {
                return result;
            }
        }
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
