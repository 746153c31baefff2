package vn.mailgw.validation.signature;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * DSS's machine-readable reports for one document, for attaching to a stamp or the audit log.
 * Marshalling the XML costs more than some validations, so it happens on first request and is kept.
 */
public final class MachineReport {

    private final Supplier<String> simpleReport;
    private final Supplier<String> detailedReport;
    private volatile String simpleXml;
    private volatile String detailedXml;

    public MachineReport(Supplier<String> simpleReport, Supplier<String> detailedReport) {
        this.simpleReport = Objects.requireNonNull(simpleReport, "simpleReport");
        this.detailedReport = Objects.requireNonNull(detailedReport, "detailedReport");
    }

    /** ETSI/DSS simple report XML. */
    public String simpleReportXml() {
        String xml = simpleXml;
        if (xml == null) {
            xml = simpleReport.get();
            simpleXml = xml;
        }
        return xml;
    }

    /** DSS detailed report XML (every check of the validation policy). */
    public String detailedReportXml() {
        String xml = detailedXml;
        if (xml == null) {
            xml = detailedReport.get();
            detailedXml = xml;
        }
        return xml;
    }

    /** For documents DSS never saw (unreadable, over budget): nothing to attach. */
    public static MachineReport none() {
        return new MachineReport(() -> "", () -> "");
    }
}
