package vn.mailgw.validation.signature;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.poifs.crypt.dsig.SignatureConfig;
import org.apache.poi.poifs.crypt.dsig.SignatureInfo;
import org.apache.poi.poifs.crypt.dsig.SignaturePart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.filetype.ZipEntries;
import vn.mailgw.validation.filetype.ZipInflationCheck;
import vn.mailgw.validation.filetype.ZipPartSource;

/**
 * Validates the package signatures of an Office Open XML file (.docx, .xlsx, .pptx): the XML-DSig in
 * {@code /_xmlsignatures/} is verified by Apache POI (digests of every referenced part, then the signature
 * value), and the signer's certificate by {@link CertificateChainCheck} (DSS, same trust and revocation as
 * PAdES). Package parts no signature references are reported too: they can be added after signing without
 * breaking any digest.
 *
 * <p>Cost: the package is measured first ({@link ZipInflationCheck}: at most 256 MB inflated in all, which also
 * bounds what the digests can cost), then POI reads it through {@link ZipPartSource}: a part is inflated only when
 * POI reads it, and streamed into its digest, so an unsigned package costs the measuring only and a signed one one
 * more pass over its signed parts; no part is held in memory whole. (POI's own opening from bytes copied every part
 * into memory first: 0.2-2.5 s and ~100 MB of heap for a .docx of 95 MB of XML, signed or not.)
 */
final class OoxmlSignatureCheck {

    private static final String XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String SIGNATURE_PARTS = "/_xmlsignatures/";
    /**
     * Metadata Office itself leaves unsigned (document properties, custom-XML item properties); they do not
     * change what the document shows, so their absence from the signature is not a finding. Custom XML data
     * items are NOT exempt: content controls bound to them display their values.
     */
    private static final Set<String> UNSIGNED_BY_DESIGN = Set.of(
            "application/vnd.openxmlformats-package.core-properties+xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
            "application/vnd.openxmlformats-officedocument.custom-properties+xml",
            "application/vnd.openxmlformats-officedocument.customXmlProperties+xml");
    /** The package thumbnail (a preview image for file browsers), also left unsigned by Office. */
    private static final String THUMBNAIL_PREFIX = "/docProps/thumbnail.";

    /**
     * Largest part POI parses whole into a DOM (content types, relationships, signature XML): a DOM takes ~10 times
     * its XML, and these parts are kilobytes in real files (a thousand hyperlinks make a .rels of ~200 kB). A part's
     * declared size bounds what the zip reader will inflate of it ({@link ZipEntries}), so it can be judged up front.
     */
    static final long MAX_PARSED_PART_BYTES = 16L * 1024 * 1024;

    private final CertificateChainCheck chainCheck;
    private final DssResultMapper mapper;

    OoxmlSignatureCheck(CertificateChainCheck chainCheck, DssResultMapper mapper) {
        this.chainCheck = chainCheck;
        this.mapper = mapper;
    }

    DocumentValidationReport check(byte[] file, String fileName, TrustSnapshot trust, Instant time) {
        // Measured first: a zip bomb in any part (a picture the clerk's Word would inflate too) or a package of
        // thousands of parts is refused in milliseconds with the limit it exceeds, and the digests stay within budget.
        Optional<String> bomb = ZipInflationCheck.tooLarge(file);
        if (bomb.isPresent()) {
            return new DocumentValidationReport.Unreadable(fileName, new Reason(ReasonCode.DOCUMENT_TOO_COMPLEX,
                    "package not opened: " + bomb.get()));
        }
        try {
            return checkPackage(ZipEntries.of(file), file.length, fileName, trust, time);
        } catch (ZipEntries.Refused e) {
            return new DocumentValidationReport.Unreadable(fileName, new Reason(ReasonCode.DOCUMENT_TOO_COMPLEX,
                    "package not opened: " + e.getMessage()));
        }
    }

    /** The signatures of a package as POI reads it through {@code zip}, part by part as it needs them. */
    DocumentValidationReport checkPackage(ZipEntries zip, long fileLength, String fileName, TrustSnapshot trust,
                                          Instant time) {
        Optional<ZipEntries.Entry> tooLargeToParse = zip.list().stream()
                .filter(e -> parsedWhole(e.name()) && e.size() > MAX_PARSED_PART_BYTES).findFirst();
        if (tooLargeToParse.isPresent()) {
            return new DocumentValidationReport.Unreadable(fileName, new Reason(ReasonCode.DOCUMENT_TOO_COMPLEX,
                    "package not opened: " + tooLargeToParse.get().name() + " declares " + tooLargeToParse.get().size()
                            + " bytes, over the " + MAX_PARSED_PART_BYTES + " this check parses into memory"));
        }
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(new ZipPartSource(zip));
        } catch (InvalidFormatException | IOException | RuntimeException e) {
            return new DocumentValidationReport.Unreadable(fileName, new Reason(ReasonCode.DOCUMENT_UNREADABLE,
                    "not a readable Office Open XML package: " + e.getMessage()));
        }
        try {
            SignatureConfig config = new SignatureConfig();
            config.setUpdateConfigOnValidate(true); // so the claimed signing time is read back
            SignatureInfo info = new SignatureInfo();
            info.setSignatureConfig(config);
            info.setOpcPackage(pkg);
            List<SignatureResult> results = new ArrayList<>();
            List<CertificateChainCheck.Result> chains = new ArrayList<>();
            for (SignaturePart part : info.getSignatureParts()) {
                results.add(checkOne(pkg, part, config, fileLength, trust, time, chains));
            }
            Optional<IOException> unread = zip.firstFailure();
            if (unread.isPresent()) {
                // POI answers "invalid" when a part cannot be read for its digest: that is no proof of tampering.
                boolean overBudget = unread.get() instanceof ZipEntries.Refused;
                return new DocumentValidationReport.Unreadable(fileName, new Reason(
                        overBudget ? ReasonCode.DOCUMENT_TOO_COMPLEX : ReasonCode.DOCUMENT_UNREADABLE,
                        "package part not read: " + unread.get().getMessage()));
            }
            if (results.isEmpty()) {
                return new DocumentValidationReport.NotSigned(fileName);
            }
            return new DocumentValidationReport.Signed(fileName, results, machineReport(chains));
        } finally {
            pkg.revert(); // opened read-only from memory: nothing to write back
        }
    }

    private SignatureResult checkOne(OPCPackage pkg, SignaturePart part, SignatureConfig config, long fileLength,
                                     TrustSnapshot trust, Instant time, List<CertificateChainCheck.Result> chains) {
        String id = "OOXML" + part.getPackagePart().getPartName().getName();
        List<Reason> reasons = new ArrayList<>();
        Optional<Document> xml = parse(part.getPackagePart());
        List<X509Certificate> carried = xml.map(OoxmlSignatureCheck::certificatesIn).orElse(List.of());
        boolean verified = false;
        try {
            verified = part.validate();
            if (!verified) {
                reasons.add(new Reason(ReasonCode.SIGNATURE_INVALID,
                        "a signed part's digest or the signature value does not match (XML-DSig, Apache POI)"));
            }
        } catch (RuntimeException e) {
            reasons.add(new Reason(ReasonCode.SIGNATURE_UNREADABLE, "the package signature cannot be processed: "
                    + e.getMessage()));
        }
        Optional<Instant> claimed = verified ? Optional.ofNullable(config.getExecutionTime()).map(Date::toInstant)
                : Optional.empty();
        X509Certificate signer = verified && part.getSigner() != null ? part.getSigner()
                : carried.isEmpty() ? null : carried.get(0);
        xml.ifPresent(doc -> uncoveredParts(pkg, doc).forEach(name -> reasons.add(new Reason(
                ReasonCode.CONTENT_NOT_COVERED, "package part " + name + " is not referenced by the signature"))));

        SignerIdentity identity = SignerIdentity.unidentified();
        IssuerInfo issuer = IssuerInfo.unknown();
        if (signer == null) {
            reasons.add(new Reason(ReasonCode.SIGNING_CERTIFICATE_NOT_IDENTIFIED, "no X509Certificate in KeyInfo"));
        } else {
            identity = CertificateSubjects.identityOf(signer);
            CertificateChainCheck.Result chain = chainCheck.check(signer, carried, trust, time);
            chains.add(chain);
            issuer = chain.issuer();
            for (Reason r : chain.reasons()) {
                if (reasons.stream().noneMatch(x -> x.code() == r.code())) {
                    reasons.add(r);
                }
            }
        }
        SignatureOutcome outcome = reasons.isEmpty() ? SignatureOutcome.VALID : mapper.outcomeOf(reasons);
        // No signature timestamp in these files: the time is proven only as "no later than validation".
        SigningTime signingTime = new SigningTime(claimed, time, SigningTime.ProvenBy.VALIDATION_TIME);
        return new SignatureResult(id, Optional.empty(), outcome, reasons, identity, issuer, signingTime,
                "XAdES-OOXML package signature", Coverage.wholeDetachedFile(fileLength), Optional.empty());
    }

    private static boolean parsedWhole(String entryName) {
        return entryName.equals("[Content_Types].xml") || entryName.endsWith(".rels")
                || entryName.startsWith(SIGNATURE_PARTS.substring(1));
    }

    /** Parts other than relationships and the signatures themselves that no Reference of the signature names. */
    private static List<String> uncoveredParts(OPCPackage pkg, Document signature) {
        Set<String> referenced = new HashSet<>();
        NodeList refs = signature.getElementsByTagNameNS(XMLDSIG_NS, "Reference");
        for (int i = 0; i < refs.getLength(); i++) {
            String uri = ((Element) refs.item(i)).getAttribute("URI");
            int query = uri.indexOf('?');
            referenced.add(query < 0 ? uri : uri.substring(0, query));
        }
        List<String> uncovered = new ArrayList<>();
        try {
            for (PackagePart p : pkg.getParts()) {
                String name = p.getPartName().getName();
                if (p.isRelationshipPart() || name.startsWith(SIGNATURE_PARTS) || name.startsWith(THUMBNAIL_PREFIX)
                        || UNSIGNED_BY_DESIGN.contains(p.getContentType()) || referenced.contains(name)) {
                    continue;
                }
                uncovered.add(name);
            }
        } catch (InvalidFormatException e) {
            uncovered.add("(package part list unreadable: " + e.getMessage() + ")");
        }
        return uncovered;
    }

    /** The signature XML, parsed without DTDs or external entities (it comes from outside). */
    private static Optional<Document> parse(PackagePart part) {
        try (InputStream in = part.getInputStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return Optional.of(factory.newDocumentBuilder().parse(in));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The certificates in the signature's KeyInfo, in document order (Office writes the signer first). */
    private static List<X509Certificate> certificatesIn(Document signature) {
        List<X509Certificate> certs = new ArrayList<>();
        NodeList nodes = signature.getElementsByTagNameNS(XMLDSIG_NS, "X509Certificate");
        for (int i = 0; i < nodes.getLength(); i++) {
            String base64 = nodes.item(i).getTextContent().replaceAll("\\s", "");
            try {
                certs.add(CertificateSubjects.parse(java.util.Base64.getDecoder().decode(base64)));
            } catch (CertificateException | IllegalArgumentException e) {
                // An unparseable certificate identifies nobody; the others may still.
            }
        }
        return certs;
    }

    private static MachineReport machineReport(List<CertificateChainCheck.Result> chains) {
        if (chains.isEmpty()) {
            return MachineReport.none();
        }
        // DSS validated the certificates only (it cannot parse OOXML signatures): its certificate report it is.
        var reports = chains.get(0).reports();
        return new MachineReport(reports::getXmlSimpleReport, reports::getXmlDetailedReport);
    }
}
