package vn.mailgw.gateway.cli;

import picocli.CommandLine;

/** The version from the jar manifest (Implementation-Version), "development" when run from classes. */
final class ManifestVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"mailgw " + (version == null ? "development" : version),
                "Java " + System.getProperty("java.version")};
    }
}
