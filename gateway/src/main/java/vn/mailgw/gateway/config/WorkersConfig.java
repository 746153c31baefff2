package vn.mailgw.gateway.config;

/**
 * The {@code workers} section: sizes of the named worker pools that run blocking work off the event loop.
 *
 * @param pipeline threads of the "pipeline" pool that runs each message's steps (MIME parsing, checks,
 *                 delivery); messages beyond it wait in the pool's queue, the client waiting for its reply
 */
public record WorkersConfig(int pipeline) {

    public static final int DEFAULT_PIPELINE = 16;
    public static final WorkersConfig DEFAULTS = new WorkersConfig(DEFAULT_PIPELINE);

    public WorkersConfig {
        ConfigChecks.check(pipeline >= 1 && pipeline <= 1024, "pipeline must be 1..1024, not " + pipeline);
    }
}
