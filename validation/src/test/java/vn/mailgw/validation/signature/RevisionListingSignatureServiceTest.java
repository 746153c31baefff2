package vn.mailgw.validation.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.validation.PdfRevision;
import eu.europa.esig.dss.pdf.PDFServiceMode;
import eu.europa.esig.dss.pdf.PdfCMSRevision;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxSignatureService;
import eu.europa.esig.dss.pdf.pdfbox.visible.defaultdrawer.PdfBoxDefaultSignatureDrawerFactory;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.diagnostic.PDFRevisionWrapper;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.pdf.modifications.DefaultPdfDifferencesFinder;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.validation.reports.Reports;

/**
 * Our revision listing must hand DSS what its own (slow) listing does: over every real file of the
 * corpus (multiple signatures, document timestamps, LTV validation data, shadow attacks, a broken
 * CMS), the same revisions in the same order, with the same byte ranges, validity, consistency of the
 * signature dictionary, coverage and "revision before".
 */
class RevisionListingSignatureServiceTest {

    static List<CorpusFiles.Row> corpus() throws IOException {
        return CorpusFiles.manifest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void sameRevisionsAsDss(CorpusFiles.Row row) throws IOException {
        byte[] pdf = CorpusFiles.read(row.file());
        List<String> dss;
        try {
            dss = describe(new PdfBoxSignatureService(PDFServiceMode.SIGNATURE, new PdfBoxDefaultSignatureDrawerFactory())
                    .getRevisions(new InMemoryDocument(pdf, row.file()), null));
        } catch (RuntimeException e) {
            dss = List.of("fails: " + e.getClass().getSimpleName());
        }
        List<String> ours;
        try {
            ours = describe(new RevisionListingSignatureService().getRevisions(new InMemoryDocument(pdf, row.file()), null));
        } catch (RuntimeException e) {
            ours = List.of("fails: " + e.getClass().getSimpleName());
        }
        assertEquals(dss, ours);
    }

    /**
     * The whole DSS validation with our service gives what it gives with DSS's own (both without page
     * rendering): per signature the same indication, the same modification findings (annotation overlaps,
     * page differences, object changes) and the same byte range and dictionary checks.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void sameValidationAsDssOwnService(CorpusFiles.Row row) throws IOException {
        byte[] pdf = CorpusFiles.read(row.file());
        PdfBoxDefaultObjectFactory stock = new PdfBoxDefaultObjectFactory();
        DefaultPdfDifferencesFinder noRendering = new DefaultPdfDifferencesFinder();
        noRendering.setMaximalPagesAmountForVisualComparison(0);
        stock.setPdfDifferencesFinder(noRendering);
        DssSetup setup = new DssSetup(ValidationConfig.offline(), java.time.Clock.systemUTC());
        List<String> expected = validation(pdf, row.file(), stock, setup);
        if (!row.integrity().equals("broken")) {
            assertFalse(expected.isEmpty() || expected.get(0).startsWith("fails"), "DSS validates " + row + ": " + expected);
        }
        assertEquals(expected, validation(pdf, row.file(), setup.pdfObjFactory(), setup));
    }

    private static List<String> validation(byte[] pdf, String name, eu.europa.esig.dss.pdf.IPdfObjFactory factory,
                                           DssSetup setup) {
        List<String> lines = new ArrayList<>();
        try {
            PDFDocumentValidator validator = new PDFDocumentValidator(new InMemoryDocument(pdf, name));
            validator.setPdfObjFactory(factory);
            validator.setCertificateVerifier(setup.verifierFor(CorpusFiles.embeddedRoots(pdf, name)));
            validator.setValidationTime(java.util.Date.from(java.time.Instant.parse("2026-11-22T00:00:00Z")));
            Reports reports = validator.validateDocument(setup.policy());
            for (SignatureWrapper signature : reports.getDiagnosticData().getSignatures()) {
                PDFRevisionWrapper revision = signature.getPDFRevision();
                lines.add(signature.getId() + " " + reports.getSimpleReport().getIndication(signature.getId())
                        + "/" + reports.getSimpleReport().getSubIndication(signature.getId())
                        + (revision == null ? " no revision" : " overlaps=" + revision.getPdfAnnotationsOverlapConcernedPages()
                        + " pages=" + revision.getPdfPageDifferenceConcernedPages()
                        + " objects=" + revision.arePdfObjectModificationsDetected()
                        + " undefined=" + revision.getPdfUndefinedChanges().size()
                        + " annotations=" + revision.getPdfAnnotationChanges().size()
                        + " fills=" + revision.getPdfSignatureOrFormFillChanges().size()
                        + " range=" + revision.getSignatureByteRange() + " rangeValid=" + revision.isSignatureByteRangeValid()
                        + " consistent=" + revision.isPdfSignatureDictionaryConsistent()));
            }
        } catch (RuntimeException e) {
            lines.add("fails: " + e.getClass().getSimpleName());
        }
        return lines;
    }

    @Test
    void revisionBeforeIsTheLastEofBeforeTheSignature() {
        byte[] pdf = "%PDF-1.7\n1 0 obj\n%%EOF\r\n2 0 obj /Contents <00> %%EOF\n3 0 obj\n%%EOF".getBytes(StandardCharsets.US_ASCII);
        int contents = indexOf(pdf, "<00>");
        assertEquals(indexOf(pdf, "2 0 obj"), PdfRevisionFinder.lastRevisionEndBefore(pdf, contents),
                "end of the first revision, after its CR LF");
        assertEquals(-1, PdfRevisionFinder.lastRevisionEndBefore(pdf, indexOf(pdf, "%%EOF")), "nothing before the first");
        assertEquals(pdf.length, PdfRevisionFinder.lastRevisionEndBefore(pdf, pdf.length + 1), "the whole file");
    }

    @Test
    void markerSearchFindsExactlyWhatAByteLoopFinds() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] data = new byte[random.nextInt(100)];
            for (int i = 0; i < data.length; i++) {
                int pick = random.nextInt(20);
                data[i] = pick == 0 ? (byte) '/' : pick == 1 ? (byte) '%' : (byte) random.nextInt(256);
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '/' || data[i] == '%') {
                    expected.add(i);
                }
            }
            List<Integer> found = new ArrayList<>();
            for (int i = PdfPreflight.nextMarker(data, 0); i >= 0; i = PdfPreflight.nextMarker(data, i + 1)) {
                found.add(i);
            }
            assertEquals(expected, found);
        }
        assertFalse(PdfPreflight.nextMarker(new byte[64], 0) >= 0);
        assertTrue(PdfPreflight.nextMarker("abcdefghijklmnop%".getBytes(StandardCharsets.US_ASCII), 0) == 16);
    }

    private static List<String> describe(List<PdfRevision> revisions) {
        List<String> lines = new ArrayList<>();
        for (PdfRevision revision : revisions) {
            StringBuilder line = new StringBuilder(revision.getClass().getSimpleName());
            if (revision instanceof PdfCMSRevision cms) {
                line.append(" fields=").append(cms.getFields().stream().map(f -> f.getFieldName()).toList())
                        .append(" range=").append(cms.getByteRange()).append(" valid=").append(cms.getByteRange().isValid())
                        .append(" consistent=").append(cms.getPdfSigDictInfo().isConsistent())
                        .append(" whole=").append(cms.areAllOriginalBytesCovered())
                        .append(" signed=").append(length(cms.getSignedData()))
                        .append(" before=").append(length(cms.getPreviousRevision()));
            } else {
                line.append(" dss=").append(revision instanceof eu.europa.esig.dss.pdf.PdfDocDssRevision d
                        && d.getDssDictionary() != null);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static long length(DSSDocument document) {
        return document == null ? -1 : DSSUtils.getFileByteSize(document);
    }

    private static int indexOf(byte[] data, String token) {
        return new String(data, StandardCharsets.ISO_8859_1).indexOf(token);
    }
}
