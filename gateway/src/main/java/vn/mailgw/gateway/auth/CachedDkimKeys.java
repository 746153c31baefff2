package vn.mailgw.gateway.auth;

import java.util.List;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * DKIM public keys ({@code selector._domainkey.domain} TXT, RFC 6376 §3.6.2) through the shared
 * {@link CachedDns}. Same contract as jDKIM's own DNS retriever: a temporary DNS error is a
 * {@link TempFailException} (dkim=temperror), no record is an empty list.
 */
final class CachedDkimKeys implements PublicKeyRecordRetriever {

    private final CachedDns dns;

    CachedDkimKeys(CachedDns dns) {
        this.dns = dns;
    }

    @Override
    public List<String> getRecords(CharSequence methodAndOptions, CharSequence selector, CharSequence token)
            throws TempFailException, PermFailException {
        if (!"dns/txt".equals(methodAndOptions.toString())) {
            throw new PermFailException("Only dns/txt is supported: " + methodAndOptions + " options unsupported.");
        }
        CachedDns.Answer answer = dns.lookup(selector + "._domainkey." + token, Type.TXT);
        return switch (answer.outcome()) {
            case FOUND -> answer.records().stream().filter(r -> r instanceof TXTRecord)
                    .map(r -> String.join("", ((TXTRecord) r).getStrings())).toList();
            case NONE -> List.of();
            case TEMPORARY -> throw new TempFailException(answer.error());
            case INVALID -> throw new PermFailException("Invalid dns record: " + answer.error());
        };
    }
}
