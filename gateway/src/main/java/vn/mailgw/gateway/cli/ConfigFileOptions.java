package vn.mailgw.gateway.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.config.GatewayConfigLoader;

/**
 * The gateway's configuration as a command reads it: the file {@code serve} runs with, then {@code --set}
 * overrides (a picocli mixin, so every command that takes them spells and checks them the same way).
 */
public final class ConfigFileOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "the gateway's YAML (or JSON) configuration file")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "override one key after the file, e.g. --set smtp.port=2526 (repeatable)")
    List<String> overrides = new ArrayList<>();

    /**
     * Loads the file and the overrides, then {@code later} (a command's own options, which win); a bad file or
     * value throws {@link vn.mailgw.gateway.config.ConfigException} naming the file (or --set) and the key.
     */
    GatewayConfig load(GatewayConfigLoader loader, List<String> later) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(later);
        return loader.load(Optional.ofNullable(configFile), all);
    }
}
