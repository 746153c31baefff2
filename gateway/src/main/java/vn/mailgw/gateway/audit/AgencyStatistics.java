package vn.mailgw.gateway.audit;

/**
 * Counts for one agency over one period (tuyenquang-2013 Art 13: per-unit quarterly reports, yearly statistics).
 * {@code agency} is null for senders that are no agency's.
 */
public record AgencyStatistics(String agency, long messages, long delivered, long refused, long failed,
                               long documents, long paperEquivalent, long notPaperEquivalent, long otherDocuments) {

    AgencyStatistics plus(AgencyStatistics o) {
        return new AgencyStatistics(agency, messages + o.messages, delivered + o.delivered, refused + o.refused,
                failed + o.failed, documents + o.documents, paperEquivalent + o.paperEquivalent,
                notPaperEquivalent + o.notPaperEquivalent, otherDocuments + o.otherDocuments);
    }
}
