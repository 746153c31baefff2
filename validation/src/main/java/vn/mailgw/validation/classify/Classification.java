package vn.mailgw.validation.classify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a document is, by what evidence, and what marks it carries.
 *
 * @param type       the type (UNDETERMINED when nothing said)
 * @param category   the category of the active profile (empty for UNDETERMINED)
 * @param confidence 0..1, from the weight of the agreeing evidence
 * @param evidence   everything that pointed at a type, strongest first
 * @param issuingAgency agency abbreviation from the number line ("UBND", "SKHCN", "UBND-VP")
 * @param number     the number line, when found
 * @param urgency    the strongest urgency mark, when any
 * @param draft      true when the "Dự thảo" mark stands on a line of its own
 * @param secrecy    secrecy mark finding (undetermined when the text could not be read)
 * @param scanned    true when the file had no text layer (a scan)
 * @param ocr        whether OCR ran and how it went
 * @param encoding   the text encoding found (legacy TCVN3/VNI do not comply)
 * @param notices    things the clerk should be told, bilingual
 */
public record Classification(DocumentType type, Optional<ProfileCategory> category, double confidence,
                             List<Evidence> evidence, Optional<String> issuingAgency, Optional<DocumentNumber> number,
                             Optional<UrgencyMark> urgency, boolean draft, SecrecyFinding secrecy, boolean scanned,
                             OcrStatus ocr, EncodingFinding encoding, List<Notice> notices) {

    public Classification {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(issuingAgency, "issuingAgency");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(secrecy, "secrecy");
        Objects.requireNonNull(ocr, "ocr");
        Objects.requireNonNull(encoding, "encoding");
        evidence = List.copyOf(evidence);
        notices = List.copyOf(notices);
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
        }
        if (type == DocumentType.UNDETERMINED && confidence != 0) {
            throw new IllegalArgumentException("an undetermined type has confidence 0");
        }
    }

    /** Short label for stamps and headers: "Quyết định", "Quyết định (dự thảo)", "Chưa xác định". */
    public String labelVi() {
        return type.nameVi() + (draft && type != DocumentType.DU_THAO_XIN_Y_KIEN ? " (dự thảo)" : "");
    }
}
