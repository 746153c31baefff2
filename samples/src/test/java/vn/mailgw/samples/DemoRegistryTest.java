package vn.mailgw.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.mailgw.trust.registry.RegistryLoader;

class DemoRegistryTest {

    @Test
    void demoRegistryShouldLintCleanWhenCheckedAgainstDaknongFormats() throws Exception {
        try (InputStream in = DemoProvince.registryYaml()) {
            RegistryLoader.Lint lint = new RegistryLoader().lint(in, Optional.of(DemoProvince.PROFILE));
            assertThat(lint.problems()).isEmpty();
            assertThat(lint.registry().lookup("STC@daknong.gov.vn")).isPresent();
            assertThat(lint.registry().size()).isEqualTo(8);
        }
    }
}
