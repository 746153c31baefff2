package vn.mailgw.gateway.cli;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.mailgw.gateway.config.ConfigException;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.config.GatewayConfigLoader;
import vn.mailgw.gateway.service.GatewayService;

/** {@code mailgw serve}: runs the gateway until SIGTERM / Ctrl-C, then stops gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the gateway (SMTP in, pipeline, relay or Maildir).",
                "Exit codes: 0 stopped normally, 1 could not start, 2 bad configuration."})
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_BAD_CONFIG = 2;

    @Mixin
    ConfigFileOptions configuration;

    @Option(names = "--print-config", description = "Print the effective configuration as YAML and exit.")
    boolean printConfig;

    @Override
    public Integer call() throws InterruptedException {
        GatewayConfigLoader loader = new GatewayConfigLoader();
        GatewayConfig config;
        try {
            config = configuration.load(loader, List.of());
        } catch (ConfigException e) {
            System.err.println("mailgw: bad configuration: " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        if (printConfig) {
            System.out.print(loader.toYaml(config));
            return 0;
        }
        Vertx vertx = Vertx.vertx();
        GatewayService service;
        try {
            service = GatewayService.start(vertx, config).await(60, TimeUnit.SECONDS);
        } catch (ConfigException e) {
            // A value that is only found wrong when used (the trust folder, the registry file): still configuration.
            System.err.println("mailgw: bad configuration" + (configuration.configFile == null ? ""
                    : " (" + configuration.configFile + ")") + ": " + e.getMessage());
            vertx.close();
            return EXIT_BAD_CONFIG;
        } catch (Exception e) {
            System.err.println("mailgw: cannot start: " + e.getMessage());
            LOG.error("start-up failed", e);
            vertx.close();
            return EXIT_START_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping (signal received)");
            try {
                service.stop().eventually(vertx::close).await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("graceful stop did not finish cleanly", e);
            }
            stopped.countDown();
            LOG.info("stopped");
        }, "mailgw-shutdown"));
        stopped.await();
        return 0;
    }
}
