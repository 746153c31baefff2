package vn.mailgw.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NodeKey signs with BouncyCastle; the signatures must be exactly the JDK's (old heads stay verifiable). */
class NodeKeySignatureTest {

    @Test
    void signatureIsTheJdkSignatureAndVerifies(@TempDir Path dir) throws Exception {
        NodeKey key = NodeKey.loadOrCreate(dir, "node1");
        String text = "node1|42|c0ffee|Văn thư";
        String signature = key.sign(text);

        assertTrue(NodeKey.verify(key.publicKeyBase64(), text, signature));
        assertFalse(NodeKey.verify(key.publicKeyBase64(), text + "x", signature));

        String privateLine = Files.readAllLines(dir.resolve("audit-node1.key")).stream()
                .filter(l -> l.startsWith("private ")).findFirst().orElseThrow().substring(8);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateLine))));
        jdk.update(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(Base64.getEncoder().encodeToString(jdk.sign()), signature);

        // A reloaded key (from the file) signs the same.
        assertEquals(signature, NodeKey.loadOrCreate(dir, "node1").sign(text));
    }
}
