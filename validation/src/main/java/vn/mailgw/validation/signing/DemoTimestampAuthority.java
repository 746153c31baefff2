package vn.mailgw.validation.signing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;

/**
 * An RFC 3161 timestamp authority inside the JVM (BouncyCastle's token generator), plugged into
 * DSS as its {@link TSPSource}: PAdES-T samples without a network TSA. Demo and tests only.
 */
public final class DemoTimestampAuthority implements TSPSource {

    private static final long serialVersionUID = 1L;
    /** An arbitrary demo policy OID (under the 1.3.6.1.4.1.55555 private arc; no meaning). */
    private static final ASN1ObjectIdentifier DEMO_POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.1");

    private final transient IssuedCertificate unit;
    private final transient Supplier<Instant> clock;
    private final AtomicLong serial = new AtomicLong(1);

    public DemoTimestampAuthority(IssuedCertificate unit, Supplier<Instant> clock) {
        this.unit = Objects.requireNonNull(unit, "unit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public TimestampBinary getTimeStampResponse(DigestAlgorithm digestAlgorithm, byte[] digest) {
        try {
            SignerInfoGenerator signerInfo = new JcaSimpleSignerInfoGeneratorBuilder()
                    .build(CertificateProfile.DEFAULT_SIGNATURE_ALGORITHM, unit.privateKey(), unit.certificate());
            DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build()
                    .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                            org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signerInfo, sha1, DEMO_POLICY);
            tokens.addCertificates(new JcaCertStore(unit.fullChain()));
            TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
            requests.setCertReq(true); // BouncyCastle embeds the TSA certificate only when asked to
            TimeStampRequest request = requests.generate(new ASN1ObjectIdentifier(digestAlgorithm.getOid()), digest);
            TimeStampResponse response = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
                    .generate(request, BigInteger.valueOf(serial.getAndIncrement()), Date.from(clock.get()));
            response.validate(request);
            return new TimestampBinary(response.getTimeStampToken().getEncoded());
        } catch (GeneralSecurityException | TSPException | org.bouncycastle.operator.OperatorCreationException
                 | java.io.IOException e) {
            throw new DSSException("demo TSA failed: " + e.getMessage(), e);
        }
    }
}
