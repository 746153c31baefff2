package vn.mailgw.trust.anchors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads every certificate file of a trust folder: PEM (one or many certificates), DER
 * ({@code .der .cer .crt}), PKCS#7 bundles ({@code .p7b .p7c}) and keystores ({@code .p12 .pfx .jks},
 * password from the manifest). Each certificate gets the family its manifest entry gives; a file
 * that cannot be read, or a certificate nobody tagged, becomes a listed problem and is not trusted.
 */
public final class TrustFolderLoader {

    private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private TrustFolderLoader() {}

    public static TrustSnapshot load(Path folder, long generation, Instant now) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("trust folder does not exist: " + folder);
        }
        TrustManifest manifest = TrustManifest.forFolder(folder);
        List<String> problems = new ArrayList<>();
        Map<String, TrustedCertificate> bySha = new LinkedHashMap<>();
        for (Path file : certificateFiles(folder)) {
            String name = file.getFileName().toString();
            List<X509Certificate> certificates;
            try {
                certificates = read(file, manifest.passwordFor(name));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                problems.add(name + ": cannot be read (" + e.getMessage() + ")");
                continue;
            }
            for (X509Certificate cert : certificates) {
                String sha = TrustedCertificate.sha256Of(cert);
                Optional<TrustManifest.Entry> entry = manifest.entryFor(name, sha);
                if (entry.isEmpty()) {
                    problems.add(name + ": " + cert.getSubjectX500Principal().getName() + " (SHA-256 " + sha
                            + ") is not tagged in the manifest: not trusted");
                    continue;
                }
                boolean anchor = entry.get().anchor() || isSelfSigned(cert);
                bySha.putIfAbsent(sha, TrustedCertificate.of(cert, entry.get().family(), name, anchor));
            }
        }
        return new TrustSnapshot(TrustSnapshot.labelOf(folder), new ArrayList<>(bySha.values()), problems, now,
                generation);
    }

    static List<Path> certificateFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> list = new ArrayList<>(files.filter(Files::isRegularFile).filter(TrustFolderLoader::isCertificateFile)
                    .toList());
            Collections.sort(list);
            return list;
        }
    }

    static boolean isCertificateFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer") || name.endsWith(".der")
                || name.endsWith(".p7b") || name.endsWith(".p7c") || isKeyStore(name);
    }

    private static boolean isKeyStore(String lowerName) {
        return lowerName.endsWith(".p12") || lowerName.endsWith(".pfx") || lowerName.endsWith(".jks");
    }

    static List<X509Certificate> read(Path file, Optional<String> password) throws IOException, GeneralSecurityException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
        }
        byte[] bytes = Files.readAllBytes(file);
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (isKeyStore(lower)) {
            return readKeyStore(bytes, lower.endsWith(".jks") ? "JKS" : "PKCS12",
                    password.orElseThrow(() -> new IOException("keystore needs a 'password' in the manifest")));
        }
        // The JDK factory reads PEM (several blocks), DER and PKCS#7 bundles alike.
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> result = new ArrayList<>();
        for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
            result.add((X509Certificate) c);
        }
        if (result.isEmpty()) {
            throw new IOException("no certificate in file");
        }
        return result;
    }

    private static List<X509Certificate> readKeyStore(byte[] bytes, String type, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        store.load(new ByteArrayInputStream(bytes), password.toCharArray());
        List<X509Certificate> result = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain != null) {
                for (Certificate c : chain) {
                    result.add((X509Certificate) c);
                }
            } else if (store.getCertificate(alias) instanceof X509Certificate c) {
                result.add(c);
            }
        }
        return result;
    }

    static boolean isSelfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
