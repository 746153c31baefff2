package vn.mailgw.trust.registry;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * How an agency's signing certificates identify it: any one of its tax codes (MST), budget codes (MNS),
 * organisation names or certificate e-mail addresses is enough. Organisation names are compared after
 * Unicode NFC normalisation, case-insensitively and with runs of spaces collapsed, because CAs differ in
 * how they write the same name.
 */
public record CertificateIdentity(List<String> taxCodes, List<String> budgetCodes, List<String> organizations,
                                  List<String> emails) {

    public static final CertificateIdentity NONE = new CertificateIdentity(List.of(), List.of(), List.of(), List.of());

    public CertificateIdentity {
        taxCodes = List.copyOf(taxCodes == null ? List.of() : taxCodes);
        budgetCodes = List.copyOf(budgetCodes == null ? List.of() : budgetCodes);
        organizations = List.copyOf(organizations == null ? List.of() : organizations);
        emails = List.copyOf(emails == null ? List.of() : emails).stream()
                .map(e -> e.toLowerCase(Locale.ROOT)).toList();
    }

    public boolean isEmpty() {
        return taxCodes.isEmpty() && budgetCodes.isEmpty() && organizations.isEmpty() && emails.isEmpty();
    }

    /** True when the signer's certificate names this agency by one of its identifiers. */
    public boolean matches(SignerIdentity signer) {
        if (signer.taxCode().filter(taxCodes::contains).isPresent()) {
            return true;
        }
        if (signer.budgetCode().filter(budgetCodes::contains).isPresent()) {
            return true;
        }
        if (signer.email().filter(emails::contains).isPresent()) {
            return true;
        }
        return signer.organization().map(CertificateIdentity::normalize)
                .filter(o -> organizations.stream().map(CertificateIdentity::normalize).anyMatch(o::equals))
                .isPresent();
    }

    static String normalize(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }
}
