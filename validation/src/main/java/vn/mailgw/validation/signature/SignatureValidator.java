package vn.mailgw.validation.signature;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.filetype.FileTypeSniffer;
import vn.mailgw.validation.filetype.PdfFilterChain;
import vn.mailgw.validation.filetype.PdfStructureStreams;

/**
 * Validates the digital signatures of one document: PAdES in a PDF, a detached CAdES .p7s
 * beside the file it signs, the package signatures of an Office Open XML file (Apache POI for the
 * XML-DSig, DSS for the certificate), or a signature container (ASiC, enveloping .p7m, signed
 * OpenDocument; DSS). Thread-safe; create one per process (it holds the DSS policy, the
 * revocation caches and the trust sources) and call {@link #warmUp()} at start-up. Blocking:
 * never call it on an event loop.
 *
 * <p>Each document runs on its own thread under a time budget, at most
 * {@code maxConcurrentValidations} at once, after cheap checks on the raw bytes; whatever happens
 * inside (parser exceptions, stack overflow, out of memory on absurd input) comes back as an
 * {@link DocumentValidationReport.Unreadable} with a reason, never as an exception.
 */
public final class SignatureValidator {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureValidator.class);
    /** Parsers recurse on nested objects; a roomy stack turns deep-but-legal files into answers. */
    private static final long WORKER_STACK_BYTES = 8L * 1024 * 1024;

    private final ValidationConfig config;
    private final DssSetup dss;
    private final DssResultMapper mapper;
    private final Semaphore slots;
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final OoxmlSignatureCheck ooxml;
    private final ContainerSignatureCheck containers;

    public SignatureValidator(ValidationConfig config) {
        this(config, Clock.systemUTC());
    }

    /** The clock only ages revocation caches; validation time is always the caller's argument. */
    public SignatureValidator(ValidationConfig config, Clock cacheClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.dss = new DssSetup(config, cacheClock);
        this.mapper = new DssResultMapper(config.revocationUnavailable());
        this.slots = new Semaphore(config.maxConcurrentValidations(), true);
        this.ooxml = new OoxmlSignatureCheck(new CertificateChainCheck(dss), mapper);
        this.containers = new ContainerSignatureCheck(dss, mapper);
    }

    public ValidationConfig config() {
        return config;
    }

    /**
     * Validates every signature of a PDF. Never throws for bad input: an unreadable, encrypted or
     * over-budget file gives {@link DocumentValidationReport.Unreadable}.
     */
    public DocumentValidationReport validate(byte[] document, String fileName, TrustSnapshot trust,
                                             Instant validationTime) {
        return checked(document, fileName, trust, validationTime,
                () -> validatePdf(document, fileName, trust, validationTime));
    }

    /** Validates a detached CAdES signature ({@code .p7s}) over {@code signedFile}. */
    public DocumentValidationReport validateDetached(byte[] signedFile, String signedFileName, byte[] p7s,
                                                     TrustSnapshot trust, Instant validationTime) {
        Objects.requireNonNull(signedFile, "signedFile");
        Objects.requireNonNull(signedFileName, "signedFileName");
        Objects.requireNonNull(p7s, "p7s");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(validationTime, "validationTime");
        if (signedFile.length > config.maxDocumentBytes() || p7s.length > config.maxDocumentBytes()) {
            return new DocumentValidationReport.Unreadable(signedFileName, new Reason(ReasonCode.DOCUMENT_TOO_LARGE,
                    "signed file or .p7s over " + config.maxDocumentBytes() + " bytes"));
        }
        return withinBudget(signedFileName, () -> validateCades(signedFile, signedFileName, p7s, trust, validationTime));
    }

    /**
     * Validates the package signatures of an Office Open XML file (.docx, .xlsx, .pptx); an unsigned package
     * gives {@link DocumentValidationReport.NotSigned}. Never throws for bad input.
     */
    public DocumentValidationReport validateOfficePackage(byte[] document, String fileName, TrustSnapshot trust,
                                                          Instant validationTime) {
        return checked(document, fileName, trust, validationTime,
                () -> ooxml.check(document, fileName, trust, validationTime));
    }

    /**
     * Validates a signature container: ASiC-S/-E ({@code type} {@link FileType#ASIC}), an enveloping CMS
     * ({@link FileType#CMS_SIGNATURE}, a .p7m) or a signed OpenDocument file ({@link FileType#ODT},
     * {@link FileType#ODS}). A signed report lists the files the signatures cover. Never throws for bad input.
     */
    public DocumentValidationReport validateContainer(byte[] document, String fileName, FileType type,
                                                      TrustSnapshot trust, Instant validationTime) {
        Objects.requireNonNull(type, "type");
        return checked(document, fileName, trust, validationTime,
                () -> containers.check(document, fileName, type, trust, validationTime));
    }

    /**
     * Sniffs the file's type and runs the matching engine (for "check FILE"): Office package, signature
     * container, or PDF; any other type goes to the PDF engine, which reports it unreadable.
     */
    public DocumentValidationReport validateFile(byte[] document, String fileName, TrustSnapshot trust,
                                                 Instant validationTime) {
        FileType type = FileTypeSniffer.sniff(document);
        return switch (type) {
            case DOCX, XLSX, PPTX -> validateOfficePackage(document, fileName, trust, validationTime);
            case ASIC, ODT, ODS, CMS_SIGNATURE -> validateContainer(document, fileName, type, trust, validationTime);
            default -> validate(document, fileName, trust, validationTime);
        };
    }

    private DocumentValidationReport checked(byte[] document, String fileName, TrustSnapshot trust,
                                             Instant validationTime, Supplier<DocumentValidationReport> work) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(validationTime, "validationTime");
        if (document.length > config.maxDocumentBytes()) {
            return new DocumentValidationReport.Unreadable(fileName, new Reason(ReasonCode.DOCUMENT_TOO_LARGE,
                    document.length + " bytes, budget " + config.maxDocumentBytes()));
        }
        return withinBudget(fileName, work);
    }

    /**
     * Loads classes and the policy and validates a freshly signed demo PDF, .docx and ASiC-E, so the
     * first real message is not the slow one. Also a start-up self-test: if the engine cannot see the demo
     * signature (the BouncyCastle 1.85+ trap, a broken classpath) it throws, and the gateway must
     * not start rather than call every signed document unsigned.
     *
     * @return the warm-up document's report (one signature, intact; revocation is not fetched)
     */
    public DocumentValidationReport warmUp() {
        long start = System.nanoTime();
        byte[] pdf = WarmUpDocument.signedPdf();
        DocumentValidationReport report = validate(pdf, "warm-up.pdf", WarmUpDocument.trust(), Instant.now());
        if (report.signatures().size() != 1 || !report.signatures().get(0).integrityIntact()) {
            throw new IllegalStateException("signature engine self-test failed: " + report);
        }
        long pdfMillis = (System.nanoTime() - start) / 1_000_000;
        // The same self-test for the Office and container engines (a missing xmlsec or DSS module would
        // otherwise make every signed .docx or .asice unreadable, quietly).
        List<byte[]> others = WarmUpDocument.signedOfficeAndContainer();
        DocumentValidationReport docx = validateOfficePackage(others.get(0), "warm-up.docx", WarmUpDocument.trust(),
                Instant.now());
        DocumentValidationReport asice = validateContainer(others.get(1), "warm-up.asice", FileType.ASIC,
                WarmUpDocument.trust(), Instant.now());
        for (DocumentValidationReport other : List.of(docx, asice)) {
            if (other.signatures().size() != 1 || !other.signatures().get(0).integrityIntact()) {
                throw new IllegalStateException("signature engine self-test failed: " + other);
            }
        }
        LOG.info("signature validation warmed up in {} ms (PDF {} ms, then .docx and ASiC-E; {} signature(s), outcome {})",
                (System.nanoTime() - start) / 1_000_000, pdfMillis, report.signatures().size(), report.outcome());
        return report;
    }

    private DocumentValidationReport withinBudget(String fileName, Supplier<DocumentValidationReport> work) {
        try {
            if (!slots.tryAcquire(config.documentTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return unreadable(fileName, ReasonCode.VALIDATION_TIMEOUT, "no validation slot free within the budget");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreadable(fileName, ReasonCode.VALIDATION_FAILED, "interrupted while waiting for a slot");
        }
        CompletableFuture<DocumentValidationReport> result = new CompletableFuture<>();
        // The caller's logging context (the gateway's session and queue ids), so DSS's own warnings on this
        // thread can be traced to their message.
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Thread worker = new Thread(null, () -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                result.complete(work.get());
            } catch (StackOverflowError e) {
                result.complete(unreadable(fileName, ReasonCode.DOCUMENT_TOO_COMPLEX, "nesting too deep to parse"));
            } catch (OutOfMemoryError e) {
                result.complete(unreadable(fileName, ReasonCode.DOCUMENT_TOO_COMPLEX, "needs more memory than available"));
            } catch (RuntimeException e) {
                LOG.warn("validation of {} failed: {}", fileName, e.toString());
                result.complete(classifyFailure(fileName, e));
            } finally {
                slots.release();
            }
        }, "mailgw-validation-" + threadNumber.incrementAndGet(), WORKER_STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        try {
            return result.get(config.documentTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            LOG.warn("validation of {} exceeded {}; abandoned", fileName, config.documentTimeout());
            return unreadable(fileName, ReasonCode.VALIDATION_TIMEOUT, "over " + config.documentTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreadable(fileName, ReasonCode.VALIDATION_FAILED, "interrupted");
        } catch (ExecutionException e) {
            return unreadable(fileName, ReasonCode.VALIDATION_FAILED, String.valueOf(e.getCause()));
        }
    }

    private DocumentValidationReport validatePdf(byte[] pdf, String fileName, TrustSnapshot trust, Instant time) {
        PdfPreflight.Facts facts = PdfPreflight.scan(pdf);
        Optional<Reason> refusal = PdfPreflight.refuse(pdf, config, facts);
        if (refusal.isPresent()) {
            return new DocumentValidationReport.Unreadable(fileName, refusal.get());
        }
        Optional<String> bomb = PdfStructureStreams.tooLarge(pdf, PdfStructureStreams.DEFAULT_MAX_INFLATED_BYTES,
                facts.structureStreamTypes());
        if (bomb.isPresent()) {
            return unreadable(fileName, ReasonCode.DOCUMENT_TOO_COMPLEX, bomb.get());
        }
        try (PdfRevisionAnalyzer analysis = PdfRevisionAnalyzer.open(pdf)) {
            Optional<Reason> overBudget = analysis.overBudget(config);
            if (overBudget.isPresent()) {
                return new DocumentValidationReport.Unreadable(fileName, overBudget.get());
            }
            // An encrypted file's object streams (ciphertext to the raw-byte check above) and a security store's
            // streams: measured, bounded, before DSS loads the file and its signed revisions with PDFBox, unbounded.
            Optional<Reason> tooLargeForDss = analysis.tooLargeForDss(facts.encrypted(), facts.securityStoreAt(),
                    facts.revisionEnds());
            if (tooLargeForDss.isPresent()) {
                return new DocumentValidationReport.Unreadable(fileName, tooLargeForDss.get());
            }
            PDFDocumentValidator validator = new PDFDocumentValidator(new InMemoryDocument(pdf, fileName));
            validator.setPdfObjFactory(dss.pdfObjFactory());
            Reports reports = run(validator, trust, time);
            List<SignatureWrapper> signatures = reports.getDiagnosticData().getSignatures();
            if (signatures.isEmpty()) {
                if (facts.hasByteRange()) {
                    // Fail closed (and the BouncyCastle 1.85 trap): a signature dictionary DSS cannot read is not "unsigned".
                    return unreadable(fileName, ReasonCode.SIGNATURE_UNREADABLE,
                            "the file has a signature dictionary but no signature could be decoded");
                }
                return new DocumentValidationReport.NotSigned(fileName);
            }
            DssSetup.TrustSources sources = dss.sourcesFor(trust);
            List<SignatureResult> results = new ArrayList<>();
            for (SignatureWrapper signature : signatures) {
                Coverage coverage = coverageOf(signature, pdf, facts, analysis);
                results.add(mapper.map(reports, signature, sources, coverage, time));
            }
            return new DocumentValidationReport.Signed(fileName, results, machineReport(reports));
        } catch (org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException e) {
            return unreadable(fileName, ReasonCode.DOCUMENT_ENCRYPTED, "password-protected");
        } catch (PdfFilterChain.TooLarge e) {
            return unreadable(fileName, ReasonCode.DOCUMENT_TOO_COMPLEX, "an object stream " + e.getMessage());
        } catch (IOException e) {
            return unreadable(fileName, ReasonCode.DOCUMENT_UNREADABLE, "PDF structure cannot be parsed: " + e.getMessage());
        }
    }

    private DocumentValidationReport validateCades(byte[] file, String fileName, byte[] p7s, TrustSnapshot trust,
                                                   Instant time) {
        SignedDocumentValidator validator;
        try {
            validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(p7s, fileName + ".p7s"));
        } catch (RuntimeException e) {
            return unreadable(fileName, ReasonCode.SIGNATURE_UNREADABLE, "the .p7s is not a CMS signature: " + e.getMessage());
        }
        validator.setDetachedContents(List.of(new InMemoryDocument(file, fileName)));
        Reports reports = run(validator, trust, time);
        List<SignatureWrapper> signatures = reports.getDiagnosticData().getSignatures();
        if (signatures.isEmpty()) {
            return unreadable(fileName, ReasonCode.SIGNATURE_UNREADABLE, "no signature in the .p7s");
        }
        DssSetup.TrustSources sources = dss.sourcesFor(trust);
        List<SignatureResult> results = new ArrayList<>();
        for (SignatureWrapper signature : signatures) {
            results.add(mapper.map(reports, signature, sources, Coverage.wholeDetachedFile(file.length), time));
        }
        return new DocumentValidationReport.Signed(fileName, results, machineReport(reports));
    }

    private Reports run(SignedDocumentValidator validator, TrustSnapshot trust, Instant time) {
        return dss.validate(validator, trust, time);
    }

    private static Coverage coverageOf(SignatureWrapper signature, byte[] pdf, PdfPreflight.Facts facts,
                                       PdfRevisionAnalyzer analysis) {
        List<Long> range = DssResultMapper.byteRange(signature.getPDFRevision());
        long fileLength = pdf.length;
        long signedLength = range.isEmpty() ? 0 : Math.min(fileLength, range.get(2) + range.get(3));
        List<Long> ends = facts.revisionEnds();
        int revision = Math.max(1, (int) ends.stream().filter(e -> e <= signedLength).count());
        int revisionCount = Math.max(revision, ends.size());
        List<Change> changes;
        if (range.isEmpty()) {
            changes = List.of(new Change(Change.Kind.UNDEFINED, "signature has no usable /ByteRange"));
        } else {
            changes = analysis.changesAfter(signedLength);
        }
        return new Coverage(revision, revisionCount, range, signedLength, fileLength, changes);
    }

    private static MachineReport machineReport(Reports reports) {
        return new MachineReport(reports::getXmlSimpleReport, reports::getXmlDetailedReport);
    }

    private static DocumentValidationReport classifyFailure(String fileName, RuntimeException e) {
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (text.contains("password") || cause instanceof org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException) {
            return unreadable(fileName, ReasonCode.DOCUMENT_ENCRYPTED, "password-protected");
        }
        return unreadable(fileName, ReasonCode.DOCUMENT_UNREADABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static DocumentValidationReport unreadable(String fileName, ReasonCode code, String detail) {
        return new DocumentValidationReport.Unreadable(fileName, new Reason(code, detail));
    }

}
