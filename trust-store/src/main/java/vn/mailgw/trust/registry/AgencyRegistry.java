package vn.mailgw.trust.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The province's directory of official mailboxes (the "agency registry"), immutable. Lookups are
 * case-insensitive on the whole address, as mail systems treat official addresses (daknong-2012 Art 3.5:
 * addresses are unique).
 */
public final class AgencyRegistry {

    public static final AgencyRegistry EMPTY = new AgencyRegistry(List.of());

    private final Map<String, AgencyEntry> byAddress;

    public AgencyRegistry(Collection<AgencyEntry> entries) {
        Map<String, AgencyEntry> map = new LinkedHashMap<>();
        for (AgencyEntry e : entries) {
            if (map.putIfAbsent(e.address(), e) != null) {
                throw new IllegalArgumentException("duplicate address in registry: " + e.address());
            }
        }
        this.byAddress = Map.copyOf(map);
    }

    public Optional<AgencyEntry> lookup(String address) {
        if (address == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byAddress.get(address.strip().toLowerCase(Locale.ROOT)));
    }

    public Collection<AgencyEntry> entries() {
        return byAddress.values();
    }

    public int size() {
        return byAddress.size();
    }

    /**
     * The agency that owns a mailbox: the entry itself for units and communes, otherwise the nearest
     * ancestor that is one (a department's or a civil servant's mailbox belongs to its agency).
     */
    public AgencyEntry owningAgency(AgencyEntry entry) {
        AgencyEntry current = entry;
        for (int depth = 0; depth < 8; depth++) {
            if (current.kind() == AgencyKind.UNIT || current.kind() == AgencyKind.COMMUNE) {
                return current;
            }
            Optional<AgencyEntry> parent = current.parent().flatMap(this::lookup);
            if (parent.isEmpty()) {
                return current;
            }
            current = parent.get();
        }
        return current;
    }

    /**
     * Whether a signer belongs to the agency owning this mailbox: the mailbox's own identity rules, or those
     * of its ancestors up to the owning agency.
     */
    public boolean signerBelongsTo(SignerIdentity signer, AgencyEntry mailbox) {
        AgencyEntry current = mailbox;
        for (int depth = 0; depth < 8; depth++) {
            if (current.identity().matches(signer)) {
                return true;
            }
            if (current.kind() == AgencyKind.UNIT || current.kind() == AgencyKind.COMMUNE) {
                return false;
            }
            Optional<AgencyEntry> parent = current.parent().flatMap(this::lookup);
            if (parent.isEmpty()) {
                return false;
            }
            current = parent.get();
        }
        return false;
    }

    /** The agencies (units and communes) whose identity rules name this signer, e.g. to say who signed. */
    public List<AgencyEntry> agenciesIdentifying(SignerIdentity signer) {
        List<AgencyEntry> found = new ArrayList<>();
        for (AgencyEntry e : byAddress.values()) {
            if (!e.identity().isEmpty() && e.identity().matches(signer)) {
                found.add(e);
            }
        }
        return found;
    }
}
