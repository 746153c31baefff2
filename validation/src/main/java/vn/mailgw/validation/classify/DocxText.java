package vn.mailgw.validation.classify;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import vn.mailgw.validation.filetype.ZipEntries;

/**
 * The text of a .docx, read from its main document part with StAX and stopped after {@code maxChars}: POI's
 * {@code XWPFDocument} builds the whole part as objects first, and a 3.7 MB .docx whose document.xml is 95 MB of
 * plain paragraphs (26:1, no zip bomb) ran for 77 s and then out of a 1 GB heap; this reads the first pages and stops.
 * Only the package relationships and the main part are inflated, and the main part only as far as it is read
 * ({@link ZipEntries}: a zip reader over the bytes, within the zip budget).
 *
 * <p>It reads what the POI-based extraction read: paragraphs of the body and of table cells in document order, one
 * line each, with their tabs and breaks; the fonts runs name directly ({@code w:rFonts/@w:ascii}, which is how a
 * TCVN3 or VNI font shows). Not read, as before: text boxes and drawings, content controls at body level, deleted
 * text, field codes.
 */
final class DocxText {

    private static final String MAIN_PART_DEFAULT = "word/document.xml";
    private static final String PACKAGE_RELATIONSHIPS = "_rels/.rels";
    private static final String OFFICE_DOCUMENT = "/officeDocument";
    private static final Set<String> WORD_NAMESPACES = Set.of(
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            "http://purl.oclc.org/ooxml/wordprocessingml/main");
    /** Word elements whose content is not the body's running text (drawings, text boxes, embedded objects). */
    private static final Set<String> NOT_BODY_TEXT = Set.of("drawing", "pict", "object", "txbxContent");

    private DocxText() {}

    static Extraction read(ZipEntries docx, int maxChars) throws IOException, XMLStreamException {
        String main = mainPartName(docx).orElse(MAIN_PART_DEFAULT);
        Optional<ZipEntries.Entry> entry = docx.find(main);
        if (entry.isEmpty()) {
            return new Extraction.Unreadable("DOCX package without its main document part " + main);
        }
        try (InputStream part = docx.open(entry.get())) {
            return body(part, maxChars);
        }
    }

    /** The target of the package's officeDocument relationship (usually word/document.xml). */
    private static Optional<String> mainPartName(ZipEntries docx) throws IOException, XMLStreamException {
        Optional<ZipEntries.Entry> rels = docx.find(PACKAGE_RELATIONSHIPS);
        if (rels.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = docx.open(rels.get())) {
            XMLStreamReader reader = xml(in);
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT
                        && reader.getLocalName().equals("Relationship")
                        && String.valueOf(reader.getAttributeValue(null, "Type")).endsWith(OFFICE_DOCUMENT)) {
                    String target = reader.getAttributeValue(null, "Target");
                    // Relative to the package root ("word/document.xml", "/word/document.xml", "./word/...").
                    return Optional.ofNullable(target).map(t -> t.replaceFirst("^\\.?/", ""));
                }
            }
            return Optional.empty();
        }
    }

    private static Extraction body(InputStream part, int maxChars) throws XMLStreamException {
        XMLStreamReader reader = xml(part);
        StringBuilder text = new StringBuilder();
        Set<String> fonts = new LinkedHashSet<>();
        int depth = 0;
        int bodyDepth = -1;
        int skippedAt = -1; // depth of the element whose content is being skipped, -1 when none
        int runDepth = -1;
        boolean inText = false;
        while (reader.hasNext() && text.length() <= maxChars) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (skippedAt >= 0) {
                    continue;
                }
                String local = reader.getLocalName();
                boolean word = WORD_NAMESPACES.contains(reader.getNamespaceURI());
                if (local.equals("AlternateContent") || (word && NOT_BODY_TEXT.contains(local))
                        || (word && local.equals("sdt") && depth == bodyDepth + 1)) {
                    skippedAt = depth;
                } else if (word) {
                    switch (local) {
                        case "body" -> bodyDepth = depth;
                        case "r" -> runDepth = depth;
                        case "t" -> inText = runDepth >= 0;
                        case "tab" -> appendInRun(text, '\t', runDepth);
                        case "br", "cr" -> appendInRun(text, '\n', runDepth);
                        case "rFonts" -> {
                            String ascii = wordAttribute(reader, "ascii");
                            if (runDepth >= 0 && ascii != null) {
                                fonts.add(ascii);
                            }
                        }
                        default -> { }
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (skippedAt >= 0) {
                    if (depth == skippedAt) {
                        skippedAt = -1;
                    }
                } else if (WORD_NAMESPACES.contains(reader.getNamespaceURI())) {
                    switch (reader.getLocalName()) {
                        case "p" -> text.append('\n');
                        case "t" -> inText = false;
                        case "r" -> runDepth = -1;
                        default -> { }
                    }
                }
                depth--;
            } else if (inText && skippedAt < 0 && (event == XMLStreamConstants.CHARACTERS
                    || event == XMLStreamConstants.CDATA || event == XMLStreamConstants.SPACE)) {
                text.append(reader.getText());
            }
        }
        reader.close();
        return new Extraction.Text(text.toString(), fonts);
    }

    private static void appendInRun(StringBuilder text, char c, int runDepth) {
        if (runDepth >= 0) { // a w:tab outside a run is a tab stop of the paragraph's properties
            text.append(c);
        }
    }

    private static String wordAttribute(XMLStreamReader reader, String local) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (reader.getAttributeLocalName(i).equals(local) && WORD_NAMESPACES.contains(reader.getAttributeNamespace(i))) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    /** A reader that resolves no DTD and no external entity (the file comes from outside). */
    private static XMLStreamReader xml(InputStream in) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory.createXMLStreamReader(in); // the encoding as the XML declaration states it
    }
}
