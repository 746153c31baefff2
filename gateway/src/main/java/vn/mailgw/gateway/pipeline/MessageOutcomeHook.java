package vn.mailgw.gateway.pipeline;

import vn.mailgw.gateway.smtp.SmtpReply;

/**
 * Runs once per message after the steps, whatever they decided (delivered, refused or failed), before the
 * client gets the reply: the audit log records every message here (a step would be skipped by a refusal).
 * It may replace the reply (the audit turns a 250 into a 451 when its record could not be committed).
 */
public interface MessageOutcomeHook {

    SmtpReply completed(MessageContext context, SmtpReply reply);

    MessageOutcomeHook NONE = (context, reply) -> reply;
}
