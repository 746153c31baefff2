package vn.mailgw.validation.signature;

import java.io.IOException;
import java.time.Instant;

import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.signing.IssuedCertificate;

/**
 * The demo PKI ({@link DemoPki}) for code outside this package, e.g. benchmarks: an agency certificate
 * issued by an intermediate CA under a government root that is in the trust snapshot, with its OCSP
 * responder and CRLs served on 127.0.0.1, so a validation runs the production path (trusted chain,
 * revocation fetched and cached) instead of stopping early at an untrusted chain.
 */
public final class TrustedAgencySigner implements AutoCloseable {

    private final DemoPki pki = new DemoPki();
    /** One snapshot, as the gateway's trust folder gives the same snapshot until the folder changes. */
    private final TrustSnapshot trust = pki.trust();

    public TrustedAgencySigner() throws IOException {}

    /** "Sở Tài chính", issued by the DEMO agency CA; its OCSP status is GOOD. */
    public IssuedCertificate agency() {
        return pki.agency;
    }

    /** The trust snapshot holding the DEMO government root as an anchor. */
    public TrustSnapshot trust() {
        return trust;
    }

    /** When the PKI was made (certificates are valid from 30 days before). */
    public Instant createdAt() {
        return pki.now;
    }

    /** How many OCSP requests the loopback responder has answered so far. */
    public int ocspRequests() {
        return pki.revocation.ocspRequests.get();
    }

    @Override
    public void close() {
        pki.close();
    }
}
