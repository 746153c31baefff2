package vn.mailgw.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code workers} section: sizes of the named worker pools that run blocking work off the event loop.
 *
 * @param pipeline         threads of the "pipeline" pool that runs each message's steps (MIME parsing, checks,
 *                         delivery); messages beyond it wait in the pool's queue, the client waiting for its reply
 * @param pipelineDeadline the longest a message's steps may take; then the client gets 451 4.3.0 (it keeps the
 *                         message and retries) and the audit record names the step that did not finish. Below
 *                         the 10 minutes a client waits for the reply to the final dot (RFC 5321 4.5.3.2.6), so
 *                         the 451 arrives before the client gives up on its own
 */
public record WorkersConfig(int pipeline, Duration pipelineDeadline) {

    public static final int DEFAULT_PIPELINE = 16;
    public static final Duration DEFAULT_PIPELINE_DEADLINE = Duration.ofMinutes(9);
    public static final WorkersConfig DEFAULTS = new WorkersConfig(DEFAULT_PIPELINE, DEFAULT_PIPELINE_DEADLINE);

    public WorkersConfig {
        ConfigChecks.check(pipeline >= 1 && pipeline <= 1024, "pipeline must be 1..1024, not " + pipeline);
        Objects.requireNonNull(pipelineDeadline, "pipelineDeadline");
        ConfigChecks.positive(pipelineDeadline, "pipelineDeadline");
    }
}
