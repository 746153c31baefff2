package vn.mailgw.trust.anchors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The small file {@value #FILE_NAME} in a trust folder that tags each certificate file with its
 * family. Example:
 *
 * <pre>
 * entries:
 *   - file: vnrca256.crt
 *     family: national-root
 *   - file: agencies.p12
 *     family: government
 *     password: demo-only          # PKCS12/JKS keystore password
 *   - sha256: BAC8BF60...           # or match a certificate by fingerprint, whatever its file
 *     family: national-root
 *     anchor: true                  # optional: trust a non-self-signed CA directly
 * </pre>
 *
 * A certificate no entry tags is not trusted (reported as a problem): fail closed.
 */
public record TrustManifest(List<Entry> entries) {

    public static final String FILE_NAME = "trust-manifest.yaml";
    /** Tags the public Vietnamese CA certificates by fingerprint, for a folder without its own manifest. */
    public static final String BUILT_IN_VIETNAM = "/vn/mailgw/trust/anchors/vietnam-manifest.yaml";

    /**
     * One tag.
     *
     * @param file     file name inside the folder (or empty when matching by fingerprint)
     * @param sha256   certificate fingerprint (or empty when matching by file)
     * @param family   the family
     * @param password keystore password for PKCS12/JKS files
     * @param anchor   forces the certificate to be a trust anchor even when not self-signed
     */
    public record Entry(Optional<String> file, Optional<String> sha256, AnchorFamily family, Optional<String> password,
                        boolean anchor) {
        public Entry {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(password, "password");
            if (file.isEmpty() && sha256.isEmpty()) {
                throw new IllegalArgumentException("a manifest entry needs 'file' or 'sha256'");
            }
            sha256 = sha256.map(s -> s.replace(":", "").toUpperCase(Locale.ROOT));
        }
    }

    public TrustManifest {
        entries = List.copyOf(entries);
    }

    /** The manifest in the folder, or the built-in Vietnamese one when the folder has none. */
    public static TrustManifest forFolder(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                return parse(in, file.toString());
            }
        }
        try (InputStream in = TrustManifest.class.getResourceAsStream(BUILT_IN_VIETNAM)) {
            return parse(Objects.requireNonNull(in, BUILT_IN_VIETNAM), BUILT_IN_VIETNAM);
        }
    }

    static TrustManifest parse(InputStream in, String where) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        List<Entry> entries = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("entries");
        if (list == null || !list.isArray()) {
            throw new IOException(where + ": expected a list 'entries'");
        }
        for (JsonNode node : list) {
            try {
                entries.add(new Entry(text(node, "file"), text(node, "sha256"),
                        AnchorFamily.fromManifestName(text(node, "family")
                                .orElseThrow(() -> new IllegalArgumentException("missing 'family'"))),
                        text(node, "password"), node.path("anchor").asBoolean(false)));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": entry " + node + ": " + e.getMessage(), e);
            }
        }
        return new TrustManifest(entries);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /** The entry tagging this certificate: by fingerprint first (more precise), then by file name. */
    public Optional<Entry> entryFor(String fileName, String sha256) {
        Optional<Entry> byFingerprint = entries.stream()
                .filter(e -> e.sha256().map(sha256::equalsIgnoreCase).orElse(false)).findFirst();
        if (byFingerprint.isPresent()) {
            return byFingerprint;
        }
        return entries.stream().filter(e -> e.file().map(fileName::equals).orElse(false)).findFirst();
    }

    public Optional<String> passwordFor(String fileName) {
        return entries.stream().filter(e -> e.file().map(fileName::equals).orElse(false))
                .flatMap(e -> e.password().stream()).findFirst();
    }

    public Map<String, Entry> byFile() {
        return entries.stream().filter(e -> e.file().isPresent())
                .collect(java.util.stream.Collectors.toMap(e -> e.file().get(), e -> e, (a, b) -> a));
    }
}
