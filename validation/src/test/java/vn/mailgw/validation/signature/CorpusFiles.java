package vn.mailgw.validation.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.signature.AdvancedSignature;
import eu.europa.esig.dss.validation.SignedDocumentValidator;

import vn.mailgw.trust.anchors.AnchorFamily;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.trust.anchors.TrustedCertificate;

/** The shared corpus of real signed PDFs and its manifest (../shared/corpus/signed-pdf). */
final class CorpusFiles {

    static final Path SHARED = Path.of(System.getProperty("shared.dir", "../../shared"));
    static final Path SIGNED_PDF = Path.of(System.getProperty("corpus.signed-pdf",
            SHARED.resolve("corpus").resolve("signed-pdf").toString()));

    /** One manifest row. */
    record Row(String file, String integrity, String note) {
        @Override
        public String toString() {
            return file + " [" + integrity + "]";
        }
    }

    private CorpusFiles() {}

    static List<Row> manifest() throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(SIGNED_PDF.resolve("manifest.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split(",", 4);
            rows.add(new Row(cols[0].trim(), cols[1].trim(), cols.length > 3 ? cols[3] : ""));
        }
        return rows;
    }

    static byte[] read(String file) throws IOException {
        return Files.readAllBytes(SIGNED_PDF.resolve(file));
    }

    /**
     * A test-only trust snapshot with the top certificate of every chain embedded in the file
     * (self-signed roots, or certificates whose issuer is not embedded), as the corpus README says.
     */
    static TrustSnapshot embeddedRoots(byte[] pdf, String name) {
        Map<String, CertificateToken> all = new LinkedHashMap<>();
        try {
            SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf, name));
            validator.setCertificateVerifier(new eu.europa.esig.dss.spi.validation.CommonCertificateVerifier(true));
            for (AdvancedSignature signature : validator.getSignatures()) {
                for (CertificateToken token : signature.getCertificates()) {
                    all.put(token.getDSSIdAsString(), token);
                }
            }
        } catch (RuntimeException e) {
            // Broken files have no readable chain: an empty trust store.
        }
        Set<String> subjects = all.values().stream().map(t -> t.getSubject().getCanonical()).collect(Collectors.toSet());
        List<TrustedCertificate> roots = new ArrayList<>();
        for (CertificateToken token : all.values()) {
            boolean top = token.isSelfSigned() || !subjects.contains(token.getIssuer().getCanonical());
            if (top) {
                roots.add(TrustedCertificate.of(token.getCertificate(), AnchorFamily.TEST, name, true));
            }
        }
        return TrustSnapshot.of("embedded roots of " + name, roots, Instant.now());
    }
}
