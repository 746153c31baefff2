package vn.mailgw.validation.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Loads the policy profiles shipped as YAML resources; unknown keys and missing articles stop loading. */
public final class ProfileLoader {

    public static final List<String> NAMES = List.of("tuyenquang-2013", "daknong-2012", "sonla-2025", "sonla-2005",
            "cantho-2005");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private ProfileLoader() {}

    public static Profile load(ProfileConfig config) {
        return load(config.name());
    }

    public static Profile load(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown profile " + name + "; known: " + NAMES);
        }
        String resource = "/vn/mailgw/validation/policy/" + name + ".yaml";
        try (InputStream in = ProfileLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("profile resource missing: " + resource);
            }
            Profile p = YAML.readValue(in, Profile.class);
            if (!p.name().equals(name)) {
                throw new IllegalStateException(resource + " declares name " + p.name());
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profile " + resource, e);
        }
    }
}
