package vn.mailgw.gateway.audit;

import java.time.Instant;

/**
 * A sender whose messages were refused in a period (cantho-2005 Art 10.2: a violator is reminded by e-mail,
 * and after 3 reminders reported to the head of the agency). Each refusal counts as one reminder, since the
 * refusal text is the reminder the sender's MTA delivers.
 *
 * @param freeMailRefusals refusals for free-mail use (daknong-2012 Art 9.4, sonla-2005 Art 10, cantho-2005 Art 8.5)
 */
public record Violator(String sender, String agency, long refusals, long freeMailRefusals, Instant first, Instant last) {

    /** cantho-2005 Art 10.2: reported after 3 reminders, i.e. from the fourth violation on. */
    public static final int REMINDERS_BEFORE_REPORT = 3;

    public boolean mustBeReported() {
        return refusals > REMINDERS_BEFORE_REPORT;
    }
}
