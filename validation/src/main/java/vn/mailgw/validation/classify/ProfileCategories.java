package vn.mailgw.validation.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The table "document type → category of each regulation", loaded from {@code profile-categories.tsv}
 * next to this class (data, so a new profile is a new block of lines, not new code).
 */
public final class ProfileCategories {

    static final String RESOURCE = "profile-categories.tsv";
    private static final String DRAFT = "DRAFT";
    private static final String REST = "*";

    private final Map<String, Map<DocumentType, ProfileCategory>> byProfile;
    private final Map<String, ProfileCategory> draftByProfile;

    private ProfileCategories(Map<String, Map<DocumentType, ProfileCategory>> byProfile,
                              Map<String, ProfileCategory> draftByProfile) {
        this.byProfile = byProfile;
        this.draftByProfile = draftByProfile;
    }

    /** The table shipped with the module. */
    public static ProfileCategories bundled() {
        try (InputStream in = ProfileCategories.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProfileCategories parse(InputStream in) throws IOException {
        Map<String, Map<DocumentType, ProfileCategory>> byProfile = new HashMap<>();
        Map<String, ProfileCategory> drafts = new HashMap<>();
        Map<String, ProfileCategory> rest = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t");
            if (cells.length != 6) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + ": expected 6 tab-separated cells");
            }
            ProfileCategory category = new ProfileCategory(cells[0], cells[1], cells[2], cells[3], cells[4]);
            Map<DocumentType, ProfileCategory> types = byProfile.computeIfAbsent(cells[0], p -> new EnumMap<>(DocumentType.class));
            for (String member : cells[5].split(",")) {
                member = member.trim();
                if (member.equals(DRAFT)) {
                    drafts.put(cells[0], category);
                } else if (member.equals(REST)) {
                    rest.put(cells[0], category);
                } else if (types.putIfAbsent(DocumentType.valueOf(member), category) != null) {
                    throw new IllegalArgumentException(RESOURCE + " line " + number + ": " + member + " listed twice for " + cells[0]);
                }
            }
        }
        rest.forEach((profile, category) -> {
            for (DocumentType type : DocumentType.values()) {
                if (type != DocumentType.UNDETERMINED) {
                    byProfile.get(profile).putIfAbsent(type, category);
                }
            }
        });
        return new ProfileCategories(Map.copyOf(byProfile), Map.copyOf(drafts));
    }

    public Set<String> profiles() {
        return new TreeSet<>(byProfile.keySet());
    }

    /** The category a document falls in under {@code profile}; empty for an undetermined type. */
    public Optional<ProfileCategory> categoryOf(String profile, DocumentType type, boolean draft) {
        Map<DocumentType, ProfileCategory> types = byProfile.get(profile);
        if (types == null) {
            throw new IllegalArgumentException("unknown profile " + profile + "; known: " + profiles());
        }
        if (type == DocumentType.UNDETERMINED) {
            return Optional.empty();
        }
        if (draft && draftByProfile.containsKey(profile)) {
            return Optional.of(draftByProfile.get(profile));
        }
        return Optional.ofNullable(types.get(type));
    }

    /** Every category of a profile, in table order, for documentation and the auditor page. */
    public List<ProfileCategory> categories(String profile) {
        List<ProfileCategory> out = new ArrayList<>();
        for (ProfileCategory c : byProfile.getOrDefault(profile, Map.of()).values()) {
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
