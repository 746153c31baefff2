package vn.mailgw.trust.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryLoaderTest {

    private final RegistryLoader loader = new RegistryLoader();

    private RegistryLoader.Lint lint(String resource, String profile) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/registry/" + resource)) {
            return loader.lint(in, Optional.ofNullable(profile));
        }
    }

    @Test
    void lookupShouldIgnoreCaseWhenAddressDiffersInCase() throws IOException {
        RegistryLoader.Lint lint = lint("sonla.yaml", "sonla-2025");
        assertThat(lint.problems()).isEmpty();
        AgencyEntry e = lint.registry().lookup("SKHCN@SonLa.gov.vn").orElseThrow();
        assertThat(e.name()).isEqualTo("Sở Khoa học và Công nghệ");
        assertThat(e.kind()).isEqualTo(AgencyKind.UNIT);
        assertThat(e.publishedOnPortal()).isTrue();
        assertThat(lint.registry().lookup("nobody@sonla.gov.vn")).isEmpty();
    }

    @Test
    void signerBelongsToShouldFollowParentsWhenMailboxIsPersonal() throws IOException {
        AgencyRegistry r = lint("sonla.yaml", null).registry();
        AgencyEntry personal = r.lookup("duyenct.skhcn@sonla.gov.vn").orElseThrow();
        SignerIdentity byTaxCode = new SignerIdentity("Nguyễn Văn A", Optional.empty(), Optional.of("5500123456"),
                Optional.empty(), Optional.empty());
        SignerIdentity byOrgName = new SignerIdentity("X", Optional.of("Sở Khoa học  và Công nghệ tỉnh Sơn La"),
                Optional.empty(), Optional.empty(), Optional.empty());
        SignerIdentity other = new SignerIdentity("Y", Optional.of("Sở Nội vụ"), Optional.empty(),
                Optional.of("1012345"), Optional.empty());
        assertThat(r.signerBelongsTo(byTaxCode, personal)).isTrue();
        assertThat(r.signerBelongsTo(byOrgName, personal)).isTrue();
        assertThat(r.signerBelongsTo(other, personal)).isFalse();
        assertThat(r.owningAgency(personal).address()).isEqualTo("skhcn@sonla.gov.vn");
        assertThat(r.agenciesIdentifying(other)).extracting(AgencyEntry::address).containsExactly("snv@sonla.gov.vn");
    }

    @Test
    void lintShouldReportEveryProblemWhenFileIsBroken() throws IOException {
        RegistryLoader.Lint lint = lint("broken.yaml", "sonla-2025");
        assertThat(lint.hasErrors()).isTrue();
        assertThat(lint.problems()).extracting(RegistryProblem::code).contains("ADDRESS_HAS_DIACRITICS",
                "ADDRESS_NOT_LOWER_CASE", "UNKNOWN_PARENT", "BAD_KIND", "UNKNOWN_KEY");
        assertThat(lint.problems()).filteredOn(p -> p.code().equals("ADDRESS_HAS_DIACRITICS"))
                .allSatisfy(p -> {
                    assertThat(p.article()).isEqualTo("sonla-2025 Art 5");
                    assertThat(p.vietnamese()).contains("không dấu");
                });
    }

    @Test
    void loadShouldFailWithAllErrorsWhenFileHasErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("r.yaml");
        try (InputStream in = getClass().getResourceAsStream("/registry/broken.yaml")) {
            Files.copy(in, file);
        }
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("BAD_KIND").hasMessageContaining("UNKNOWN_KEY");
    }

    @Test
    void reloadShouldKeepOldRegistryWhenNewFileIsBroken(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("r.yaml");
        try (InputStream in = getClass().getResourceAsStream("/registry/sonla.yaml")) {
            Files.copy(in, file);
        }
        ReloadableRegistry reloadable = new ReloadableRegistry(file);
        assertThat(reloadable.current().size()).isEqualTo(4);
        Files.writeString(file, "agencies: [ {address: x@y.vn, kind: nonsense, name: X} ]", StandardCharsets.UTF_8);
        assertThatThrownBy(reloadable::reload).isInstanceOf(IOException.class);
        assertThat(reloadable.current().size()).isEqualTo(4);
        Files.writeString(file, "agencies: [ {address: snv@sonla.gov.vn, kind: unit, name: Sở Nội vụ} ]",
                StandardCharsets.UTF_8);
        assertThat(reloadable.reload().size()).isEqualTo(1);
    }
}
