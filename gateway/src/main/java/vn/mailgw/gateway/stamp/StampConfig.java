package vn.mailgw.gateway.stamp;

import java.time.ZoneId;

/**
 * Stamp settings (config section {@code stamp}).
 *
 * @param authServId    our authserv-id: incoming Authentication-Results with this id are removed (RFC 8601 §5),
 *                      must equal {@code auth.authserv-id} (key {@code stamp.authserv-id})
 * @param attachReport  attach the validation report (HTML + machine XML) (key {@code stamp.attach-report})
 * @param timeZone      zone in which signing times are shown to clerks (key {@code stamp.time-zone})
 */
public record StampConfig(String authServId, boolean attachReport, ZoneId timeZone) {

    public static final String DEFAULT_AUTHSERV_ID = "mailgw";
    public static final boolean DEFAULT_ATTACH_REPORT = true;
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final StampConfig DEFAULT = new StampConfig(DEFAULT_AUTHSERV_ID, DEFAULT_ATTACH_REPORT,
            DEFAULT_TIME_ZONE);

    public StampConfig {
        if (authServId == null || !authServId.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("stamp.authserv-id must be a host-like token: " + authServId);
        }
        if (timeZone == null) {
            throw new IllegalArgumentException("stamp.time-zone is required");
        }
    }
}
