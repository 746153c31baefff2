package vn.mailgw.gateway.message;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A message the SMTP session has received completely (the final CRLF.CRLF seen, dot-stuffing undone)
 * and written to a spool file. The file holds exactly the message bytes as the client sent them,
 * and belongs to the {@link MessageHandler} from now on: the handler deletes it when done.
 *
 * @param queueId    the gateway's id for this message, assigned when DATA started; in every log line,
 *                   in the 250 reply, in the stamp and in the audit record
 * @param envelope   the SMTP envelope
 * @param spoolFile  the message bytes
 * @param size       size of the spool file in bytes
 * @param receivedAt when the final dot was received
 */
public record ReceivedMessage(String queueId, Envelope envelope, Path spoolFile, long size, Instant receivedAt) {}
