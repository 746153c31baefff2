package vn.mailgw.gateway.freemail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.mailgw.gateway.message.Envelope;
import vn.mailgw.gateway.pipeline.Attribute;
import vn.mailgw.gateway.pipeline.HeaderField;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.ParseMime;
import vn.mailgw.gateway.pipeline.ParsedMime;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;

/**
 * The header half of daknong-2012 Art 9.4, after DATA: a message whose header From is at a free-mail
 * domain is refused with 550 5.7.1, unless every recipient is a mailbox that accepts free mail; then it
 * goes on with {@code X-Mailgw-Notice} saying it is not an official document. The envelope sender is
 * checked again here too (fail closed, whatever the SMTP layer did). Leaves the From addresses as
 * {@link #HEADER_FROM} for later steps (registry lookup, audit).
 *
 * <p>Every From field is checked. When a From field does not parse as an address list, every
 * {@code @domain} in it is checked instead, so a malformed header cannot hide a free-mail address.
 */
public final class RefuseFreemailHeaderFrom implements Step {

    /** The header From addresses as written (one entry per address; empty when there is no From). */
    @SuppressWarnings("unchecked")
    public static final Attribute<List<String>> HEADER_FROM =
            (Attribute<List<String>>) (Attribute<?>) Attribute.of("header-from", List.class);

    private static final Pattern AT_DOMAIN = Pattern.compile("@([^\\s<>\"(),;:@\\[\\]]+)");

    private final FreemailPolicy policy;

    public RefuseFreemailHeaderFrom(FreemailPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String name() {
        return "refuse-freemail-header-from";
    }

    @Override
    public StepResult apply(MessageContext context) throws MessagingException {
        List<String> from = headerFrom(context.require(ParseMime.MIME));
        context.put(HEADER_FROM, List.copyOf(from));
        Envelope envelope = context.message().envelope();
        boolean freemail = policy.isFreemail(envelope.reversePath()) || from.stream().anyMatch(policy::isFreemail);
        if (!freemail) {
            return StepResult.proceed();
        }
        if (!policy.allAcceptFreemail(envelope.recipients())) {
            context.addFinding("freemail-refused (daknong-2012 Art 9.4)");
            return new StepResult.Reject(FreemailPolicy.REFUSAL);
        }
        context.addFinding("freemail-to-accepting-mailbox (daknong-2012 Art 9.4)");
        context.addHeader(new HeaderField(FreemailPolicy.NOTICE_HEADER, noticeValue()));
        return StepResult.proceed();
    }

    static List<String> headerFrom(ParsedMime mime) throws MessagingException {
        if (!(mime instanceof ParsedMime.Parsed parsed)) {
            return List.of();
        }
        MimeMessage message = parsed.message();
        String[] fields = message.getHeader("From");
        List<String> addresses = new ArrayList<>();
        if (fields == null) {
            return addresses;
        }
        for (String field : fields) {
            String unfolded = MimeUtility.unfold(field);
            try {
                for (InternetAddress address : InternetAddress.parseHeader(unfolded, false)) {
                    if (address.getAddress() != null) {
                        addresses.add(address.getAddress());
                    }
                }
            } catch (AddressException malformed) {
                Matcher m = AT_DOMAIN.matcher(unfolded);
                while (m.find()) {
                    addresses.add("unparseable@" + m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return addresses;
    }

    /** English as plain ASCII, Vietnamese as RFC 2047 encoded words, folded to stay within line limits. */
    static String noticeValue() {
        try {
            String value = FreemailPolicy.NOTICE_ENGLISH + " / "
                    + MimeUtility.encodeText(FreemailPolicy.NOTICE_VIETNAMESE, "UTF-8", "Q");
            return MimeUtility.fold(FreemailPolicy.NOTICE_HEADER.length() + 2, value);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 missing", e);
        }
    }
}
