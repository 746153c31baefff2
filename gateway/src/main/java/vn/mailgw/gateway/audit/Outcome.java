package vn.mailgw.gateway.audit;

/** What happened to a message as a whole (sonla-2025 Art 11.1 asks for the system errors too). */
public enum Outcome {
    /** The next hop (or the local Maildir) took the message and the client got 250. */
    DELIVERED,
    /** The client got a 5xx: the message was refused for a rule. */
    REFUSED,
    /** The client got a 4xx or the gateway faulted: the message stays the client's to retry. */
    FAILED
}
