package vn.mailgw.gateway.audit;

import java.util.regex.Pattern;

/**
 * The ids a clerk reads in the stamp and an auditor types into the search box.
 * A message's record id is {@code <node>.<queueId>}, its n-th document's {@code <node>.<queueId>.<n>} (n from 1).
 * They are derived from the queue id (not from the chain position) so the stamp can print them before the
 * record is written: stamping happens before delivery, and the record is written after delivery.
 */
public final class AuditIds {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private AuditIds() {}

    public static String messageRecordId(String nodeId, String queueId) {
        requireValidNodeId(nodeId);
        requireValidQueueId(queueId);
        return nodeId + "." + queueId;
    }

    public static String documentRecordId(String nodeId, String queueId, int documentNumber) {
        if (documentNumber < 1) {
            throw new IllegalArgumentException("document numbers start at 1: " + documentNumber);
        }
        return messageRecordId(nodeId, queueId) + "." + documentNumber;
    }

    public static void requireValidQueueId(String queueId) {
        if (queueId == null || !TOKEN.matcher(queueId).matches()) {
            throw new IllegalArgumentException("queue id must be 1-40 of [A-Za-z0-9_-]: " + queueId);
        }
    }

    public static void requireValidNodeId(String nodeId) {
        if (nodeId == null || !TOKEN.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("node id must be 1-40 of [A-Za-z0-9_-]: " + nodeId);
        }
    }

    /** Whether a string typed by a user can be a record id at all (cheap check before a lookup). */
    public static boolean looksLikeRecordId(String text) {
        return text != null && text.matches("[A-Za-z0-9_-]{1,40}\\.[A-Za-z0-9_-]{1,40}(\\.[0-9]{1,4})?");
    }
}
