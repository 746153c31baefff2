package vn.mailgw.gateway.smtp;

/** An RFC 3463 enhanced status code, e.g. 5.7.1. The class must agree with the reply code's first digit. */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("enhanced status class must be 2, 4 or 5: " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("enhanced status subject/detail out of range: " + subject + "." + detail);
        }
    }

    public static EnhancedStatus of(int statusClass, int subject, int detail) {
        return new EnhancedStatus(statusClass, subject, detail);
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
