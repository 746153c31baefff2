import vn.mailgw.samples.LoopbackDnsServer;

/**
 * The bench's DNS server: the sending agency's records as a production resolver would return them (SPF that
 * covers loopback, a DMARC record on the organisational domain, the zone's SOA on negative answers, 300 s
 * TTLs), so SPF/DMARC run their real lookups. Prints "port N" and serves until killed.
 * Run: java -cp 'gateway/target/lib/*' bench/smtp-relay/BenchDns.java
 */
public class BenchDns {
    public static void main(String[] args) throws Exception {
        LoopbackDnsServer dns = new LoopbackDnsServer()
                .txtWithTtl("sonoivu.daknong.gov.vn", 300, "v=spf1 ip4:127.0.0.0/8 -all")
                .txtWithTtl("_dmarc.daknong.gov.vn", 300, "v=DMARC1; p=reject; adkim=r; aspf=r")
                .soa("daknong.gov.vn", 300);
        System.out.println("port " + dns.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
