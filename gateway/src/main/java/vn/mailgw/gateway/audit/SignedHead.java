package vn.mailgw.gateway.audit;

/** A chain head as stored, with the node key's signature over {@link ChainHead#signedText()}. */
public record SignedHead(ChainHead head, String keyId, String signature) {}
