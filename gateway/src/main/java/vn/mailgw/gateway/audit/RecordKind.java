package vn.mailgw.gateway.audit;

/** An audit record describes either a whole message or one document (attachment) of it. */
public enum RecordKind {
    MESSAGE,
    DOCUMENT
}
