package vn.mailgw.validation.filetype;

import java.util.Locale;
import java.util.Optional;

/**
 * What a file really is, decided from its bytes, never from its name or the MIME type a sender
 * declared. {@link #editable()} matters for the regulations: daknong-2012 Art 9.2(a) and
 * tuyenquang-2013 Art 7.2(c) treat editable formats differently from PDF and other fixed formats.
 */
public enum FileType {
    PDF(Kind.DOCUMENT, false, "application/pdf"),
    DOCX(Kind.DOCUMENT, true, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    XLSX(Kind.DOCUMENT, true, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PPTX(Kind.DOCUMENT, true, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ODT(Kind.DOCUMENT, true, "application/vnd.oasis.opendocument.text"),
    ODS(Kind.DOCUMENT, true, "application/vnd.oasis.opendocument.spreadsheet"),
    /** Legacy binary Office (Word 97-2003 .doc, Excel .xls): an OLE2 compound file. */
    OLE2_OFFICE(Kind.DOCUMENT, true, "application/x-ole-storage"),
    RTF(Kind.DOCUMENT, true, "application/rtf"),
    TEXT(Kind.DOCUMENT, true, "text/plain"),
    /** An ASiC container (.asice/.asics): a ZIP whose first entry is "mimetype" = application/vnd.etsi.asic-*. */
    ASIC(Kind.SIGNATURE_CONTAINER, false, "application/vnd.etsi.asic-e+zip"),
    /** A CMS/PKCS#7 SignedData structure (.p7s, .p7m), DER or PEM. */
    CMS_SIGNATURE(Kind.SIGNATURE_CONTAINER, false, "application/pkcs7-signature"),
    XML(Kind.OTHER, true, "application/xml"),
    HTML(Kind.OTHER, true, "text/html"),
    CALENDAR(Kind.OTHER, false, "text/calendar"),
    PNG(Kind.IMAGE, false, "image/png"),
    JPEG(Kind.IMAGE, false, "image/jpeg"),
    GIF(Kind.IMAGE, false, "image/gif"),
    TIFF(Kind.IMAGE, false, "image/tiff"),
    ZIP(Kind.OTHER, false, "application/zip"),
    UNKNOWN(Kind.OTHER, false, "application/octet-stream");

    /** Broad family, used to decide whether an attachment is a document at all. */
    public enum Kind { DOCUMENT, SIGNATURE_CONTAINER, IMAGE, OTHER }

    private final Kind kind;
    private final boolean editable;
    private final String mimeType;

    FileType(Kind kind, boolean editable, String mimeType) {
        this.kind = kind;
        this.editable = editable;
        this.mimeType = mimeType;
    }

    public Kind kind() {
        return kind;
    }

    /** True for formats a recipient can change without trace (daknong-2012 Art 9.2(a)). */
    public boolean editable() {
        return editable;
    }

    public String mimeType() {
        return mimeType;
    }

    /** True for Office Open XML and OpenDocument packages, which may carry their own signatures. */
    public boolean isOfficePackage() {
        return this == DOCX || this == XLSX || this == PPTX || this == ODT || this == ODS;
    }

    /**
     * The type a file name promises by its extension, for telling a clerk when name and content disagree (a clerk
     * opens "x.pdf" with a PDF reader); empty for extensions that promise no document or container type. Never used
     * to decide what a file is.
     */
    public static Optional<FileType> namedBy(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (fileName.substring(dot + 1).toLowerCase(Locale.ROOT)) {
            case "pdf" -> PDF;
            case "docx" -> DOCX;
            case "xlsx" -> XLSX;
            case "pptx" -> PPTX;
            case "odt" -> ODT;
            case "ods" -> ODS;
            case "doc", "xls", "ppt" -> OLE2_OFFICE;
            case "rtf" -> RTF;
            case "txt" -> TEXT;
            case "asice", "asics", "sce", "scs" -> ASIC;
            case "p7s", "p7m" -> CMS_SIGNATURE;
            default -> null;
        });
    }
}
