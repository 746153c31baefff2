package vn.mailgw.trust.anchors;

/**
 * Which part of Vietnam's signature infrastructure a trusted certificate belongs to. The family
 * is data (the trust folder's manifest), never inferred in code, because it decides whether a
 * signature counts as issued by "a CA lawful in Vietnam" (tuyenquang-2013 Art 7.2(b)).
 */
public enum AnchorFamily {
    /** Vietnam National Root CA (NEAC) and what it certifies directly. */
    NATIONAL_ROOT("national-root"),
    /** Government specialised CA (Ban Cơ yếu Chính phủ): official-duty certificates of state agencies. */
    GOVERNMENT("government"),
    /** A licensed public CA (VNPT-CA, Viettel-CA, ...), under the National Root. */
    PUBLIC_LICENSED("public-licensed"),
    /** Test or demo CAs: never lawful, tests and the demo province only. */
    TEST("test");

    private final String manifestName;

    AnchorFamily(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The spelling used in manifests and listings, e.g. {@code national-root}. */
    public String manifestName() {
        return manifestName;
    }

    public static AnchorFamily fromManifestName(String name) {
        for (AnchorFamily family : values()) {
            if (family.manifestName.equalsIgnoreCase(name.trim())) {
                return family;
            }
        }
        throw new IllegalArgumentException("unknown anchor family '" + name
                + "' (expected national-root, government, public-licensed or test)");
    }
}
