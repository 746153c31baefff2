package vn.mailgw.gateway.pipeline;

/**
 * One stage of the per-message pipeline, shaped like an Apache James mailet: it reads what earlier steps
 * put on the {@link MessageContext}, adds its own findings, and says whether the message goes on.
 * A step is stateless after construction and thread-safe (one instance serves all messages at once),
 * checks its configuration in its constructor, and runs on a worker thread, so it may block.
 * Expected outcomes are results ({@link StepResult}); an exception means a bug or an infrastructure
 * fault, and the {@link PipelineRunner} turns it into a temporary failure.
 */
public interface Step {

    /** Short name for logs and timings, e.g. "parse-mime". */
    String name();

    StepResult apply(MessageContext context) throws Exception;
}
