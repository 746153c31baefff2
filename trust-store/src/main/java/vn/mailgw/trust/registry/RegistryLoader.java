package vn.mailgw.trust.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an agency registry from YAML and lints it. Format:
 * <pre>
 * agencies:
 *   - address: skhcn@sonla.gov.vn
 *     name: Sở Khoa học và Công nghệ
 *     abbreviation: skhcn
 *     province: Sơn La
 *     kind: unit            # unit | sub-unit | commune | distribution-list | personal
 *     parent: ubnd@sonla.gov.vn   # optional
 *     publishedOnPortal: true
 *     identity: { mst: [..], mns: [..], organization: [..], email: [..] }
 * </pre>
 * Unknown keys are errors (a typo must not silently drop an identity rule).
 */
public final class RegistryLoader {

    private static final Set<String> ENTRY_KEYS = Set.of("address", "name", "abbreviation", "province", "kind",
            "parent", "publishedOnPortal", "identity");
    private static final Set<String> IDENTITY_KEYS = Set.of("mst", "mns", "organization", "email");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** Outcome of reading a file: the usable entries and every problem found. */
    public record Lint(AgencyRegistry registry, List<RegistryProblem> problems) {
        public Lint {
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(p -> p.severity() == RegistryProblem.Severity.ERROR);
        }
    }

    /** Loads a registry for service use: any error makes it fail, with all problems in the message. */
    public AgencyRegistry load(Path file) throws IOException {
        Lint lint = lint(file, Optional.empty());
        if (lint.hasErrors()) {
            StringBuilder sb = new StringBuilder("agency registry " + file + " has errors:");
            lint.problems().stream().filter(p -> p.severity() == RegistryProblem.Severity.ERROR)
                    .forEach(p -> sb.append("\n  ").append(p.toLine()));
            throw new IOException(sb.toString());
        }
        return lint.registry();
    }

    public Lint lint(Path file, Optional<String> profile) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return lint(in, profile);
        }
    }

    /** Reads and checks a registry; with a profile, also the address formats of that regulation. */
    public Lint lint(InputStream in, Optional<String> profile) throws IOException {
        List<RegistryProblem> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = yaml.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(fileError("YAML_SYNTAX", "Tệp không đúng cú pháp YAML: " + e.getOriginalMessage(),
                    "The file is not valid YAML: " + e.getOriginalMessage()));
            return new Lint(AgencyRegistry.EMPTY, problems);
        }
        JsonNode list = root == null ? null : root.get("agencies");
        if (list == null || !list.isArray()) {
            problems.add(fileError("NO_AGENCIES", "Thiếu danh sách \"agencies\".", "The \"agencies\" list is missing."));
            return new Lint(AgencyRegistry.EMPTY, problems);
        }
        List<AgencyEntry> entries = new ArrayList<>();
        List<String> rawAddresses = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode node : list) {
            parseEntry(node, problems).ifPresent(entry -> {
                if (!seen.add(entry.address())) {
                    problems.add(new RegistryProblem(entry.address(), "DUPLICATE_ADDRESS", "daknong-2012 Art 3.5",
                            RegistryProblem.Severity.ERROR, "Địa chỉ thư bị trùng.", "The address appears twice."));
                } else {
                    entries.add(entry);
                    rawAddresses.add(node.path("address").asText());
                }
            });
        }
        AgencyRegistry registry = new AgencyRegistry(entries);
        for (AgencyEntry e : entries) {
            e.parent().filter(p -> registry.lookup(p).isEmpty()).ifPresent(p -> problems.add(new RegistryProblem(
                    e.address(), "UNKNOWN_PARENT", "", RegistryProblem.Severity.ERROR,
                    "Cơ quan cấp trên " + p + " không có trong danh sách.", "Parent " + p + " is not in the registry.")));
            if ((e.kind() == AgencyKind.UNIT || e.kind() == AgencyKind.COMMUNE) && e.identity().isEmpty()) {
                problems.add(new RegistryProblem(e.address(), "NO_CERTIFICATE_IDENTITY", "tuyenquang-2013 Art 7.2(c)",
                        RegistryProblem.Severity.WARNING,
                        "Chưa khai báo MST/MNS/tên tổ chức/e-mail trong chứng thư số: không thể xác định văn bản do cơ quan này ký.",
                        "No MST/MNS/organisation/e-mail given: documents signed by this agency cannot be bound to it."));
            }
        }
        profile.ifPresent(p -> checkFormats(p, entries, rawAddresses, registry, problems));
        return new Lint(registry, problems);
    }

    private void checkFormats(String profile, List<AgencyEntry> entries, List<String> raw, AgencyRegistry registry,
                              List<RegistryProblem> problems) {
        Optional<AddressFormatRules> rules = AddressFormatRules.forProfile(profile);
        if (rules.isEmpty()) {
            problems.add(fileError("UNKNOWN_PROFILE", "Không có quy chế tên \"" + profile + "\"; dùng một trong "
                    + AddressFormatRules.profiles(), "Unknown profile \"" + profile + "\"; use one of "
                    + AddressFormatRules.profiles()));
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            AgencyEntry e = entries.get(i);
            Optional<String> parentLocal = e.parent().flatMap(registry::lookup).map(AgencyEntry::localPart);
            problems.addAll(rules.get().check(raw.get(i), e.kind(), parentLocal));
        }
    }

    private Optional<AgencyEntry> parseEntry(JsonNode node, List<RegistryProblem> problems) {
        String address = node.path("address").asText("");
        int before = problems.size();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ENTRY_KEYS.contains(key)) {
                problems.add(entryError(address, "UNKNOWN_KEY", "Khóa không hợp lệ: \"" + key + "\".",
                        "Unknown key \"" + key + "\"."));
            }
        }
        Optional<AgencyKind> kind = parseKind(node.path("kind").asText(""));
        if (kind.isEmpty()) {
            problems.add(entryError(address, "BAD_KIND", "\"kind\" phải là unit, sub-unit, commune, distribution-list hoặc personal.",
                    "\"kind\" must be unit, sub-unit, commune, distribution-list or personal."));
        }
        JsonNode id = node.path("identity");
        for (Iterator<String> it = id.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!IDENTITY_KEYS.contains(key)) {
                problems.add(entryError(address, "UNKNOWN_KEY", "Khóa không hợp lệ trong identity: \"" + key + "\".",
                        "Unknown key in identity: \"" + key + "\"."));
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            String parent = node.path("parent").asText("");
            return Optional.of(new AgencyEntry(address, node.path("name").asText(""),
                    node.path("abbreviation").asText(""), parent.isBlank() ? Optional.empty() : Optional.of(parent),
                    node.path("province").asText(""), kind.get(), node.path("publishedOnPortal").asBoolean(false),
                    new CertificateIdentity(strings(id.path("mst")), strings(id.path("mns")),
                            strings(id.path("organization")), strings(id.path("email")))));
        } catch (IllegalArgumentException e) {
            problems.add(entryError(address, "BAD_ENTRY", "Mục không hợp lệ: " + e.getMessage(),
                    "Invalid entry: " + e.getMessage()));
            return Optional.empty();
        }
    }

    static Optional<AgencyKind> parseKind(String text) {
        String norm = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (AgencyKind k : AgencyKind.values()) {
            if (k.name().equals(norm)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else if (node.isValueNode()) {
            values.add(node.asText());
        }
        return values;
    }

    private static RegistryProblem fileError(String code, String vi, String en) {
        return new RegistryProblem("", code, "", RegistryProblem.Severity.ERROR, vi, en);
    }

    private static RegistryProblem entryError(String address, String code, String vi, String en) {
        return new RegistryProblem(address, code, "", RegistryProblem.Severity.ERROR, vi, en);
    }
}
