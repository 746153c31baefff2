package vn.mailgw.trust.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The official address formats of each regulation (RULES.md §3): sonla-2025 Art 5, daknong-2012 Art 5.1,
 * tuyenquang-2013 Art 4, sonla-2005 Art 4, cantho-2005 Art 4. Each check says in Vietnamese and English
 * what is wrong with an address, so an operator can fix the registry without reading the regulation.
 */
public final class AddressFormatRules {

    private static final Pattern LETTERS = Pattern.compile("[a-z]+");
    private static final Pattern LETTERS_DIGITS = Pattern.compile("[a-z0-9]+");

    private final String profile;
    private final String domain;
    private final String article;

    private AddressFormatRules(String profile, String domain, String article) {
        this.profile = profile;
        this.domain = domain;
        this.article = article;
    }

    /** The rules of one profile; empty for an unknown profile name. */
    public static Optional<AddressFormatRules> forProfile(String profile) {
        return Optional.ofNullable(switch (profile) {
            case "sonla-2025" -> new AddressFormatRules(profile, "sonla.gov.vn", "sonla-2025 Art 5");
            case "sonla-2005" -> new AddressFormatRules(profile, "sonla.gov.vn", "sonla-2005 Art 4");
            case "daknong-2012" -> new AddressFormatRules(profile, "daknong.gov.vn", "daknong-2012 Art 5.1");
            case "tuyenquang-2013" -> new AddressFormatRules(profile, "tuyenquang.gov.vn", "tuyenquang-2013 Art 4");
            case "cantho-2005" -> new AddressFormatRules(profile, "cantho.gov.vn", "cantho-2005 Art 4");
            default -> null;
        });
    }

    public static List<String> profiles() {
        return List.of("sonla-2005", "sonla-2025", "cantho-2005", "tuyenquang-2013", "daknong-2012");
    }

    public String profile() {
        return profile;
    }

    /**
     * Checks one address as written in the registry file (before any lower-casing).
     *
     * @param parentLocalPart local part of the parent entry's address, used for sub-unit/personal suffixes
     */
    public List<RegistryProblem> check(String rawAddress, AgencyKind kind, Optional<String> parentLocalPart) {
        List<RegistryProblem> problems = new ArrayList<>();
        int at = rawAddress.indexOf('@');
        if (at <= 0 || at != rawAddress.lastIndexOf('@')) {
            problems.add(error(rawAddress, "ADDRESS_MALFORMED", "Địa chỉ thư không hợp lệ (phải có đúng một ký tự @).",
                    "Not a valid address (needs exactly one @)."));
            return problems;
        }
        String local = rawAddress.substring(0, at);
        String host = rawAddress.substring(at + 1);
        if (!rawAddress.chars().allMatch(c -> c < 128)) {
            problems.add(error(rawAddress, "ADDRESS_HAS_DIACRITICS",
                    "Địa chỉ thư phải viết không dấu (không dùng chữ tiếng Việt có dấu).",
                    "The address must be written without Vietnamese diacritics."));
        }
        if (!rawAddress.equals(rawAddress.toLowerCase(Locale.ROOT))) {
            problems.add(error(rawAddress, "ADDRESS_NOT_LOWER_CASE", "Địa chỉ thư phải viết chữ thường.",
                    "The address must be lower case."));
        }
        if (!host.equalsIgnoreCase(domain)) {
            problems.add(error(rawAddress, "ADDRESS_WRONG_DOMAIN",
                    "Tên miền phải là @" + domain + " (đang là @" + host + ").",
                    "The domain must be @" + domain + " (found @" + host + ")."));
        }
        if (problems.isEmpty()) {
            checkLocalPart(rawAddress, local, kind, parentLocalPart).ifPresent(problems::add);
        }
        return problems;
    }

    private Optional<RegistryProblem> checkLocalPart(String address, String local, AgencyKind kind,
                                                     Optional<String> parent) {
        return switch (profile) {
            case "sonla-2025" -> sonla2025(address, local, kind, parent);
            case "daknong-2012" -> daknong2012(address, local, kind, parent);
            case "tuyenquang-2013" -> tuyenquang2013(address, local, kind, parent);
            default -> LETTERS_DIGITS.matcher(local.replace(".", "")).matches() ? Optional.empty()
                    : Optional.of(error(address, "ADDRESS_FORMAT", "Tên hộp thư chỉ được gồm chữ cái không dấu, chữ số và dấu chấm.",
                    "The mailbox name may only contain unaccented letters, digits and dots."));
        };
    }

    private Optional<RegistryProblem> sonla2025(String address, String local, AgencyKind kind, Optional<String> parent) {
        return switch (kind) {
            case UNIT, COMMUNE -> whole(address, local, LETTERS, "Art 5.1(a)-(b)",
                    "<tên viết tắt>@sonla.gov.vn: chỉ gồm chữ cái viết liền, không dấu chấm, không chữ số",
                    "<abbreviation>@sonla.gov.vn: letters only, no dots, no digits");
            case SUB_UNIT -> dotted(address, local, LETTERS, parent, "Art 5.1(c)",
                    "<phòng>.<cơ quan>@sonla.gov.vn", "<department>.<unit>@sonla.gov.vn");
            case PERSONAL -> dotted(address, local, Pattern.compile("[a-z]+[0-9]*"), parent, "Art 5.2",
                    "<tên><chữ cái đầu họ và tên đệm>[số].<cơ quan>@sonla.gov.vn",
                    "<given name><initials>[digits].<unit>@sonla.gov.vn");
            case DISTRIBUTION_LIST -> Optional.of(new RegistryProblem(address, "ADDRESS_KIND_NOT_IN_REGULATION",
                    article, RegistryProblem.Severity.WARNING,
                    "Quy chế sonla-2025 Art 5 không quy định định dạng cho danh sách phân phối.",
                    "sonla-2025 Art 5 defines no format for distribution lists."));
        };
    }

    private Optional<RegistryProblem> daknong2012(String address, String local, AgencyKind kind, Optional<String> parent) {
        return switch (kind) {
            case UNIT -> whole(address, local, LETTERS, "Art 5.1", "<cơ quan>@daknong.gov.vn",
                    "<agency>@daknong.gov.vn");
            case COMMUNE -> local.contains(".")
                    ? dotted(address, local, LETTERS, parent, "Art 5.1", "<xã>.<huyện>@daknong.gov.vn",
                    "<commune>.<district>@daknong.gov.vn")
                    : whole(address, local, LETTERS, "Art 5.1", "<huyện>@daknong.gov.vn", "<district>@daknong.gov.vn");
            case SUB_UNIT -> dotted(address, local, LETTERS, parent, "Art 5.1", "<phòng>.<cơ quan>@daknong.gov.vn",
                    "<department>.<agency>@daknong.gov.vn");
            case PERSONAL -> dotted(address, local, LETTERS, parent, "Art 5.1",
                    "<tên><chữ cái đầu họ và tên đệm>[chữ cái].<cơ quan>@daknong.gov.vn",
                    "<name><initials>[letter].<agency>@daknong.gov.vn");
            case DISTRIBUTION_LIST -> local.equals("internal") ? Optional.empty()
                    : dotted(address, local, Pattern.compile("internal"), parent, "Art 5.1",
                    "internal@daknong.gov.vn hoặc internal.<cơ quan>@daknong.gov.vn",
                    "internal@daknong.gov.vn or internal.<agency>@daknong.gov.vn");
        };
    }

    private Optional<RegistryProblem> tuyenquang2013(String address, String local, AgencyKind kind,
                                                     Optional<String> parent) {
        if (kind == AgencyKind.PERSONAL) {
            Optional<RegistryProblem> shape = whole(address, local, LETTERS_DIGITS, "Art 4",
                    "<tên người dùng><tên đơn vị>@tuyenquang.gov.vn", "<user><unit>@tuyenquang.gov.vn");
            if (shape.isPresent()) {
                return shape;
            }
            return parent.filter(p -> !(local.endsWith(p) && local.length() > p.length()))
                    .map(p -> error(address, "ADDRESS_FORMAT",
                            "Hộp thư cá nhân phải có dạng <tên người dùng><tên đơn vị> và kết thúc bằng \"" + p + "\" ("
                                    + article + ").",
                            "A personal mailbox must be <user><unit> and end with \"" + p + "\" (" + article + ")."));
        }
        return whole(address, local, LETTERS_DIGITS, "Art 4", "<tên viết tắt đơn vị>@tuyenquang.gov.vn",
                "<unit abbreviation>@tuyenquang.gov.vn");
    }

    private Optional<RegistryProblem> whole(String address, String local, Pattern allowed, String art, String vi,
                                            String en) {
        if (allowed.matcher(local).matches()) {
            return Optional.empty();
        }
        String cite = profile + " " + art;
        return Optional.of(error(address, "ADDRESS_FORMAT", "Sai định dạng, phải là " + vi + " (" + cite + ").",
                "Wrong format, must be " + en + " (" + cite + ")."));
    }

    private Optional<RegistryProblem> dotted(String address, String local, Pattern head, Optional<String> parent,
                                             String art, String vi, String en) {
        String cite = profile + " " + art;
        int dot = local.indexOf('.');
        if (dot <= 0 || dot != local.lastIndexOf('.') || !head.matcher(local.substring(0, dot)).matches()
                || !LETTERS.matcher(local.substring(dot + 1)).matches()) {
            return Optional.of(error(address, "ADDRESS_FORMAT", "Sai định dạng, phải là " + vi + " (" + cite + ").",
                    "Wrong format, must be " + en + " (" + cite + ")."));
        }
        String suffix = local.substring(dot + 1);
        Function<String, RegistryProblem> mismatch = p -> error(address, "ADDRESS_PARENT_MISMATCH",
                "Phần sau dấu chấm (\"" + suffix + "\") phải là tên hộp thư của cơ quan cấp trên \"" + p + "\" (" + cite + ").",
                "The part after the dot (\"" + suffix + "\") must be the parent agency's mailbox name \"" + p + "\" ("
                        + cite + ").");
        return parent.filter(p -> !p.equals(suffix)).map(mismatch);
    }

    private RegistryProblem error(String address, String code, String vi, String en) {
        return new RegistryProblem(address, code, article, RegistryProblem.Severity.ERROR, vi, en);
    }
}
