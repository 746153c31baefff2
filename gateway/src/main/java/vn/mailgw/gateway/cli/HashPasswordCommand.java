package vn.mailgw.gateway.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.mailgw.gateway.http.PasswordHasher;

/**
 * {@code mailgw hash-password}: prints the hash of an auditor's password for {@code http.users} in the
 * configuration. The password is read without echo (or from standard input with --stdin), never from the
 * command line, where other users could see it in the process list.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Băm mật khẩu cho tài khoản kiểm toán / hash an auditor password for http.users.")
public final class HashPasswordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--stdin", description = "read the password from the first line of standard input")
    boolean stdin;

    @Override
    public Integer call() throws IOException {
        char[] password;
        Console console = System.console();
        if (!stdin && console != null) {
            password = console.readPassword("Mật khẩu / password: ");
            char[] again = console.readPassword("Nhắc lại / again: ");
            if (password == null || !Arrays.equals(password, again)) {
                spec.commandLine().getErr().println("the two passwords differ");
                return 2;
            }
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        try {
            spec.commandLine().getOut().println(PasswordHasher.hash(password));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
