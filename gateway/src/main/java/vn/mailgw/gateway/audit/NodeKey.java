package vn.mailgw.gateway.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * The node's Ed25519 signing key, kept in the data dir ({@code audit-<node>.key}, owner-only) and generated
 * on first start. It signs chain heads and purge checkpoints, so someone who can write to the database but
 * not read this file cannot forge a head for a cut chain nor a checkpoint for a purge that did not happen.
 */
public final class NodeKey {

    static final String ALGORITHM = "Ed25519";

    private final KeyPair keyPair;
    private final String keyId;
    /**
     * The same private key for BouncyCastle's Ed25519, which signs many times faster than the JDK 17 provider
     * (the JDK's was a quarter of the gateway's CPU under load: every audit commit signs its chain head).
     * Ed25519 signatures are deterministic (RFC 8032), so both give the same bytes and the JDK verifies them.
     */
    private final Ed25519PrivateKeyParameters signingKey;

    private NodeKey(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.keyId = keyIdOf(keyPair.getPublic());
        try {
            this.signingKey = (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(keyPair.getPrivate().getEncoded());
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("the audit node key is not an Ed25519 key", e);
        }
    }

    /** Loads the node's key from {@code dir}, generating and saving it first when there is none. */
    public static NodeKey loadOrCreate(Path dir, String nodeId) {
        AuditIds.requireValidNodeId(nodeId);
        Path file = dir.resolve("audit-" + nodeId + ".key");
        try {
            if (Files.exists(file)) {
                return fromFile(Files.readAllLines(file, StandardCharsets.US_ASCII));
            }
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "audit-key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Not a POSIX file system: the folder's own permissions have to protect the key.
            }
            Base64.Encoder b64 = Base64.getEncoder();
            // The JDK cannot derive an Ed25519 public key from the private one, so the file keeps both.
            Files.writeString(tmp, "private " + b64.encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + "public " + b64.encodeToString(pair.getPublic().getEncoded()) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return new NodeKey(pair);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the audit node key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot load the audit node key " + file, e);
        }
    }

    private static NodeKey fromFile(java.util.List<String> lines) throws GeneralSecurityException {
        String priv = null;
        String pub = null;
        for (String line : lines) {
            if (line.startsWith("private ")) {
                priv = line.substring(8).strip();
            } else if (line.startsWith("public ")) {
                pub = line.substring(7).strip();
            }
        }
        if (priv == null || pub == null) {
            throw new IllegalArgumentException("key file must have a 'private' and a 'public' line");
        }
        KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
        PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(priv)));
        PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pub)));
        return new NodeKey(new KeyPair(publicKey, privateKey));
    }

    public String keyId() {
        return keyId;
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded());
    }

    public String sign(String message) {
        Ed25519Signer signer = new Ed25519Signer(); // not thread-safe: one per signature
        signer.init(true, signingKey);
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        signer.update(bytes, 0, bytes.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }

    /** Checks a signature made by {@link #sign} with the public key as stored in the database. */
    public static boolean verify(String publicKeyBase64, String message, String signatureBase64) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static String keyIdOf(PublicKey key) {
        return CanonicalForm.sha256Hex(key.getEncoded()).substring(0, 16);
    }
}
