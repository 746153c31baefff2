package vn.mailgw.validation.signature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.PAdESUtils;
import eu.europa.esig.dss.pades.validation.ByteRange;
import eu.europa.esig.dss.pades.validation.PdfByteRangeDocument;
import eu.europa.esig.dss.pades.validation.PdfRevision;
import eu.europa.esig.dss.pades.validation.PdfSignatureDictionary;
import eu.europa.esig.dss.pades.validation.PdfSignatureField;
import eu.europa.esig.dss.pades.validation.dss.PdfCompositeDssDictionary;
import eu.europa.esig.dss.pdf.PDFServiceMode;
import eu.europa.esig.dss.pdf.PdfCMSRevision;
import eu.europa.esig.dss.pdf.PdfDocDssRevision;
import eu.europa.esig.dss.pdf.PdfDocTimestampRevision;
import eu.europa.esig.dss.pdf.PdfDocumentReader;
import eu.europa.esig.dss.pdf.PdfDssDict;
import eu.europa.esig.dss.pdf.PdfSignatureDictionaryComparator;
import eu.europa.esig.dss.pdf.PdfSignatureRevision;
import eu.europa.esig.dss.pdf.modifications.PdfModificationDetection;
import eu.europa.esig.dss.pdf.modifications.PdfObjectModifications;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxSignatureService;
import eu.europa.esig.dss.pdf.pdfbox.visible.defaultdrawer.PdfBoxDefaultSignatureDrawerFactory;
import eu.europa.esig.dss.spi.DSSUtils;

/**
 * DSS's PDFBox signature service with our own way of listing the document's revisions, the first
 * step of every PAdES validation. DSS 6.4 starts it with {@code PAdESUtils.extractRevisions}, a
 * byte-by-byte scan of the whole file for {@code %%EOF} that copies a buffer on every byte (70–85%
 * of our validation time at 1–10 MB) and that no setting turns off. This produces the same revisions
 * for DSS (signature and timestamp revisions newest first, each with its signed content, the revision
 * before it and the DSS dictionary history) and finds each "revision before" with
 * {@link PdfRevisionFinder} near the signature instead.
 *
 * <p>Modification detection ({@link #analyzePdfModifications}) is skipped where there is nothing to
 * compare: a signature that covers the whole file.
 *
 * <p>It also skips two things DSS does there that change no answer of ours: a re-parse of the
 * signed revision when the signature covers the whole file (the reader of the whole file is that
 * revision), and DSS's signature-dictionary consistency check, which only logs a warning (our
 * {@link PdfRevisionAnalyzer} fails a signature whose dictionary an update rewrote).
 */
final class RevisionListingSignatureService extends PdfBoxSignatureService {

    private static final Logger LOG = LoggerFactory.getLogger(RevisionListingSignatureService.class);

    RevisionListingSignatureService() {
        super(PDFServiceMode.SIGNATURE, new PdfBoxDefaultSignatureDrawerFactory());
    }

    @Override
    public List<PdfRevision> getRevisions(DSSDocument document, char[] password) {
        byte[] bytes = document instanceof InMemoryDocument memory ? memory.getBytes() : DSSUtils.toByteArray(document);
        List<PdfRevision> revisions = new ArrayList<>();
        try (PdfDocumentReader reader = loadPdfDocumentReader(document, password)) {
            DssHistory history = new DssHistory(reader.getDSSDictionary(), revisions);
            List<Map.Entry<PdfSignatureDictionary, List<PdfSignatureField>>> signatures = newestFirst(reader.extractSigDictionaries());
            for (int i = 0; i < signatures.size(); i++) {
                Map.Entry<PdfSignatureDictionary, List<PdfSignatureField>> entry = signatures.get(i);
                try {
                    addRevision(document, bytes, password, reader, entry.getKey(), entry.getValue(), history,
                            i == signatures.size() - 1);
                } catch (Exception e) {
                    // As DSS does: one unreadable signature entry must not hide the others.
                    LOG.warn("signature {} cannot be read: {}", names(entry.getValue()), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new DSSException("the document " + document.getName() + " cannot be read as PDF: " + e.getMessage(), e);
        }
        return revisions;
    }

    private void addRevision(DSSDocument document, byte[] bytes, char[] password, PdfDocumentReader wholeFile,
                             PdfSignatureDictionary signature, List<PdfSignatureField> fields, DssHistory history,
                             boolean oldest) {
        ByteRange byteRange = signature.getByteRange();
        byteRange.setValid(validateByteRange(byteRange, document, signature.getContents())
                && withinFile(byteRange, bytes.length));
        DSSDocument signedContent = byteRange.isValid() ? new PdfByteRangeDocument(document, byteRange)
                : InMemoryDocument.createEmptyDocument();
        boolean coversWholeFile = wholeFile.isSignatureCoversWholeDocument(signature);

        // The signed revision: DSS checks the signature dictionary against its signed version (a later rewrite makes
        // it inconsistent, FORMAT_FAILURE) and takes its DSS dictionary (later validation data form DSS revisions).
        if (signedRevisionIsWholeFile(byteRange, document)) {
            signature.checkConsistency(signature); // the signed revision is the whole file: same dictionary
            history.reached(new DssDictionary(wholeFile.getDSSDictionary()));
        } else {
            try (PdfDocumentReader signedRevision = loadPdfDocumentReader(
                    PAdESUtils.getRevisionContent(document, byteRange), password)) {
                signature.checkConsistency(sameFields(signedRevision, fields));
                history.reached(new DssDictionary(signedRevision.getDSSDictionary()));
            } catch (Exception e) {
                LOG.debug("signed revision of {} cannot be read: {}", names(fields), e.getMessage());
            }
        }

        DSSDocument previousRevision = PdfRevisionFinder.previousRevision(document, bytes, byteRange);
        PdfCMSRevision revision = null;
        if (isDocTimestamp(signature)) {
            revision = new PdfDocTimestampRevision(signature, fields, signedContent, previousRevision, coversWholeFile);
        } else if (isSignature(signature)) {
            revision = new PdfSignatureRevision(signature, history.composite, history.hasDssRevisions() ? history.finalDss : null,
                    fields, signedContent, previousRevision, coversWholeFile);
        } else {
            LOG.warn("signature entry {} skipped: /Type {} with /SubFilter {} is neither a signature nor a document timestamp",
                    names(fields), signature.getType(), signature.getSubFilter());
        }
        if (revision != null) {
            history.revisions.add(revision);
        }
        // The revision before only matters if its DSS dictionary can end a DSS revision: not when no DSS dictionary
        // is pending and no older signature follows (the usual single signature), which saves parsing it again.
        if (!oldest || history.pending()) {
            dssDictionaryOf(previousRevision, password).ifPresent(history::reached);
        }
    }

    /**
     * DSS's modification detection compares the signed revision with the final file object by object
     * (after parsing the signed revision once more). When the signature covers the whole file the two are
     * the same bytes, so there are no page differences and no object modifications, and the comparison is
     * skipped; annotation overlaps are a property of the final file and are still computed (the policy
     * fails them). Signatures followed by updates get DSS's full detection, as before.
     */
    @Override
    protected void analyzePdfModifications(DSSDocument document, PdfCMSRevision revision, PdfDocumentReader finalRevision,
                                           char[] password) throws IOException {
        if (!signedRevisionIsWholeFile(revision.getByteRange(), document)) {
            super.analyzePdfModifications(document, revision, finalRevision, password);
            return;
        }
        PdfModificationDetection detection = new PdfModificationDetection();
        detection.setAnnotationOverlaps(pdfDifferencesFinder.getAnnotationOverlaps(finalRevision));
        detection.setPageDifferences(List.of());
        detection.setVisualDifferences(List.of());
        detection.setObjectModifications(new PdfObjectModifications());
        revision.setModificationDetection(detection);
    }

    /** DSS's signed revision is bytes [ByteRange[0], [2] + [3]): the whole file when that starts at 0 and ends at its end. */
    private static boolean signedRevisionIsWholeFile(ByteRange range, DSSDocument document) {
        return range != null && range.getFirstPartStart() == 0
                && (long) range.getSecondPartStart() + range.getSecondPartEnd() == lengthOf(document);
    }

    private static long lengthOf(DSSDocument document) {
        return document instanceof InMemoryDocument memory ? memory.getBytes().length : DSSUtils.getFileByteSize(document);
    }

    /**
     * The revision, read: present with its DSS dictionary (null when it has none); empty when it cannot be
     * read (an empty "revision before" the first signature), which, as in DSS, ends no DSS revision.
     */
    private Optional<DssDictionary> dssDictionaryOf(DSSDocument revision, char[] password) {
        try (PdfDocumentReader reader = loadPdfDocumentReader(revision, password)) {
            return Optional.of(new DssDictionary(reader.getDSSDictionary()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** A revision's DSS dictionary, possibly null. */
    private record DssDictionary(PdfDssDict value) {}

    /** The signature dictionary of the same fields in an earlier revision; null when there is none. */
    private static PdfSignatureDictionary sameFields(PdfDocumentReader revision, List<PdfSignatureField> fields)
            throws IOException {
        List<String> wanted = names(fields);
        for (Map.Entry<PdfSignatureDictionary, List<PdfSignatureField>> entry : revision.extractSigDictionaries().entrySet()) {
            if (wanted.equals(names(entry.getValue()))) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** Both signed parts lie inside the file (a /ByteRange pointing past the end signs less than it claims). */
    private static boolean withinFile(ByteRange range, long fileLength) {
        return (long) range.getFirstPartStart() + range.getFirstPartEnd() <= fileLength
                && (long) range.getSecondPartStart() + range.getSecondPartEnd() <= fileLength;
    }

    private static List<Map.Entry<PdfSignatureDictionary, List<PdfSignatureField>>> newestFirst(
            Map<PdfSignatureDictionary, List<PdfSignatureField>> signatures) {
        List<Map.Entry<PdfSignatureDictionary, List<PdfSignatureField>>> sorted = new ArrayList<>(signatures.entrySet());
        sorted.sort(Map.Entry.<PdfSignatureDictionary, List<PdfSignatureField>>comparingByKey(
                new PdfSignatureDictionaryComparator()).reversed());
        return sorted;
    }

    private static List<String> names(List<PdfSignatureField> fields) {
        return fields.stream().map(PdfSignatureField::getFieldName).toList();
    }

    /**
     * Walking from the newest revision back: whenever the DSS dictionary differs from the one seen
     * after it, the later one was added by an update of its own (LTV data) and becomes a DSS revision.
     */
    private static final class DssHistory {
        final PdfCompositeDssDictionary composite = new PdfCompositeDssDictionary();
        final PdfDssDict finalDss;
        final List<PdfRevision> revisions;
        private PdfDssDict newerDss;

        DssHistory(PdfDssDict finalDss, List<PdfRevision> revisions) {
            this.finalDss = finalDss;
            this.newerDss = finalDss;
            this.revisions = revisions;
            composite.populateFromDssDictionary(finalDss);
        }

        void reached(DssDictionary older) {
            if (newerDss != null && !newerDss.equals(older.value())) {
                composite.populateFromDssDictionary(newerDss);
                revisions.add(new PdfDocDssRevision(composite, newerDss));
            }
            newerDss = older.value();
        }

        /** Whether a DSS dictionary seen so far could still turn out to be a later update (a DSS revision). */
        boolean pending() {
            return newerDss != null;
        }

        boolean hasDssRevisions() {
            return revisions.stream().anyMatch(PdfDocDssRevision.class::isInstance);
        }
    }
}
