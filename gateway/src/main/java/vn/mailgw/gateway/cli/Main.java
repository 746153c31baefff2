package vn.mailgw.gateway.cli;

/** Entry point placeholder; the command line is built by the gateway-core work. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("mailgw");
    }
}
