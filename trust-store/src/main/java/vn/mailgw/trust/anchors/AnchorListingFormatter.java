package vn.mailgw.trust.anchors;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The {@code trust list} output: one block per certificate, then the warnings. Vietnamese with English alongside. */
public final class AnchorListingFormatter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private AnchorListingFormatter() {}

    public static String format(TrustSnapshot snapshot, List<AnchorListing.Line> lines) {
        StringBuilder out = new StringBuilder();
        out.append("Kho tin cậy / Trust store: ").append(snapshot.source()).append(" (")
                .append(lines.size()).append(" chứng thư / certificates)\n");
        for (AnchorListing.Line line : lines) {
            TrustedCertificate c = line.certificate();
            out.append('\n').append(c.anchor() ? "[CA gốc / anchor] " : "[CA trung gian / intermediate] ")
                    .append(c.subject()).append('\n');
            out.append("  Nhóm / Family: ").append(c.family().manifestName()).append('\n');
            out.append("  SHA-256: ").append(c.sha256()).append('\n');
            out.append("  Hiệu lực / Valid: ").append(DATE.format(line.notBefore())).append(" → ")
                    .append(DATE.format(line.notAfter())).append("  ").append(statusText(line.status())).append('\n');
            line.issuer().ifPresent(i -> out.append("  Cấp bởi / Issued by: ").append(i.subject()).append('\n'));
            out.append("  Tệp / File: ").append(c.sourceFile()).append('\n');
        }
        List<String> warnings = AnchorListing.warnings(snapshot, lines);
        if (!warnings.isEmpty()) {
            out.append("\nCảnh báo / Warnings:\n");
            warnings.forEach(w -> out.append("  - ").append(w).append('\n'));
        }
        return out.toString();
    }

    static String statusText(AnchorListing.Status status) {
        return switch (status) {
            case OK -> "còn hiệu lực / valid";
            case EXPIRING_SOON -> "SẮP HẾT HẠN / EXPIRING SOON";
            case EXPIRED -> "ĐÃ HẾT HẠN / EXPIRED";
            case NOT_YET_VALID -> "CHƯA CÓ HIỆU LỰC / NOT YET VALID";
        };
    }
}
