package vn.mailgw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import vn.mailgw.validation.signing.CertificateAuthority;
import vn.mailgw.validation.signing.CertificateProfile;
import vn.mailgw.validation.signing.DocumentSigner;
import vn.mailgw.validation.signing.IssuedCertificate;
import vn.mailgw.validation.signing.SamplePdfWriter;
import vn.mailgw.validation.signing.SignOptions;
import vn.mailgw.validation.signing.VnSubject;

class CheckCommandTest {

    private static final Path VIETNAM = Path.of(System.getProperty("shared.dir", "../../shared"), "trust-anchors", "vietnam");

    private record Run(int exit, String out, String err) {}

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void checkShouldPrintVietnameseAndEnglishTableWhenSignedPdfChecked(@TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        CertificateAuthority root = CertificateAuthority.root(VnSubject.ca("DEMO RootCA", "DEMO"),
                CertificateProfile.valid(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))),
                CertificateAuthority.seededRandom("cli"));
        IssuedCertificate agency = root.issue(VnSubject.agency("Sở Tài chính", "Ủy ban nhân dân tỉnh Demo", "Demo",
                "stc@demo.gov.vn", "0100000001", "1000001"),
                CertificateProfile.valid(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))));
        Path pdf = dir.resolve("quyet-dinh.pdf");
        Files.write(pdf, DocumentSigner.signPdf(SamplePdfWriter.vietnameseDecision("1/2026/QĐ-UBND", "UBND"), agency,
                SignOptions.at(now.minusSeconds(30))));
        Path trust = Files.createDirectory(dir.resolve("trust"));
        Files.writeString(trust.resolve("demo-root.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(root.certificate().certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        Files.writeString(trust.resolve("trust-manifest.yaml"), "entries:\n  - file: demo-root.pem\n    family: test\n");

        Run result = run(new CheckCommand(), pdf.toString(), "--trust", trust.toString(), "--offline");

        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(1);
        assertThat(result.out()).contains("Tệp / File: quyet-dinh.pdf")
                .contains("CHƯA XÁC ĐỊNH ĐƯỢC / INDETERMINATE")
                .contains("Người ký / Signer: Sở Tài chính")
                .contains("MST:0100000001, MNS:1000001")
                .contains("stc@demo.gov.vn")
                .contains("(test)")
                .contains("REVOCATION_UNKNOWN")
                .contains("toàn bộ tệp / whole file");
    }

    @Test
    void checkShouldReadOfficeSignaturesAndContainersWhenFileIsDocxOrAsice(@TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        CertificateProfile validity = CertificateProfile.valid(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        CertificateAuthority root = CertificateAuthority.root(VnSubject.ca("DEMO RootCA", "DEMO"), validity,
                CertificateAuthority.seededRandom("cli-office"));
        IssuedCertificate agency = root.issue(VnSubject.agency("Sở Tài chính", "Ủy ban nhân dân tỉnh Demo", "Demo",
                "stc@demo.gov.vn", "0100000001", "1000001"), validity);
        Path trust = Files.createDirectory(dir.resolve("trust"));
        Files.writeString(trust.resolve("demo-root.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(root.certificate().certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        Files.writeString(trust.resolve("trust-manifest.yaml"), "entries:\n  - file: demo-root.pem\n    family: test\n");
        byte[] docx = vn.mailgw.validation.signing.SampleOfficeWriter.docx("KẾ HOẠCH", "Năm 2026");
        Path signedDocx = Files.write(dir.resolve("ke-hoach.docx"), vn.mailgw.validation.signing.OfficeSigner.signOoxml(
                docx, agency, SignOptions.at(now.minusSeconds(30))));
        Path asice = Files.write(dir.resolve("ke-hoach.asice"), vn.mailgw.validation.signing.ContainerSigner.signAsic(
                docx, "ke-hoach.docx", agency, SignOptions.at(now.minusSeconds(30)),
                eu.europa.esig.dss.enumerations.ASiCContainerType.ASiC_E,
                vn.mailgw.validation.signing.ContainerSigner.Flavour.CADES));

        Run word = run(new CheckCommand(), signedDocx.toString(), "--trust", trust.toString(), "--offline");
        Run container = run(new CheckCommand(), asice.toString(), "--trust", trust.toString(), "--offline");

        // Offline, revocation cannot be checked: undecided, but the signature itself was read and verified.
        assertThat(word.out()).as(word.err()).contains("Người ký / Signer: Sở Tài chính", "MST:0100000001",
                "XAdES-OOXML", "REVOCATION_UNKNOWN").doesNotContain("SIGNATURE_INVALID");
        assertThat(container.out()).as(container.err()).contains("Người ký / Signer: Sở Tài chính",
                "Nội dung được ký / Signed content: ke-hoach.docx (DOCX", "CAdES-BASELINE-B");
    }

    @Test
    void checkShouldExitTwoWhenFileMissing(@TempDir Path dir) {
        Run result = run(new CheckCommand(), dir.resolve("none.pdf").toString(), "--trust", dir.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("File not found");
    }

    @Test
    void trustListShouldShowVietnameseCasWithFingerprintsWhenSharedFolderListed() {
        Run result = run(new TrustCommand(), "list", "--dir", VIETNAM.toString());

        assertThat(result.exit()).as(result.err()).isIn(0, 1);
        assertThat(result.out()).contains("BAC8BF609AB420A8EE1780D74F4DE5C7F7184959D2A7375B0A75E4C29F0908E7")
                .contains("Nhóm / Family: national-root").contains("Nhóm / Family: government")
                .contains("Nhóm / Family: public-licensed").contains("Cấp bởi / Issued by");
    }
}
