package vn.mailgw.validation.signature;

import java.util.Objects;
import java.util.Optional;

import vn.mailgw.trust.anchors.AnchorFamily;

/**
 * Who issued the signer's certificate, and which trusted family the chain ends in.
 *
 * @param subjectDn        the issuing CA's subject DN (empty when unknown)
 * @param commonName       the issuing CA's CN
 * @param anchorSubjectDn  the trust anchor the chain ends in, when it ends in one
 * @param family           that anchor's family; empty when the chain is not trusted
 */
public record IssuerInfo(String subjectDn, Optional<String> commonName, Optional<String> anchorSubjectDn,
                         Optional<AnchorFamily> family) {

    public IssuerInfo {
        Objects.requireNonNull(subjectDn, "subjectDn");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(anchorSubjectDn, "anchorSubjectDn");
        Objects.requireNonNull(family, "family");
    }

    public static IssuerInfo unknown() {
        return new IssuerInfo("", Optional.empty(), Optional.empty(), Optional.empty());
    }
}
