package vn.mailgw.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.mailgw.trust.registry.AddressFormatRules;
import vn.mailgw.trust.registry.RegistryLoader;
import vn.mailgw.trust.registry.RegistryProblem;

/** {@code mailgw registry lint FILE [--profile P]}: checks an agency registry file before it is deployed. */
@Command(name = "registry", description = "Agency registry (official mailboxes) tools.",
        subcommands = {RegistryCommand.Lint.class}, mixinStandardHelpOptions = true)
public final class RegistryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    @Command(name = "lint", mixinStandardHelpOptions = true,
            description = "Check a registry YAML file: syntax, keys, duplicates, parents, identity rules and, with"
                    + " --profile, the address formats of that regulation. Exit 0 = no errors, 1 = errors, 2 = usage.")
    static final class Lint implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "registry YAML file")
        Path file;

        @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE",
                description = "check address formats of: sonla-2025, daknong-2012, tuyenquang-2013, sonla-2005, cantho-2005")
        String profile;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(file)) {
                err.println("Không tìm thấy tệp / file not found: " + file);
                return 2;
            }
            if (profile != null && AddressFormatRules.forProfile(profile).isEmpty()) {
                err.println("Quy chế không hợp lệ / unknown profile: " + profile + " (" + AddressFormatRules.profiles() + ")");
                return 2;
            }
            RegistryLoader.Lint lint = new RegistryLoader().lint(file, Optional.ofNullable(profile));
            for (RegistryProblem p : lint.problems()) {
                out.println(p.toLine());
            }
            long errors = lint.problems().stream().filter(p -> p.severity() == RegistryProblem.Severity.ERROR).count();
            long warnings = lint.problems().size() - errors;
            out.printf("%s: %d mục / entries, %d lỗi / errors, %d cảnh báo / warnings%n", file,
                    lint.registry().size(), errors, warnings);
            out.flush();
            return errors == 0 ? 0 : 1;
        }
    }
}
