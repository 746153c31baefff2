package vn.mailgw.validation.classify;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import vn.mailgw.validation.filetype.DecodeBudget;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.filetype.PdfBytes;
import vn.mailgw.validation.filetype.PdfContentBudget;
import vn.mailgw.validation.filetype.PdfFilterChain;
import vn.mailgw.validation.filetype.PdfLoader;
import vn.mailgw.validation.filetype.PdfStructureStreams;
import vn.mailgw.validation.filetype.ZipEntries;

/**
 * Gets the text of a document, bounded in pages and characters: PDF (PDFBox), DOCX (document.xml streamed,
 * {@link DocxText}), XLSX (POI's event API, {@link XlsxText}), ODT (content.xml read with StAX, no full ODF
 * library needed), plain text; the zip-based ones read lazily from the bytes ({@link ZipEntries}). A PDF whose
 * first pages carry (almost) no letters is a scan: its first pages are rendered for OCR instead.
 */
final class TextExtractor {

    private final ClassifierConfig config;

    /** CPU one page may take to render for OCR ({@link BoundedPageRenderer}). */
    private final java.time.Duration renderBudget;

    TextExtractor(ClassifierConfig config) {
        this(config, PdfRenderBudget.MAX_RENDER_CPU);
    }

    /** Tests: another render budget. */
    TextExtractor(ClassifierConfig config, java.time.Duration renderBudget) {
        this.config = config;
        this.renderBudget = renderBudget;
    }

    Extraction extract(byte[] content, FileType type, boolean renderScans) {
        try {
            if (type == FileType.DOCX || type == FileType.XLSX || type == FileType.ODT) {
                return officePackage(content, type);
            }
            switch (type) {
                case PDF:
                    return pdf(content, renderScans);
                case TEXT:
                case HTML:
                case XML:
                    return new Extraction.Text(bounded(plainText(content)), Set.of());
                case PNG:
                case JPEG:
                case TIFF:
                case GIF:
                    return image(content, renderScans);
                default:
                    return new Extraction.Unsupported("no text extraction for " + type);
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // Damaged or hostile input (nesting deep enough to exhaust a parser's stack too): a value, not a crash
            // (the gateway must keep running).
            return new Extraction.Unreadable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Extraction pdf(byte[] content, boolean renderScans) throws IOException {
        Optional<String> bomb = PdfStructureStreams.tooLarge(content, PdfStructureStreams.DEFAULT_MAX_INFLATED_BYTES);
        if (bomb.isPresent()) {
            return new Extraction.Unreadable("PDF not opened: " + bomb.get());
        }
        try (PDDocument document = PdfLoader.load(content)) {
            PdfPages read = PdfPages.toRead(document.getNumberOfPages(), config.maxPages());
            PdfContentBudget budget = new PdfContentBudget(PdfContentBudget.DEFAULT_BYTES);
            PdfLineText reader = new PdfLineText(budget);
            StringBuilder text = new StringBuilder();
            for (int pageNumber : read.pageNumbers()) {
                PDPage page = document.getPage(pageNumber - 1);
                PdfBytes inflatedContent = budget.charge(page);
                text.append(reader.read(page, inflatedContent)).append('\n');
            }
            if (countLetters(text) >= config.textLayerMinChars()) {
                return new Extraction.Text(bounded(text.toString()), pdfFontNames(document, read));
            }
            // No text layer on the pages that decide the answer: a scan. Only its first page(s) are OCRed.
            List<BufferedImage> images = new ArrayList<>();
            if (renderScans) {
                PDFRenderer renderer = new BoundedPageRenderer(document, renderBudget);
                for (int i = 0; i < Math.min(document.getNumberOfPages(), config.ocrPages()); i++) {
                    PDPage page = document.getPage(i);
                    Optional<String> tooCostly = PdfRenderBudget.refusal(page, config.ocrDpi(), budget);
                    if (tooCostly.isPresent()) {
                        return new Extraction.Unreadable("scanned page " + (i + 1) + " not rendered for OCR: "
                                + tooCostly.get());
                    }
                    try {
                        images.add(renderer.renderImageWithDPI(i, PdfRenderBudget.dpi(page, config.ocrDpi()), ImageType.GRAY));
                    } catch (BoundedPageRenderer.TooCostly e) {
                        return new Extraction.Unreadable("scanned page " + (i + 1) + " not rendered for OCR: "
                                + e.getMessage());
                    }
                }
            }
            return new Extraction.Scanned(images);
        } catch (PdfFilterChain.TooLarge e) {
            // an object stream PDFBox would have decoded whole (e.g. an encrypted file's, which the check above
            // cannot see into)
            return new Extraction.Unreadable("PDF not read: an object stream " + e.getMessage());
        } catch (DecodeBudget.Exceeded e) {
            return new Extraction.Unreadable("PDF not read: " + e.getMessage());
        } catch (PdfLineText.TooMuchDrawing e) {
            return new Extraction.Unreadable("PDF not read: " + e.getMessage());
        }
    }

    /**
     * Font names as the page resources declare them (BaseFont), read from the dictionaries without loading
     * the fonts: parsing embedded font programs would cost more than the whole classification.
     */
    private static Set<String> pdfFontNames(PDDocument document, PdfPages read) {
        Set<String> names = new LinkedHashSet<>();
        for (int pageNumber : read.pageNumbers()) {
            PDResources resources = document.getPage(pageNumber - 1).getResources();
            COSDictionary fonts = resources == null ? null : resources.getCOSObject().getCOSDictionary(COSName.FONT);
            if (fonts == null) {
                continue;
            }
            for (COSName key : fonts.keySet()) {
                COSDictionary font = fonts.getCOSDictionary(key);
                String base = font == null ? null : font.getNameAsString(COSName.BASE_FONT);
                if (base != null) {
                    names.add(base.contains("+") ? base.substring(base.indexOf('+') + 1) : base); // drop subset tag
                }
            }
        }
        return names;
    }

    private Extraction image(byte[] content, boolean renderScans) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(content));
        if (image == null) {
            return new Extraction.Unreadable("image could not be decoded");
        }
        return new Extraction.Scanned(renderScans ? List.of(image) : List.of());
    }

    /**
     * A zip-based document read lazily ({@link ZipEntries}): only the parts holding the text are inflated, each only
     * as far as the first {@code maxChars} need, all within the zip budget. A package whose central directory is over
     * the budget is not opened; a part that exceeds it while being read stops the reading. (Inflating the whole
     * package first, to measure it, cost 40-110 ms for a .docx of 95 MB of XML, of which the text needs the first MB.)
     */
    private Extraction officePackage(byte[] content, FileType type) {
        try {
            return officePackage(ZipEntries.of(content), type);
        } catch (ZipEntries.Refused e) {
            return new Extraction.Unreadable(type + " package not opened: " + e.getMessage());
        }
    }

    /** The text of a listed package (DOCX, XLSX or ODT); {@code zip} counts what the reading inflated. */
    Extraction officePackage(ZipEntries zip, FileType type) {
        Extraction read;
        try {
            read = switch (type) {
                case DOCX -> DocxText.read(zip, config.maxChars());
                case XLSX -> XlsxText.read(zip, config.maxChars());
                default -> odt(zip);
            };
        } catch (IOException | XMLStreamException | RuntimeException e) {
            read = new Extraction.Unreadable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Optional<IOException> refused = zip.firstFailure().filter(ZipEntries.Refused.class::isInstance);
        if (refused.isPresent()) {
            // Said as the zip budget says it, whatever the XML parser or POI made of the interrupted stream.
            return new Extraction.Unreadable(type + " package not read: " + refused.get().getMessage());
        }
        return read instanceof Extraction.Text text ? new Extraction.Text(bounded(text.text()), text.fontNames()) : read;
    }

    /** ODT: paragraphs and headings of content.xml, each on its own line; font-face names for legacy fonts. */
    private Extraction odt(ZipEntries zip) throws IOException, XMLStreamException {
        Optional<ZipEntries.Entry> content = zip.find("content.xml");
        if (content.isEmpty()) {
            return new Extraction.Unreadable("ODT package without content.xml");
        }
        try (InputStream xml = zip.open(content.get())) {
            return odtContent(new BoundedInputStream(xml, 32L * config.maxChars()));
        }
    }

    private Extraction odtContent(InputStream xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false); // no entities, no external fetches
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader reader = factory.createXMLStreamReader(xml, "UTF-8");
        StringBuilder text = new StringBuilder();
        Set<String> fonts = new LinkedHashSet<>();
        while (reader.hasNext() && text.length() <= config.maxChars()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String local = reader.getLocalName();
                if (local.equals("font-face")) {
                    String name = reader.getAttributeValue(null, "name");
                    for (int i = 0; name == null && i < reader.getAttributeCount(); i++) {
                        if (reader.getAttributeLocalName(i).equals("name")) {
                            name = reader.getAttributeValue(i);
                        }
                    }
                    if (name != null) {
                        fonts.add(name);
                    }
                } else if (local.equals("tab")) {
                    text.append('\t');
                } else if (local.equals("s")) {
                    text.append(' ');
                } else if (local.equals("line-break")) {
                    text.append('\n');
                }
            } else if (event == XMLStreamConstants.CHARACTERS) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                String local = reader.getLocalName();
                if (local.equals("p") || local.equals("h")) {
                    text.append('\n');
                }
            }
        }
        reader.close();
        return new Extraction.Text(bounded(text.toString()), fonts);
    }

    /** UTF-8 (with or without BOM), UTF-16 with BOM, otherwise Windows-1252 (where TCVN3/VNI text lives). */
    static String plainText(byte[] content) {
        if (content.length >= 2 && (content[0] & 0xFF) == 0xFE && (content[1] & 0xFF) == 0xFF) {
            return new String(content, StandardCharsets.UTF_16);
        }
        if (content.length >= 2 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xFE) {
            return new String(content, StandardCharsets.UTF_16);
        }
        try {
            String utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
            return utf8.startsWith("\uFEFF") ? utf8.substring(1) : utf8;
        } catch (CharacterCodingException notUtf8) {
            // Legacy 8-bit text. ISO-8859-1 maps every byte to the same code point, which is what the
            // TCVN3 and VNI tables are written against.
            return new String(content, Charset.forName("ISO-8859-1"));
        }
    }

    private String bounded(String text) {
        String nfc = Nfc.of(text);
        return nfc.length() <= config.maxChars() ? nfc : nfc.substring(0, config.maxChars());
    }

    static int countLetters(CharSequence text) {
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 ? DocumentMarks.isAsciiLetter(c) : Character.isLetter(c)) {
                letters++;
            }
        }
        return letters;
    }

    /** Stops a decompression bomb in content.xml: reading past the limit is an error, not a hang. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining-- <= 0) {
                throw new IOException("content.xml larger than the configured limit");
            }
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                throw new IOException("content.xml larger than the configured limit");
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
