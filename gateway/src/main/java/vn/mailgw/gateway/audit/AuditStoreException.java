package vn.mailgw.gateway.audit;

/** The audit store failed (database down, disk full, constraint broken): an infrastructure fault, never a 250. */
public class AuditStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
