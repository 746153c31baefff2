package vn.mailgw.gateway.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.mailgw.gateway.classify.AttachmentClassification;
import vn.mailgw.gateway.classify.ClassifyDocuments;
import vn.mailgw.gateway.pipeline.Attribute;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.ParseMime;
import vn.mailgw.gateway.pipeline.ParsedMime;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;
import vn.mailgw.validation.verdict.AttachmentFacts;

/** Extracts the attachments and validates their signatures; leaves {@link #DOCUMENTS} for the verdict. */
public final class ValidateDocuments implements Step {

    /** The inspected attachments of one message, in message order. */
    public record Documents(List<InspectedDocument> list) {
        public Documents {
            list = List.copyOf(list);
        }
    }

    public static final Attribute<Documents> DOCUMENTS = Attribute.of("documents", Documents.class);

    /**
     * Messages whose attachments are decoded at the same time: each holds its attachments in memory (up to
     * 25 MB each), so this bounds the heap the verdict steps need whatever the pipeline's worker count.
     */
    public static final int DEFAULT_MAX_CONCURRENT = 4;

    private final AttachmentExtractor extractor;
    private final DocumentInspector inspector;
    private final java.util.concurrent.Semaphore permits;

    public ValidateDocuments(AttachmentExtractor extractor, DocumentInspector inspector) {
        this(extractor, inspector, DEFAULT_MAX_CONCURRENT);
    }

    public ValidateDocuments(AttachmentExtractor extractor, DocumentInspector inspector, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
        this.extractor = extractor;
        this.inspector = inspector;
        this.permits = new java.util.concurrent.Semaphore(maxConcurrent, true);
    }

    @Override
    public String name() {
        return "validate-documents";
    }

    @Override
    public StepResult apply(MessageContext context) throws Exception {
        ParsedMime mime = context.require(ParseMime.MIME);
        if (!(mime instanceof ParsedMime.Parsed parsed)) {
            context.addFinding("documents: MIME unreadable, no attachment could be checked");
            context.put(DOCUMENTS, new Documents(List.of()));
            return StepResult.proceed();
        }
        // The same attachments ClassifyDocuments read (decoded once, kept on the context).
        List<Attachment> attachments = MessageAttachments.of(context, parsed, extractor);
        List<InspectedDocument> docs;
        permits.acquire();
        try {
            docs = inspector.inspect(attachments);
        } finally {
            permits.release();
        }
        context.put(DOCUMENTS, new Documents(withClassification(docs,
                context.get(ClassifyDocuments.CLASSIFICATIONS).orElse(List.of()))));
        return StepResult.proceed();
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
