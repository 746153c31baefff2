package vn.mailgw.validation.policy;

/**
 * Which regulation the deployment enforces (key {@code profile.name}): one of
 * tuyenquang-2013, daknong-2012, sonla-2025, sonla-2005, cantho-2005.
 */
public record ProfileConfig(String name) {

    public static final String DEFAULT_NAME = "daknong-2012";
    public static final ProfileConfig DEFAULT = new ProfileConfig(DEFAULT_NAME);

    public ProfileConfig {
        if (name == null || !ProfileLoader.NAMES.contains(name)) {
            throw new IllegalArgumentException("profile.name must be one of " + ProfileLoader.NAMES + ", got: " + name);
        }
    }
}
