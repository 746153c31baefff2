package vn.mailgw.gateway.delivery;

import java.util.Objects;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;

/** The pipeline step that hands the message to its {@link Delivery} and marks it delivered on success. */
public final class DeliverMessage implements Step {

    private final Delivery delivery;

    public DeliverMessage(Delivery delivery) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    @Override
    public String name() {
        return "deliver";
    }

    @Override
    public StepResult apply(MessageContext context) {
        // A stamped copy (StampVerdict) replaces the original bytes when the verdict steps ran.
        MessageContent content = context.get(vn.mailgw.gateway.stamp.StampVerdict.STAMPED)
                .orElse(MessageContent.file(context.message().spoolFile(), context.message().size()));
        OutgoingMessage outgoing = new OutgoingMessage(context.queueId(), context.message().envelope(),
                context.addedHeaders(), content, context::abandoned);
        DeliveryOutcome outcome = delivery.deliver(outgoing);
        if (outcome instanceof DeliveryOutcome.Delivered delivered) {
            context.markDelivered(delivered.where());
            return StepResult.proceed();
        }
        if (outcome instanceof DeliveryOutcome.Refused refused) {
            context.addFinding("delivery-refused: " + refused.cause());
            return new StepResult.Reject(refused.reply());
        }
        DeliveryOutcome.TempFailed failed = (DeliveryOutcome.TempFailed) outcome;
        return new StepResult.TempFail(failed.reply(), failed.cause());
    }
}
