package vn.mailgw.validation.signature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import vn.mailgw.validation.filetype.DecodeBudget;
import vn.mailgw.validation.filetype.PdfFilterChain;
import vn.mailgw.validation.filetype.PdfLoader;

/**
 * Classifies what the incremental updates after a signed revision change, object by object,
 * without rendering anything. The rule (DESIGN.md, issue 3 point 3): only further signatures,
 * document timestamps and validation data (DSS/VRI) may follow a signature; every other change
 * (pages, page content, annotations, form values, anything undefined) is named and fails it.
 *
 * <p>How: PDFBox parses the signed revision (the bytes up to its end) and the whole file; objects
 * whose cross-reference entry differs were written by a later update. New objects are harmless
 * until something existing refers to them, and such a referrer is itself a modified object, so
 * only modified objects need judging, each by what it is (catalog, page, annotation, field, ...).
 * An object rewritten with identical content is no change.
 */
final class PdfRevisionAnalyzer implements AutoCloseable {

    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName VRI = COSName.getPDFName("VRI");
    private static final COSName DOC_TIME_STAMP = COSName.getPDFName("DocTimeStamp");
    private static final COSName OBJ_STM = COSName.getPDFName("ObjStm");
    private static final COSName SIG_FLAGS = COSName.getPDFName("SigFlags");
    private static final COSName OUTPUT_INTENTS = COSName.getPDFName("OutputIntents");
    private static final COSName NEED_APPEARANCES = COSName.getPDFName("NeedAppearances");

    /** Catalog entries a signature or LTV update may add or change. */
    private static final Set<COSName> CATALOG_SIGNING_KEYS = Set.of(DSS, COSName.ACRO_FORM, COSName.EXTENSIONS,
            COSName.METADATA, COSName.VERSION);
    /** Widget/field entries that signing a prepared, empty signature field sets. */
    private static final Set<COSName> SIGNATURE_FIELD_SIGNING_KEYS = Set.of(COSName.V, COSName.AP, COSName.F,
            COSName.P, COSName.AS, COSName.MK, COSName.DA);

    private final byte[] pdf;
    private final PDDocument whole;

    private PdfRevisionAnalyzer(byte[] pdf, PDDocument whole) {
        this.pdf = pdf;
        this.whole = whole;
    }

    /**
     * Parses the cross-references and the document catalog (PDFBox loads objects lazily, so this
     * is cheap even for large files). Fails with {@code InvalidPasswordException} when encrypted.
     */
    static PdfRevisionAnalyzer open(byte[] pdf) throws IOException {
        Objects.requireNonNull(pdf, "pdf");
        return new PdfRevisionAnalyzer(pdf, PdfLoader.load(pdf));
    }

    /** What DSS may decode of a document's security stores (certificates, CRLs, OCSP responses), all revisions. */
    static final long MAX_SECURITY_STORE_BYTES = 128L * 1024 * 1024;

    /** More earlier revisions than this are not each loaded and measured: refused as too complex. */
    static final int MAX_REVISIONS_MEASURED = 32;

    /**
     * Measures what DSS decodes whole, unbounded, when it loads the file and each signed revision with PDFBox: on the
     * whole file and on every earlier revision that needs it ({@code revisionEnds}: the byte after each %%EOF), each
     * loaded once. With {@code encrypted}, every object stream (ciphertext to {@code PdfStructureStreams}) within
     * {@link PdfLoader}'s limit; with a document security store ({@code securityStoreAt}: the first "/DSS" in the
     * bytes, -1 when none; only revisions ending after it can have one), its streams within
     * {@link #MAX_SECURITY_STORE_BYTES}. A reason when something is beyond its limit or the revisions to load are more
     * than {@link #MAX_REVISIONS_MEASURED}.
     */
    java.util.Optional<Reason> tooLargeForDss(boolean encrypted, int securityStoreAt, List<Long> revisionEnds)
            throws IOException {
        boolean hasStore = securityStoreAt >= 0;
        if (!encrypted && !hasStore) {
            return java.util.Optional.empty();
        }
        long wholeLength = contentLength(pdf);
        List<Long> earlier = revisionEnds.stream()
                .filter(end -> end < wholeLength && (encrypted || end > securityStoreAt)).toList();
        if (earlier.size() > MAX_REVISIONS_MEASURED) {
            return java.util.Optional.of(new Reason(ReasonCode.DOCUMENT_TOO_COMPLEX, earlier.size()
                    + " earlier revisions to measure before DSS loads them (more than " + MAX_REVISIONS_MEASURED + ")"));
        }
        DecodeBudget store = new DecodeBudget("document security store streams", MAX_SECURITY_STORE_BYTES);
        try {
            measureForDss(whole, encrypted, hasStore, store);
            for (long end : earlier) {
                try (PDDocument revision = PdfLoader.load(java.util.Arrays.copyOf(pdf, (int) end))) {
                    measureForDss(revision, encrypted, hasStore && end > securityStoreAt, store);
                } catch (IOException unreadable) {
                    // DSS cannot read this revision either
                }
            }
            return java.util.Optional.empty();
        } catch (PdfFilterChain.TooLarge e) {
            return java.util.Optional.of(new Reason(ReasonCode.DOCUMENT_TOO_COMPLEX, "an object stream " + e.getMessage()));
        } catch (DecodeBudget.Exceeded e) {
            return java.util.Optional.of(new Reason(ReasonCode.DOCUMENT_TOO_COMPLEX, e.getMessage()));
        }
    }

    private static void measureForDss(PDDocument document, boolean encrypted, boolean hasStore, DecodeBudget store)
            throws IOException {
        if (encrypted) {
            PdfLoader.decodeEveryObjectStream(document);
        }
        if (hasStore) {
            chargeSecurityStore(document, store);
        }
    }

    private static void chargeSecurityStore(PDDocument document, DecodeBudget budget) throws IOException {
        COSDictionary store = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
        if (store == null) {
            return;
        }
        for (String key : List.of("Certs", "CRLs", "OCSPs")) {
            budget.chargeAll(store.getDictionaryObject(COSName.getPDFName(key)));
        }
        COSDictionary vri = store.getCOSDictionary(COSName.getPDFName("VRI"));
        for (COSName signature : vri == null ? List.<COSName>of() : List.copyOf(vri.keySet())) {
            if (vri.getDictionaryObject(signature) instanceof COSDictionary entry) {
                for (String key : List.of("Cert", "CRL", "OCSP", "TS")) {
                    budget.chargeAll(entry.getDictionaryObject(COSName.getPDFName(key)));
                }
            }
        }
    }

    /** The object and page budgets, on the real cross-reference table and page tree root (not the raw bytes). */
    java.util.Optional<Reason> overBudget(ValidationConfig config) {
        int objects = whole.getDocument().getXrefTable().size();
        if (objects > config.maxPdfObjects()) {
            return java.util.Optional.of(new Reason(ReasonCode.DOCUMENT_TOO_COMPLEX, objects
                    + " objects exceed the budget of " + config.maxPdfObjects()));
        }
        int pages = whole.getNumberOfPages();
        if (pages > config.maxPages()) {
            return java.util.Optional.of(new Reason(ReasonCode.DOCUMENT_TOO_COMPLEX, pages
                    + " pages exceed the budget of " + config.maxPages()));
        }
        return java.util.Optional.empty();
    }

    /**
     * Every change the updates after {@code signedLength} bytes make, allowed or not. Never throws:
     * updates that cannot be parsed are themselves an undefined change.
     */
    List<Change> changesAfter(long signedLength) {
        if (signedLength >= contentLength(pdf)) {
            return List.of();
        }
        try {
            return compare(signedLength);
        } catch (IOException | RuntimeException e) {
            return List.of(new Change(Change.Kind.UNDEFINED,
                    "the updates after the signed revision cannot be parsed: " + e.getMessage()));
        }
    }

    private List<Change> compare(long signedLength) throws IOException {
        byte[] revision = java.util.Arrays.copyOf(pdf, (int) signedLength);
        List<XrefUpdateScanner.Entry> declared = XrefUpdateScanner.entriesAfter(pdf, (int) signedLength);
        List<Change> changes = new ArrayList<>(XrefUpdateScanner.redirections(pdf, declared));
        try (PDDocument signed = PdfLoader.load(revision)) {
            changes.addAll(new Comparison(signed.getDocument(), whole.getDocument(), declared).run());
        }
        return List.copyOf(changes);
    }

    @Override
    public void close() throws IOException {
        whole.close();
    }

    /** Length without trailing whitespace: an end-of-line after %%EOF is not an update. */
    static long contentLength(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == ' '
                || bytes[end - 1] == 0 || bytes[end - 1] == '\t' || bytes[end - 1] == '\f')) {
            end--;
        }
        return end;
    }

    /** One comparison of the signed revision with the whole file. */
    private static final class Comparison {
        private final COSDocument before;
        private final COSDocument after;
        private final Map<COSObjectKey, Long> beforeXref;
        private final Map<COSObjectKey, Long> afterXref;
        private final Set<String> seen = new LinkedHashSet<>();
        private final List<Change> changes = new ArrayList<>();

        private final Set<Long> declaredInUpdates = new HashSet<>();
        /** Signature widgets the updates add or give a new appearance: their appearance is judged at the end. */
        private final List<COSDictionary> laterWidgets = new ArrayList<>();

        Comparison(COSDocument before, COSDocument after, List<XrefUpdateScanner.Entry> declared) {
            this.before = before;
            this.after = after;
            this.beforeXref = before.getXrefTable();
            this.afterXref = after.getXrefTable();
            // PDFBox repairs broken cross-references by scanning for objects, which can undo an attacker's
            // redirection; what the updates declare is judged too, whatever PDFBox made of it.
            declared.forEach(e -> declaredInUpdates.add(e.number()));
        }

        List<Change> run() throws IOException {
            Set<Long> rewrittenObjectStreams = new HashSet<>();
            for (Map.Entry<COSObjectKey, Long> e : afterXref.entrySet()) {
                Long old = beforeXref.get(e.getKey());
                if (old != null && !old.equals(e.getValue()) && old >= 0) {
                    rewrittenObjectStreams.add(e.getKey().getNumber());
                }
            }
            for (Map.Entry<COSObjectKey, Long> e : afterXref.entrySet()) {
                COSObjectKey key = e.getKey();
                Long old = beforeXref.get(key);
                boolean moved = old != null && !old.equals(e.getValue());
                // A compressed object (negative offset = its object stream) changes when that stream was rewritten.
                boolean inRewrittenStream = old != null && old < 0 && rewrittenObjectStreams.contains(-old);
                moved = moved || (old != null && declaredInUpdates.contains(key.getNumber()));
                if (old == null) {
                    judgeNew(key);
                } else if (moved || inRewrittenStream) {
                    judgeModified(key);
                }
            }
            judgeLaterWidgets();
            return List.copyOf(changes);
        }

        /**
         * A later signature is allowed only when its appearance leaves what the signed pages show alone
         * (sneaky signature, evil annotation). Runs only when an update added a signature widget.
         */
        private void judgeLaterWidgets() throws IOException {
            Set<COSDictionary> judged = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (COSDictionary widget : laterWidgets) {
                if (!judged.add(widget)) {
                    continue;
                }
                java.util.Optional<COSDictionary> page = pageShowing(widget);
                if (page.isEmpty()) {
                    continue; // on no page: nothing is shown
                }
                COSDictionary pageBefore = page.get();
                if (page.get().getKey() != null && resolve(before, page.get().getKey()) instanceof COSDictionary old) {
                    pageBefore = old;
                }
                String where = widget.getKey() == null ? "widget" : "object " + widget.getKey().getNumber();
                for (Change change : LaterSignatureAppearance.judge(widget, pageBefore, where)) {
                    add(change.kind(), change.description());
                }
            }
        }

        /** The page whose /Annots lists the widget (its /P is only a hint writers may get wrong). */
        private java.util.Optional<COSDictionary> pageShowing(COSDictionary widget) {
            for (org.apache.pdfbox.pdmodel.PDPage page : new PDDocument(after).getPages()) {
                if (page.getCOSObject().getDictionaryObject(COSName.ANNOTS) instanceof COSArray annots) {
                    for (COSBase item : annots) {
                        COSBase resolved = item instanceof COSObject o ? o.getObject() : item;
                        if (resolved == widget) {
                            return java.util.Optional.of(page.getCOSObject());
                        }
                    }
                }
            }
            return java.util.Optional.empty();
        }

        /** The widget itself (merged field/widget) or its kid widgets. */
        private void noteLaterWidgets(COSDictionary field) {
            if (field.containsKey(COSName.RECT)) {
                laterWidgets.add(field);
            }
            COSArray kids = field.getCOSArray(COSName.KIDS);
            if (kids != null) {
                for (COSBase kid : kids) {
                    if ((kid instanceof COSObject o ? o.getObject() : kid) instanceof COSDictionary widget
                            && widget.containsKey(COSName.RECT)) {
                        laterWidgets.add(widget);
                    }
                }
            }
        }

        private void judgeNew(COSObjectKey key) throws IOException {
            COSBase object = resolve(after, key);
            if (object instanceof COSDictionary dict) {
                if (isSignatureDictionary(dict)) {
                    add(Change.Kind.SIGNATURE_ADDED, "signature dictionary added (object " + key.getNumber() + ")");
                } else if (isValidationData(dict)) {
                    add(Change.Kind.VALIDATION_DATA_ADDED, "DSS dictionary added (object " + key.getNumber() + ")");
                }
            }
            // Other new objects show nothing unless a modified object refers to them; that one is judged.
        }

        private void judgeModified(COSObjectKey key) throws IOException {
            COSBase now = resolve(after, key);
            COSBase then = resolve(before, key);
            String where = "object " + key.getNumber();
            if (now == null || now instanceof COSNull) {
                add(Change.Kind.UNDEFINED, where + " deleted");
                return;
            }
            if (then == null || then instanceof COSNull) {
                judgeNew(key);
                return;
            }
            if (sameValue(then, now)) {
                return; // rewritten without change (some tools rewrite objects on every save)
            }
            if (now instanceof COSStream stream) {
                judgeStream(stream, where);
            } else if (now instanceof COSDictionary dict && then instanceof COSDictionary old) {
                judgeDictionary(old, dict, where);
            } else if (now instanceof COSArray arr && then instanceof COSArray old) {
                judgeArray(old, arr, where + " (array)");
            } else {
                add(Change.Kind.UNDEFINED, where + " changed type or value");
            }
        }

        private void judgeStream(COSStream stream, String where) {
            COSName type = stream.getCOSName(COSName.TYPE);
            if (OBJ_STM.equals(type) || COSName.XREF.equals(type)) {
                return; // structure: the objects inside are judged one by one
            }
            if (COSName.METADATA.equals(type)) {
                add(Change.Kind.METADATA_CHANGED, "XMP metadata changed (" + where + ")");
            } else if (isValidationDataStream(stream)) {
                add(Change.Kind.VALIDATION_DATA_ADDED, "validation data stream (" + where + ")");
            } else {
                String what = COSName.XOBJECT.equals(type) ? "XObject" : COSName.FONT.equals(type) ? "font"
                        : "content stream";
                add(Change.Kind.CONTENT_CHANGED, what + " rewritten (" + where + ")");
            }
        }

        private void judgeDictionary(COSDictionary old, COSDictionary now, String where) throws IOException {
            COSName type = now.getCOSName(COSName.TYPE);
            if (isSignatureDictionary(old)) {
                add(Change.Kind.SIGNATURE_DICTIONARY_CHANGED, "signature dictionary rewritten (" + where + ")");
            } else if (COSName.CATALOG.equals(type)) {
                judgeCatalog(old, now, where);
            } else if (COSName.PAGES.equals(type)) {
                add(Change.Kind.PAGES_CHANGED, "page tree changed (" + where + ")");
            } else if (COSName.PAGE.equals(type)) {
                judgePage(old, now, where);
            } else if (isAnnotation(now) || isField(now)) {
                judgeFieldOrAnnotation(old, now, where);
            } else if (now.containsKey(COSName.FIELDS)) {
                judgeAcroForm(old, now, where);
            } else if (isValidationData(now) || isValidationData(old)) {
                add(Change.Kind.VALIDATION_DATA_ADDED, "DSS/VRI dictionary updated (" + where + ")");
            } else {
                add(Change.Kind.UNDEFINED, describe(now) + " changed: " + differingKeys(old, now) + " (" + where + ")");
            }
        }

        private void judgeCatalog(COSDictionary old, COSDictionary now, String where) throws IOException {
            for (COSName key : differingKeys(old, now)) {
                if (COSName.PAGES.equals(key)) {
                    add(Change.Kind.PAGES_CHANGED, "catalog /Pages replaced (" + where + ")");
                } else if (COSName.ACRO_FORM.equals(key) && old.getItem(key) instanceof COSDictionary oldForm
                        && now.getItem(key) instanceof COSDictionary newForm) {
                    judgeAcroForm(oldForm, newForm, where + " /AcroForm");
                } else if (COSName.METADATA.equals(key)) {
                    add(Change.Kind.METADATA_CHANGED, "catalog /Metadata (" + where + ")");
                } else if (OUTPUT_INTENTS.equals(key) && !old.containsKey(key)) {
                    // DSS adds an sRGB output intent with a visible signature (PDF/A); a first one changes no drawing.
                    add(Change.Kind.SIGNATURE_ADDED, "catalog /OutputIntents added with a signature (" + where + ")");
                } else if (DSS.equals(key)) {
                    add(Change.Kind.VALIDATION_DATA_ADDED, "catalog /DSS (" + where + ")");
                } else if (CATALOG_SIGNING_KEYS.contains(key)) {
                    add(Change.Kind.SIGNATURE_ADDED, "catalog /" + key.getName() + " for a signature (" + where + ")");
                } else {
                    add(Change.Kind.UNDEFINED, "catalog /" + key.getName() + " changed (" + where + ")");
                }
            }
        }

        private void judgePage(COSDictionary old, COSDictionary now, String where) throws IOException {
            for (COSName key : differingKeys(old, now)) {
                if (COSName.ANNOTS.equals(key)) {
                    judgeArray(arrayOf(before, old.getItem(key)), arrayOf(after, now.getItem(key)),
                            where + " page /Annots");
                } else if (COSName.CONTENTS.equals(key) || COSName.RESOURCES.equals(key)) {
                    add(Change.Kind.CONTENT_CHANGED, "page /" + key.getName() + " changed (" + where + ")");
                } else {
                    add(Change.Kind.CONTENT_CHANGED, "page /" + key.getName() + " changed (" + where + ")");
                }
            }
        }

        private void judgeAcroForm(COSDictionary old, COSDictionary now, String where) throws IOException {
            for (COSName key : differingKeys(old, now)) {
                if (COSName.FIELDS.equals(key)) {
                    judgeArray(arrayOf(before, old.getItem(key)), arrayOf(after, now.getItem(key)),
                            where + " /AcroForm /Fields");
                } else if (SIG_FLAGS.equals(key) || COSName.DR.equals(key) || COSName.DA.equals(key)) {
                    add(Change.Kind.SIGNATURE_ADDED, "/AcroForm /" + key.getName() + " for a signature (" + where + ")");
                } else if (NEED_APPEARANCES.equals(key)) {
                    add(Change.Kind.FORM_FILLED, "/AcroForm /NeedAppearances set: viewers redraw the fields (" + where + ")");
                } else {
                    add(Change.Kind.UNDEFINED, "/AcroForm /" + key.getName() + " changed (" + where + ")");
                }
            }
        }

        /** An /Annots or /Fields array: only signature fields may be added, nothing removed. */
        private void judgeArray(COSArray old, COSArray now, String where) throws IOException {
            Set<String> oldRefs = new HashSet<>();
            for (COSBase item : old) {
                oldRefs.add(identity(item));
            }
            Set<String> newRefs = new HashSet<>();
            for (COSBase item : now) {
                newRefs.add(identity(item));
                if (oldRefs.contains(identity(item))) {
                    continue;
                }
                COSBase resolved = item instanceof COSObject o ? o.getObject() : item;
                if (resolved instanceof COSDictionary dict && isSignatureField(dict)) {
                    add(Change.Kind.SIGNATURE_ADDED, "signature field added in " + where);
                    noteLaterWidgets(dict);
                } else if (resolved instanceof COSDictionary dict && isAnnotation(dict)) {
                    add(Change.Kind.ANNOTATION_CHANGED, describe(dict) + " annotation added in " + where);
                } else if (resolved instanceof COSDictionary dict && isField(dict)) {
                    add(Change.Kind.FORM_FILLED, "form field added in " + where);
                } else {
                    add(Change.Kind.UNDEFINED, "entry added in " + where);
                }
            }
            for (String ref : oldRefs) {
                if (!newRefs.contains(ref)) {
                    add(where.contains("Annots") ? Change.Kind.ANNOTATION_CHANGED : Change.Kind.FORM_FILLED,
                            "entry removed from " + where);
                }
            }
        }

        private void judgeFieldOrAnnotation(COSDictionary old, COSDictionary now, String where) {
            Set<COSName> differing = differingKeys(old, now);
            if (isSignatureField(now)) {
                boolean wasSigned = old.getItem(COSName.V) != null;
                if (!wasSigned && SIGNATURE_FIELD_SIGNING_KEYS.containsAll(differing)) {
                    add(Change.Kind.SIGNATURE_ADDED, "empty signature field signed (" + where + ")");
                    noteLaterWidgets(now);
                } else {
                    add(Change.Kind.SIGNATURE_DICTIONARY_CHANGED, "signature field changed: " + differing + " (" + where + ")");
                }
            } else if (isField(now) && (differing.contains(COSName.V) || differing.contains(COSName.AP)
                    || differing.contains(COSName.AS))) {
                String name = now.getString(COSName.T, "?");
                add(Change.Kind.FORM_FILLED, "form field '" + name + "' value or appearance changed (" + where + ")");
            } else {
                add(Change.Kind.ANNOTATION_CHANGED, describe(now) + " annotation changed: " + differing + " (" + where + ")");
            }
        }

        private void add(Change.Kind kind, String description) {
            if (seen.add(kind + description)) {
                changes.add(new Change(kind, description));
            }
        }

        private static COSBase resolve(COSDocument doc, COSObjectKey key) throws IOException {
            COSObject object = doc.getObjectFromPool(key);
            return object == null ? null : object.getObject();
        }

        private static COSArray arrayOf(COSDocument doc, COSBase item) {
            COSBase resolved = item instanceof COSObject o ? o.getObject() : item;
            return resolved instanceof COSArray a ? a : new COSArray();
        }
    }

    static boolean isSignatureDictionary(COSDictionary dict) {
        COSName type = dict.getCOSName(COSName.TYPE);
        return COSName.SIG.equals(type) || DOC_TIME_STAMP.equals(type)
                || (dict.containsKey(COSName.BYTERANGE) && dict.containsKey(COSName.CONTENTS));
    }

    static boolean isValidationData(COSDictionary dict) {
        return DSS.equals(dict.getCOSName(COSName.TYPE)) || dict.containsKey(VRI)
                || (dict.containsKey(COSName.getPDFName("Certs")) && !dict.containsKey(COSName.TYPE))
                || dict.containsKey(COSName.getPDFName("OCSPs")) || dict.containsKey(COSName.getPDFName("CRLs"));
    }

    /** Certificates, OCSP responses and CRLs in a DSS are bare streams; they are new objects, never modified. */
    static boolean isValidationDataStream(COSStream stream) {
        return false;
    }

    static boolean isAnnotation(COSDictionary dict) {
        return COSName.ANNOT.equals(dict.getCOSName(COSName.TYPE))
                || (dict.containsKey(COSName.SUBTYPE) && dict.containsKey(COSName.RECT));
    }

    static boolean isField(COSDictionary dict) {
        return dict.containsKey(COSName.FT) || dict.containsKey(COSName.T) || dict.containsKey(COSName.PARENT)
                && !isAnnotation(dict);
    }

    static boolean isSignatureField(COSDictionary dict) {
        COSDictionary d = dict;
        for (int depth = 0; depth < 16 && d != null; depth++) {
            COSName ft = d.getCOSName(COSName.FT);
            if (ft != null) {
                return COSName.SIG.equals(ft);
            }
            d = d.getCOSDictionary(COSName.PARENT);
        }
        return false;
    }

    private static String describe(COSDictionary dict) {
        COSName subtype = dict.getCOSName(COSName.SUBTYPE);
        COSName type = dict.getCOSName(COSName.TYPE);
        return subtype != null ? subtype.getName() : type != null ? type.getName() : "dictionary";
    }

    /** Keys whose values differ (indirect references compared by object number). */
    static Set<COSName> differingKeys(COSDictionary old, COSDictionary now) {
        Set<COSName> keys = new LinkedHashSet<>(old.keySet());
        keys.addAll(now.keySet());
        Set<COSName> differing = new LinkedHashSet<>();
        for (COSName key : keys) {
            if (!sameValue(old.getItem(key), now.getItem(key))) {
                differing.add(key);
            }
        }
        return differing;
    }

    /** Structural equality; references are equal when they name the same object (depth-bounded). */
    static boolean sameValue(COSBase a, COSBase b) {
        return sameValue(a, b, 0);
    }

    private static boolean sameValue(COSBase a, COSBase b, int depth) {
        if (a == null || b == null) {
            return a == b;
        }
        if (depth > 32) {
            return false; // absurd nesting: treat as different, so it is judged (and fails) instead of recursing on
        }
        if (a instanceof COSObject ra || b instanceof COSObject) {
            if (!(a instanceof COSObject x) || !(b instanceof COSObject y)) {
                return false;
            }
            return x.getObjectNumber() == y.getObjectNumber() && x.getGenerationNumber() == y.getGenerationNumber();
        }
        if (a instanceof COSStream sa && b instanceof COSStream sb) {
            if (!sameDictionary(sa, sb, depth)) {
                return false;
            }
            try (var ia = sa.createRawInputStream(); var ib = sb.createRawInputStream()) {
                return java.util.Arrays.equals(ia.readAllBytes(), ib.readAllBytes());
            } catch (IOException e) {
                return false;
            }
        }
        if (a instanceof COSDictionary da && b instanceof COSDictionary db) {
            return sameDictionary(da, db, depth);
        }
        if (a instanceof COSArray aa && b instanceof COSArray ab) {
            if (aa.size() != ab.size()) {
                return false;
            }
            for (int i = 0; i < aa.size(); i++) {
                if (!sameValue(aa.get(i), ab.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof COSNumber na && b instanceof COSNumber nb) {
            return na.floatValue() == nb.floatValue();
        }
        if (a instanceof COSString sa && b instanceof COSString sb) {
            return java.util.Arrays.equals(sa.getBytes(), sb.getBytes());
        }
        if (a instanceof COSName || a instanceof COSBoolean || a instanceof COSNull) {
            return a.equals(b);
        }
        return false;
    }

    private static boolean sameDictionary(COSDictionary a, COSDictionary b, int depth) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<COSName, COSBase> e : a.entrySet()) {
            COSName key = e.getKey();
            if (COSName.LENGTH.equals(key) && a instanceof COSStream) {
                continue; // the raw bytes are compared instead
            }
            if (!sameValue(e.getValue(), b.getItem(key), depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private static String identity(COSBase item) {
        if (item instanceof COSObject o) {
            return o.getObjectNumber() + " " + o.getGenerationNumber() + " R";
        }
        return "direct@" + System.identityHashCode(item);
    }
}
