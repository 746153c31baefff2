package vn.mailgw.gateway.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import picocli.CommandLine.Option;
import vn.mailgw.gateway.audit.AuditQuery;
import vn.mailgw.gateway.audit.PageCursor;
import vn.mailgw.gateway.audit.RecordKind;

/** The search filters shared by {@code audit search} and {@code audit export} (same meaning as on the web page). */
public final class AuditFilterOptions {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Option(names = "--from", paramLabel = "DAY", description = "first day (yyyy-MM-dd, Vietnam time)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DAY", description = "last day, inclusive (yyyy-MM-dd)")
    LocalDate to;

    @Option(names = "--sender", description = "envelope sender or header From")
    String sender;

    @Option(names = "--recipient", description = "one of the recipients")
    String recipient;

    @Option(names = "--agency", description = "the sending agency")
    String agency;

    @Option(names = "--verdict", description = "PAPER_EQUIVALENT, NOT_PAPER_EQUIVALENT, INDETERMINATE, NOT_A_DOCUMENT, REFUSED")
    String verdict;

    @Option(names = "--type", description = "document type (e.g. QĐ, TB, GM)")
    String type;

    @Option(names = "--text", description = "free text (ids, addresses, file names, hashes, signers, reasons, errors)")
    String text;

    @Option(names = "--kind", description = "MESSAGE or DOCUMENT")
    RecordKind kind;

    AuditQuery query(int limit, PageCursor after) {
        Instant start = from == null ? null : from.atStartOfDay(VIETNAM).toInstant();
        Instant end = to == null ? null : to.plusDays(1).atStartOfDay(VIETNAM).toInstant();
        return new AuditQuery(start, end, sender, recipient, agency, verdict, type, text, kind, limit, 0, after);
    }
}
