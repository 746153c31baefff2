package vn.mailgw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {

    private final GatewayConfigLoader loader = new GatewayConfigLoader();

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("mailgw.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void loadShouldGiveDefaultsWhenNoFileAndNoOverrides() {
        assertThat(loader.load(Optional.empty(), List.of())).isEqualTo(GatewayConfig.DEFAULTS);
    }

    @Test
    void classifySectionShouldFollowVerdictProfileWhenItsProfileIsNotSet() {
        GatewayConfig config = loader.load(Optional.empty(), List.of("verdict.profile=tuyenquang-2013",
                "classify.maxPages=5", "classify.ocr=false", "classify.ocrBudget=10s"));
        assertThat(config.classify().profile()).isBlank();
        assertThat(config.classify().withProfileOr(config.verdict().profile()).profile()).isEqualTo("tuyenquang-2013");
        assertThat(config.classify().maxPages()).isEqualTo(5);
        assertThat(config.classify().ocr()).isFalse();
        assertThat(config.classify().ocrBudget()).isEqualTo(java.time.Duration.ofSeconds(10));
        GatewayConfig own = loader.load(Optional.empty(), List.of("verdict.profile=tuyenquang-2013",
                "classify.profile=sonla-2025"));
        assertThat(own.classify().withProfileOr(own.verdict().profile()).profile()).isEqualTo("sonla-2025");
        assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("classify.ocrPages=2")))
                .hasMessageContaining("classify");
    }

    @Test
    void classifyMaxAttachmentsShouldBeReadAndCheckedWhenSet() {
        assertThat(GatewayConfig.DEFAULTS.classify().maxAttachments()).isEqualTo(1000);
        GatewayConfig config = loader.load(Optional.empty(), List.of("classify.maxAttachments=50"));
        assertThat(config.classify().maxAttachments()).isEqualTo(50);
        assertThat(config.classify().attachmentReader().maxAttachments()).isEqualTo(50);
        assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("classify.maxAttachments=0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("classify.maxAttachments must be at least 1");
    }

    @Test
    void loadShouldKeepDefaultsForKeysTheFileDoesNotSet() throws Exception {
        GatewayConfig config = loader.load(Optional.of(write("""
                smtp:
                  port: 2600
                  idleTimeout: 90s
                  maxMessageSize: 10MB
                delivery:
                  nextHop:
                    host: mx.daknong.gov.vn
                    startTls: required
                freemail:
                  extraDomains: [example-free.vn]
                  acceptingMailboxes: [gopy@daknong.gov.vn]
                """)), List.of());
        assertThat(config.smtp().port()).isEqualTo(2600);
        assertThat(config.smtp().idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.smtp().maxMessageSize().bytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.smtp().host()).isEqualTo(SmtpConfig.DEFAULT_HOST);
        assertThat(config.delivery().nextHop().host()).contains("mx.daknong.gov.vn");
        assertThat(config.delivery().nextHop().startTls()).isEqualTo(NextHopConfig.StartTls.REQUIRED);
        assertThat(config.delivery().nextHop().port()).isEqualTo(NextHopConfig.DEFAULT_PORT);
        assertThat(config.freemail().acceptingMailboxes()).containsExactly("gopy@daknong.gov.vn");
        assertThat(config.freemail().extraDomains()).containsExactly("example-free.vn");
    }

    @Test
    void loadShouldApplyOverridesAfterTheFile() throws Exception {
        GatewayConfig config = loader.load(Optional.of(write("smtp:\n  port: 2600\n")),
                List.of("smtp.port=2526", "delivery.nextHop.host=127.0.0.1", "freemail.acceptingMailboxes=[a@b.vn, c@d.vn]",
                        "workers.pipeline=4", "spoolDir=/tmp/spool"));
        assertThat(config.smtp().port()).isEqualTo(2526);
        assertThat(config.delivery().nextHop().host()).contains("127.0.0.1");
        assertThat(config.freemail().acceptingMailboxes()).containsExactly("a@b.vn", "c@d.vn");
        assertThat(config.workers().pipeline()).isEqualTo(4);
        assertThat(config.spoolDir()).isEqualTo(Path.of("/tmp/spool"));
    }

    @Test
    void toYamlShouldRoundTripThroughLoad() throws Exception {
        GatewayConfig custom = loader.load(Optional.empty(), List.of("smtp.commandTimeout=90s", "delivery.nextHop.host=mx"));
        Path file = write(loader.toYaml(custom));
        assertThat(loader.load(Optional.of(file), List.of())).isEqualTo(custom);
    }

    @Test
    void validationSectionShouldReachTheSignatureEngineAndTheTrustStore() throws Exception {
        GatewayConfig config = loader.load(Optional.of(write("""
                validation:
                  revocationOnline: false
                  revocationUnavailable: invalid
                  ocspCacheTtl: 10m
                  documentTimeout: 45s
                  maxDocumentSize: 12MB
                  maxConcurrent: 1
                  trustReloadInterval: 2m
                """)), List.of("validation.maxPages=300"));
        vn.mailgw.validation.signature.ValidationConfig engine = config.validation().toEngineConfig();
        assertThat(engine.revocationOnline()).isFalse();
        assertThat(engine.revocationUnavailable())
                .isEqualTo(vn.mailgw.validation.signature.RevocationUnavailableAnswer.INVALID);
        assertThat(engine.ocspCacheTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(engine.crlCacheTtl()).isEqualTo(vn.mailgw.validation.signature.ValidationConfig.DEFAULT_CRL_CACHE_TTL);
        assertThat(engine.documentTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(engine.maxDocumentBytes()).isEqualTo(12L * 1024 * 1024);
        assertThat(engine.maxPages()).isEqualTo(300);
        assertThat(engine.maxConcurrentValidations()).isEqualTo(1);
        assertThat(config.validation().trustConfig(Path.of("trust")).reloadInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.validation().warmUp()).isTrue();
        assertThat(GatewayConfig.DEFAULTS.validation().toEngineConfig())
                .isEqualTo(vn.mailgw.validation.signature.ValidationConfig.DEFAULT);
    }

    @Test
    void validationSectionShouldNameFileAndKeyWhenAValueIsBad() throws Exception {
        Path unknownAnswer = write("validation:\n  revocationUnavailable: pass\n");
        assertThatThrownBy(() -> loader.load(Optional.of(unknownAnswer), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(unknownAnswer.toString())
                .hasMessageContaining("'validation.revocationUnavailable'")
                .hasMessageContaining("INDETERMINATE");
        Path zeroTimeout = write("validation:\n  documentTimeout: 0s\n");
        assertThatThrownBy(() -> loader.load(Optional.of(zeroTimeout), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(zeroTimeout.toString())
                .hasMessageContaining("'validation")
                .hasMessageContaining("documentTimeout");
        assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("validation.maxConcurrent=0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--set validation.maxConcurrent=0")
                .hasMessageContaining("maxConcurrent must be 1..64");
    }

    @Test
    void loadShouldNameFileAndKeyWhenAKeyIsUnknown() throws Exception {
        Path file = write("smtp:\n  prot: 2600\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown key 'smtp.prot'")
                .hasMessageContaining("port");
    }

    @Test
    void loadShouldNameKeyAndExpectedTypeWhenTheTypeIsWrong() throws Exception {
        Path file = write("smtp:\n  port: twenty\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'smtp.port'")
                .hasMessageContaining("whole number");
    }

    @Test
    void loadShouldNameKeyWhenADurationCannotBeRead() throws Exception {
        Path file = write("delivery:\n  nextHop:\n    connectTimeout: soon\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'delivery.nextHop.connectTimeout'")
                .hasMessageContaining("soon");
    }

    @Test
    void loadShouldNameSectionAndRuleWhenAValueIsInvalid() throws Exception {
        Path file = write("smtp:\n  port: 70000\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'smtp'")
                .hasMessageContaining("port must be 0..65535");
    }

    @Test
    void loadShouldRejectASizeWithoutANumber() throws Exception {
        Path file = write("smtp:\n  maxMessageSize: big\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("smtp.maxMessageSize")
                .hasMessageContaining("not a size");
    }

    @Test
    void loadShouldRejectAnEnumValueOutsideTheChoices() throws Exception {
        Path file = write("delivery:\n  nextHop:\n    startTls: sometimes\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("delivery.nextHop.startTls")
                .hasMessageContaining("OPPORTUNISTIC");
    }

    @Test
    void loadShouldGiveTheLineWhenTheYamlIsBroken() throws Exception {
        Path file = write("smtp:\n  port: 1\n   bad: [\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid YAML at line");
    }

    @Test
    void loadShouldSayFileNotFoundWhenTheFileIsMissing() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> loader.load(Optional.of(missing), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml")
                .hasMessageContaining("file not found");
    }

    @Test
    void loadShouldNameTheOverrideWhenAnOverrideIsWrong() {
        assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("smtp.port=abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--set smtp.port=abc")
                .hasMessageContaining("'smtp.port'");
        assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("smtp.nosuch=1")))
                .hasMessageContaining("unknown key 'smtp.nosuch'");
        assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("smtp.port")))
                .hasMessageContaining("key=value");
        assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("smtp.port.x=1")))
                .hasMessageContaining("is a value, not a section");
    }

    @Test
    void loadShouldAcceptKeysThatBelongTogetherAsSeparateOverrides() {
        GatewayConfig config = loader.load(Optional.empty(),
                List.of("smtp.tls.keyStore=/etc/mailgw/tls.p12", "smtp.tls.keyStorePassword=secret"));
        assertThat(config.smtp().tls().enabled()).isTrue();
    }

    @Test
    void loadShouldRejectHalfATlsSetup() {
        assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("smtp.tls.certificate=/etc/cert.pem")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("certificate and privateKey must be given together");
    }

    @Test
    void loadShouldRejectAnAcceptingMailboxThatIsNotAnAddress() {
        assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("freemail.acceptingMailboxes=[gopy]")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not an address");
    }

    @Test
    void dataSizeParseShouldReadUnitsAndRejectNonsense() {
        assertThat(DataSize.parse("36MB").bytes()).isEqualTo(36L * 1024 * 1024);
        assertThat(DataSize.parse("512kB").bytes()).isEqualTo(512L * 1024);
        assertThat(DataSize.parse("1g").bytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(DataSize.parse("1000").bytes()).isEqualTo(1000);
        assertThat(DataSize.parse("36MB").toString()).isEqualTo("36MB");
        assertThatThrownBy(() -> DataSize.parse("-1MB")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataSize.parse("MB")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dnsCacheKeysShouldReachTheAuthConfigAndRejectNegativeValues() throws Exception {
        GatewayConfig config = loader.load(Optional.empty(), List.of("verdict.dnsCacheMaxTtl=5m",
                "verdict.dnsCacheMaxEntries=0"));
        assertThat(config.verdict().authConfig().dnsCacheMaxTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.verdict().authConfig().dnsCacheMaxEntries()).isZero();
        assertThat(GatewayConfig.DEFAULTS.verdict().authConfig().dnsCacheMaxTtl()).isEqualTo(Duration.ofHours(1));

        Path negative = write("verdict:\n  dnsCacheMaxEntries: -1\n");
        assertThatThrownBy(() -> loader.load(Optional.of(negative), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(negative.toString())
                .hasMessageContaining("dnsCacheMaxEntries");
    }

    @Test
    void loadShouldNameTheKeyAndTheChoicesWhenTheProfileIsUnknown() throws Exception {
        Path file = write("verdict:\n  profile: hanoi-2030\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("hanoi-2030")
                .hasMessageContaining("profile")
                .hasMessageContaining("daknong-2012");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"smtp:\n  maxRecipients: -5\n",
        "smtp:\n  maxConnections: -1\n", "workers:\n  pipeline: -2\n", "smtp:\n  maxMessageSize: -5MB\n",
        "classify:\n  maxAttachmentSize: -1MB\n", "workers:\n  pipelineDeadline: -5s\n"})
    void loadShouldNameFileAndKeyWhenALimitIsNegative(String yaml) throws Exception {
        Path file = write(yaml);
        String key = yaml.substring(yaml.indexOf("\n  ") + 3, yaml.lastIndexOf(':'));
        assertThatThrownBy(() -> loader.load(Optional.of(file), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(key);
    }

    @Test
    void verdictServicesShouldNameKeyAndFolderWhenTheTrustFolderIsMissing() throws Exception {
        Path missing = dir.resolve("no-such-trust-folder");
        GatewayConfig config = loader.load(Optional.empty(), List.of("verdict.trustFolder=" + missing));
        assertThatThrownBy(() -> vn.mailgw.gateway.verdict.VerdictServices.fromConfig(config.verdict(),
                java.time.Clock.systemUTC()))
                .hasMessageContaining("verdict.trustFolder")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void verdictServicesShouldNameFileAndRowWhenARegistryRowIsBroken() throws Exception {
        Path registry = dir.resolve("registry.yaml");
        Files.writeString(registry, """
                agencies:
                  - address: stc@daknong.gov.vn
                    name: Sở Tài chính
                    abbreviation: stc
                    province: Đắk Nông
                    kind: unit
                    publishedOnPortal: true
                  - address: not-an-address
                    name: Sở Hỏng
                    kind: galaxy
                    publishedOnPortal: perhaps
                """, StandardCharsets.UTF_8);
        GatewayConfig config = loader.load(Optional.empty(), List.of("verdict.registryFile=" + registry));
        assertThatThrownBy(() -> vn.mailgw.gateway.verdict.VerdictServices.fromConfig(config.verdict(),
                java.time.Clock.systemUTC()))
                .hasMessageContaining(registry.toString())
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("agencies[1]", "row 2", "line 8",
                        "not-an-address"));
    }
}
