package vn.mailgw.validation.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hints from the file name ("Quyet dinh 125-UBND.pdf", "45_KH_SKHCN.docx") and the mail subject: type
 * names as phrases, then abbreviations as separate tokens. Weaker than anything in the document.
 */
final class NameEvidence {

    static final double FILE_PHRASE = 0.25;
    static final double FILE_TOKEN = 0.15;
    static final double SUBJECT_PHRASE = 0.2;
    static final double SUBJECT_TOKEN = 0.1;

    /** Abbreviations distinctive enough to trust as a bare token in a name ("ct", "sl", "pc"... are not). */
    private static final Map<String, List<DocumentType>> TOKENS = Map.ofEntries(
            Map.entry("nq", List.of(DocumentType.NGHI_QUYET)), Map.entry("qd", List.of(DocumentType.QUYET_DINH)),
            Map.entry("qyd", List.of(DocumentType.QUY_DINH)), Map.entry("tb", List.of(DocumentType.THONG_BAO)),
            Map.entry("kh", List.of(DocumentType.KE_HOACH)), Map.entry("bc", List.of(DocumentType.BAO_CAO)),
            Map.entry("ttr", List.of(DocumentType.TO_TRINH)), Map.entry("gm", List.of(DocumentType.GIAY_MOI)),
            Map.entry("bb", List.of(DocumentType.BIEN_BAN)), Map.entry("ctr", List.of(DocumentType.CHUONG_TRINH)),
            Map.entry("cv", List.of(DocumentType.CONG_VAN)), Map.entry("lct", List.of(DocumentType.LICH_CONG_TAC)),
            Map.entry("gtt", List.of(DocumentType.GIAY_TRIEU_TAP)), Map.entry("guq", List.of(DocumentType.GIAY_UY_QUYEN)),
            Map.entry("ggt", List.of(DocumentType.GIAY_GIOI_THIEU)), Map.entry("gnp", List.of(DocumentType.GIAY_NGHI_PHEP)),
            Map.entry("bgn", List.of(DocumentType.BAN_GHI_NHO)), Map.entry("btt", List.of(DocumentType.BAN_THOA_THUAN)),
            Map.entry("hd", List.of(DocumentType.HUONG_DAN, DocumentType.HOP_DONG)));

    private NameEvidence() {}

    static void collect(String name, Evidence.Source source, List<Evidence> evidence) {
        if (name == null || name.isBlank()) {
            return;
        }
        String base = source == Evidence.Source.FILE_NAME ? name.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "") : name;
        String folded = " " + VietnameseFolding.foldWords(base) + " ";
        Set<DocumentType> phrases = new LinkedHashSet<>();
        for (Map.Entry<String, DocumentType> heading : TitleHeading.all()) {
            String key = " " + heading.getKey() + " ";
            if (folded.contains(key)) {
                phrases.add(heading.getValue());
                folded = folded.replace(key, " "); // "giay moi" must not also count as "thu moi"...
            }
        }
        double phraseWeight = source == Evidence.Source.FILE_NAME ? FILE_PHRASE : SUBJECT_PHRASE;
        for (DocumentType type : phrases) {
            evidence.add(new Evidence(source, name, type, phraseWeight / phrases.size()));
        }
        if (!phrases.isEmpty()) {
            return;
        }
        List<DocumentType> tokens = new ArrayList<>();
        for (String token : folded.replaceAll("[0-9]+", " ").trim().split("\\s+")) {
            for (DocumentType type : TOKENS.getOrDefault(token, List.of())) {
                if (!tokens.contains(type)) {
                    tokens.add(type);
                }
            }
        }
        double tokenWeight = source == Evidence.Source.FILE_NAME ? FILE_TOKEN : SUBJECT_TOKEN;
        for (DocumentType type : tokens) {
            evidence.add(new Evidence(source, name, type, tokenWeight / tokens.size()));
        }
    }
}
