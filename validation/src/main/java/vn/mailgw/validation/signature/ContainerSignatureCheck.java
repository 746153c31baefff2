package vn.mailgw.validation.signature;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;

import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.filetype.FileTypeSniffer;
import vn.mailgw.validation.filetype.ZipEntries;
import vn.mailgw.validation.filetype.ZipInflationCheck;

/**
 * Validates signature containers with DSS: ASiC-S / ASiC-E (CAdES or XAdES inside), an enveloping CMS
 * ({@code .p7m}) and OpenDocument files signed in {@code META-INF/documentsignatures.xml} (XAdES; DSS reads
 * them as ASiC-E). The report names the files the signatures cover ({@link SignedContent}), so the verdict can
 * judge the document inside rather than the envelope.
 */
final class ContainerSignatureCheck {

    private static final String ODF_SIGNATURES = "META-INF/documentsignatures.xml";
    private static final int MAX_ZIP_ENTRIES_SCANNED = 1024;
    /** The sniffer reads an OOXML package's entry list from its start, so give it the whole file (bounded). */
    private static final int MAX_DATA_FILE_BYTES = 64 * 1024 * 1024;

    private final DssSetup dss;
    private final DssResultMapper mapper;

    ContainerSignatureCheck(DssSetup dss, DssResultMapper mapper) {
        this.dss = dss;
        this.mapper = mapper;
    }

    DocumentValidationReport check(byte[] file, String fileName, FileType type, TrustSnapshot trust, Instant time) {
        boolean odf = type == FileType.ODT || type == FileType.ODS;
        if (type != FileType.CMS_SIGNATURE) {
            // Measured before the package is listed here (ZipInputStream inflates every entry it passes) or DSS unpacks
            // it (DSS's own guard is a 100:1 ratio over the whole container, checked after its first megabyte).
            Optional<String> bomb = ZipInflationCheck.tooLarge(file);
            if (bomb.isPresent()) {
                return unreadable(fileName, ReasonCode.DOCUMENT_TOO_COMPLEX, "package not opened: " + bomb.get());
            }
        }
        if (odf && !hasOdfSignatures(file)) {
            return new DocumentValidationReport.NotSigned(fileName);
        }
        byte[] bytes = file;
        if (type == FileType.CMS_SIGNATURE) {
            bytes = derOf(file);
            Optional<byte[]> enveloped = envelopedContent(bytes);
            if (enveloped.isEmpty()) {
                return unreadable(fileName, ReasonCode.SIGNATURE_UNREADABLE,
                        "a detached CMS signature without the file it signs, or not a CMS SignedData");
            }
            // The enveloped file is what the clerk opens: a zip bomb inside a valid envelope is no document. Measured
            // before DSS validates the envelope (chain, revocation). DSS hands the file back as the envelope's eContent
            // bytes as they are, never inflated (HostilePackageSignatureTest shows it), so that is bounded by the
            // envelope's own size.
            Optional<String> bomb = ZipInflationCheck.tooLarge(enveloped.get());
            if (bomb.isPresent()) {
                return unreadable(fileName, ReasonCode.DOCUMENT_TOO_COMPLEX,
                        "the signed file inside " + fileName + " not opened: " + bomb.get());
            }
        }
        SignedDocumentValidator validator;
        try {
            validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(bytes, fileName));
        } catch (RuntimeException e) {
            return odf ? unsupportedOdf(fileName, e.getMessage())
                    : unreadable(fileName, ReasonCode.SIGNATURE_UNREADABLE, "DSS cannot read the container: " + e.getMessage());
        }
        Reports reports;
        try {
            reports = dss.validate(validator, trust, time);
        } catch (RuntimeException e) {
            // DSS parses the signature XML/CMS lazily, during validation: a malformed one surfaces here.
            return odf ? unsupportedOdf(fileName, e.getMessage())
                    : unreadable(fileName, ReasonCode.SIGNATURE_UNREADABLE, "DSS cannot read the signature: " + e.getMessage());
        }
        List<SignatureWrapper> signatures = reports.getDiagnosticData().getSignatures();
        if (signatures.isEmpty()) {
            if (odf) {
                return unsupportedOdf(fileName, "DSS found no signature it can read in " + ODF_SIGNATURES);
            }
            return type == FileType.ASIC ? new DocumentValidationReport.NotSigned(fileName)
                    : unreadable(fileName, ReasonCode.SIGNATURE_UNREADABLE, "no signature could be decoded");
        }
        DssSetup.TrustSources sources = dss.sourcesFor(trust);
        List<SignatureResult> results = new ArrayList<>();
        Map<String, SignedContent> content = new LinkedHashMap<>();
        for (SignatureWrapper signature : signatures) {
            results.add(mapper.map(reports, signature, sources, Coverage.wholeDetachedFile(file.length), time));
            if (type == FileType.CMS_SIGNATURE) {
                for (DSSDocument original : validator.getOriginalDocuments(signature.getId())) {
                    byte[] inner = readAll(original); // the eContent measured above
                    String name = original.getName() == null ? "(không tên)" : original.getName();
                    content.putIfAbsent(name, new SignedContent(name, FileTypeSniffer.sniff(inner), inner.length));
                }
            }
        }
        List<SignedContent> signed = switch (type) {
            // An OpenDocument file is its own content: the signatures cover its entries, and it is the document.
            case ODT, ODS -> List.of(new SignedContent(fileName, type, file.length));
            // DSS unpacks a ZIP-shaped data object (a .docx is one) in its "original documents": list the
            // container's own data files instead (every one must be signed: AllFilesSigned is FAIL in the policy).
            case ASIC -> asicDataFiles(file);
            default -> List.copyOf(content.values());
        };
        return new DocumentValidationReport.Signed(fileName, results,
                new MachineReport(reports::getXmlSimpleReport, reports::getXmlDetailedReport), signed);
    }

    /**
     * True when the package lists META-INF/documentsignatures.xml: read from its zip records, nothing inflated
     * ({@code ZipInputStream} inflated every entry before it, content.xml included).
     */
    static boolean hasOdfSignatures(byte[] odf) {
        try {
            return ZipEntries.of(odf).find(ODF_SIGNATURES).isPresent();
        } catch (ZipEntries.Refused e) {
            return true; // not reached after the measuring above; if it were, DSS would try and report
        }
    }

    /** The data files of an ASiC container: root-level entries other than "mimetype" (ETSI EN 319 162-1 §4.4). */
    private static List<SignedContent> asicDataFiles(byte[] asic) {
        List<SignedContent> files = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(asic))) {
            ZipEntry entry;
            int seen = 0;
            while ((entry = zip.getNextEntry()) != null && seen++ < MAX_ZIP_ENTRIES_SCANNED) {
                String name = entry.getName();
                if (entry.isDirectory() || name.equals("mimetype") || name.startsWith("META-INF/")) {
                    continue;
                }
                // DSS has already inflated these within its own limits; the cap only guards against surprises.
                byte[] data = zip.readNBytes(MAX_DATA_FILE_BYTES);
                long size = data.length + zip.transferTo(OutputStream.nullOutputStream());
                files.add(new SignedContent(name, FileTypeSniffer.sniff(data), size));
            }
        } catch (IOException | IllegalArgumentException e) {
            files.add(new SignedContent("(gói hỏng)", FileType.UNKNOWN, 0));
        }
        return files;
    }

    /** PEM ("-----BEGIN PKCS7-----") to DER; DER is returned as is. */
    private static byte[] derOf(byte[] cms) {
        String head = new String(cms, 0, Math.min(cms.length, 64), StandardCharsets.US_ASCII).stripLeading();
        if (!head.startsWith("-----BEGIN")) {
            return cms;
        }
        String text = new String(cms, StandardCharsets.US_ASCII);
        String body = text.replaceAll("-----[A-Z0-9 ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            return cms;
        }
    }

    /** The content an enveloping SignedData carries (eContent); empty for a detached .p7s or what is no SignedData. */
    private static Optional<byte[]> envelopedContent(byte[] der) {
        try {
            CMSTypedData content = new CMSSignedData(der).getSignedContent();
            if (content == null) {
                return Optional.empty();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            content.write(bytes); // already in memory: part of the envelope's DER
            return Optional.of(bytes.toByteArray());
        } catch (CMSException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] readAll(DSSDocument document) {
        try (var in = document.openStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static DocumentValidationReport unsupportedOdf(String fileName, String detail) {
        return unreadable(fileName, ReasonCode.SIGNATURE_FORMAT_UNSUPPORTED,
                "OpenDocument signature present but not verifiable by this gateway: " + detail);
    }

    private static DocumentValidationReport unreadable(String fileName, ReasonCode code, String detail) {
        return new DocumentValidationReport.Unreadable(fileName, new Reason(code, detail));
    }
}
