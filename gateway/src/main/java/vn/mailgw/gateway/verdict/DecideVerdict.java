package vn.mailgw.gateway.verdict;

import java.util.function.Supplier;
import vn.mailgw.gateway.auth.AuthenticateSender;
import vn.mailgw.gateway.documents.InspectedDocument;
import vn.mailgw.gateway.documents.ValidateDocuments;
import vn.mailgw.gateway.pipeline.Attribute;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;
import vn.mailgw.trust.registry.AgencyRegistry;
import vn.mailgw.validation.verdict.MessageVerdict;
import vn.mailgw.validation.verdict.VerdictEngine;

/** Applies the policy profile to the sender and document facts; leaves {@link #VERDICT}. */
public final class DecideVerdict implements Step {

    public static final Attribute<MessageVerdict> VERDICT = Attribute.of("verdict", MessageVerdict.class);

    private final VerdictEngine engine;
    private final Supplier<AgencyRegistry> registry;

    public DecideVerdict(VerdictEngine engine, Supplier<AgencyRegistry> registry) {
        this.engine = engine;
        this.registry = registry;
    }

    @Override
    public String name() {
        return "decide-verdict";
    }

    @Override
    public StepResult apply(MessageContext context) {
        AuthenticateSender.SenderCheck sender = context.require(AuthenticateSender.SENDER);
        ValidateDocuments.Documents docs = context.require(ValidateDocuments.DOCUMENTS);
        MessageVerdict verdict = engine.decide(registry.get(), sender.facts(),
                docs.list().stream().map(InspectedDocument::facts).toList());
        context.put(VERDICT, verdict);
        context.addFinding("verdict " + verdict.verdict() + " (" + verdict.documents().size() + " attachments)");
        return StepResult.proceed();
    }
}
