package vn.mailgw.gateway.documents;

import java.util.List;
import vn.mailgw.gateway.pipeline.Attribute;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.ParseMime;
import vn.mailgw.gateway.pipeline.ParsedMime;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;

/** Extracts the attachments and validates their signatures; leaves {@link #DOCUMENTS} for the verdict. */
public final class ValidateDocuments implements Step {

    /** The inspected attachments of one message, in message order. */
    public record Documents(List<InspectedDocument> list) {
        public Documents {
            list = List.copyOf(list);
        }
    }

    public static final Attribute<Documents> DOCUMENTS = Attribute.of("documents", Documents.class);

    private final AttachmentExtractor extractor;
    private final DocumentInspector inspector;

    public ValidateDocuments(AttachmentExtractor extractor, DocumentInspector inspector) {
        this.extractor = extractor;
        this.inspector = inspector;
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
        List<InspectedDocument> docs = inspector.inspect(extractor.extract(parsed.message()));
        context.put(DOCUMENTS, new Documents(docs));
        return StepResult.proceed();
    }
}
