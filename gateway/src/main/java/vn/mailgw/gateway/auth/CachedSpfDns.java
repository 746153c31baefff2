package vn.mailgw.gateway.auth;

import java.util.List;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * jSPF's dnsjava service with its lookups sent through the shared {@link CachedDns} (jSPF's own builds a
 * {@code Lookup} on dnsjava's JVM-wide default cache, which our configuration cannot bound). Same contract
 * as the library's: a temporary error is a {@link TimeoutException} (SPF temperror), "none" is null.
 */
final class CachedSpfDns extends DNSServiceXBillImpl {

    private final CachedDns dns;

    CachedSpfDns(CachedDns dns) {
        super(dns.resolver());
        this.dns = dns;
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        int type = switch (request.getRecordType()) {
            case DNSRequest.A -> Type.A;
            case DNSRequest.AAAA -> Type.AAAA;
            case DNSRequest.MX -> Type.MX;
            case DNSRequest.PTR -> Type.PTR;
            case DNSRequest.TXT -> Type.TXT;
            case DNSRequest.SPF -> Type.SPF;
            default -> -1;
        };
        if (type < 0) {
            return null;
        }
        CachedDns.Answer answer = dns.lookup(request.getHostname(), type);
        return switch (answer.outcome()) {
            case FOUND -> convertRecordsToList(answer.records().toArray(new Record[0]));
            case TEMPORARY -> throw new TimeoutException(answer.error());
            case NONE, INVALID -> null;
        };
    }
}
