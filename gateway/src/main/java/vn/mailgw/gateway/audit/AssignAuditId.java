package vn.mailgw.gateway.audit;

import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;
import vn.mailgw.gateway.stamp.StampVerdict;

/**
 * Puts the id of the message's future audit record ({@code <node>.<queueId>}, see {@link AuditIds}) on the
 * context as {@link StampVerdict#AUDIT_ID}, so the stamp and the sender's notification print the id the
 * auditor page finds (issue 6 point 7). The record itself is written after the steps, by {@link AuditRecorder};
 * the id is derived from the queue id, so it is known before.
 */
public final class AssignAuditId implements Step {

    private final String nodeId;

    public AssignAuditId(String nodeId) {
        AuditIds.requireValidNodeId(nodeId);
        this.nodeId = nodeId;
    }

    @Override
    public String name() {
        return "assign-audit-id";
    }

    @Override
    public StepResult apply(MessageContext context) {
        context.put(StampVerdict.AUDIT_ID, AuditIds.messageRecordId(nodeId, context.queueId()));
        return StepResult.proceed();
    }
}
