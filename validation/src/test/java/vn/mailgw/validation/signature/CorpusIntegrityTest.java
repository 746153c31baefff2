package vn.mailgw.validation.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule over every row of ../shared/corpus/signed-pdf/manifest.csv (read at run time,
 * so new rows are tested without code changes), each file's own embedded root trusted:
 * tampered and modified files are not valid and a reason names the change; intact files pass
 * integrity (their outcome may still fail for other reasons, which are then not integrity
 * reasons); the broken file gets a clear reason.
 */
class CorpusIntegrityTest {

    private static SignatureValidator validator;

    @BeforeAll
    static void createValidator() {
        validator = new SignatureValidator(ValidationConfig.offline());
    }

    static List<CorpusFiles.Row> rows() throws Exception {
        return CorpusFiles.manifest();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("rows")
    void validateShouldEnforceStrictIntegrityWhenCorpusFileValidated(CorpusFiles.Row row) throws Exception {
        byte[] pdf = CorpusFiles.read(row.file());
        DocumentValidationReport report = validator.validate(pdf, row.file(), CorpusFiles.embeddedRoots(pdf, row.file()),
                Instant.now());
        String described = describe(report);

        switch (row.integrity()) {
            case "intact" -> {
                assertThat(report).as(described).isInstanceOf(DocumentValidationReport.Signed.class);
                assertThat(report.signatures()).as(described).allSatisfy(s ->
                        assertThat(s.integrityIntact()).as(described).isTrue());
            }
            case "modified", "tampered" -> {
                assertThat(report.isValid()).as(described).isFalse();
                assertThat(report).as(described).isInstanceOf(DocumentValidationReport.Signed.class);
                assertThat(report.signatures()).as(described).anySatisfy(s -> {
                    assertThat(s.isValid()).isFalse();
                    assertThat(s.integrityIntact()).isFalse();
                });
            }
            case "broken" -> {
                assertThat(report.isValid()).as(described).isFalse();
                boolean clear = report instanceof DocumentValidationReport.Unreadable u
                        ? u.reason().code() == ReasonCode.SIGNATURE_UNREADABLE
                        : report.signatures().stream().anyMatch(s -> s.has(ReasonCode.SIGNATURE_UNREADABLE)
                                || s.has(ReasonCode.SIGNATURE_INVALID));
                assertThat(clear).as(described).isTrue();
            }
            default -> throw new AssertionError("unknown integrity class '" + row.integrity() + "' in manifest: " + row);
        }
    }

    static String describe(DocumentValidationReport report) {
        StringBuilder b = new StringBuilder(report.getClass().getSimpleName()).append(' ').append(report.outcome());
        if (report instanceof DocumentValidationReport.Unreadable u) {
            b.append(' ').append(u.reason());
        }
        for (SignatureResult s : report.signatures()) {
            b.append("\n  ").append(s.id()).append(' ').append(s.outcome()).append(' ').append(s.format())
                    .append(' ').append(s.coverage().describe()).append(' ').append(s.reasons())
                    .append(" changes=").append(s.coverage().changesAfter());
        }
        return b.toString();
    }
}
