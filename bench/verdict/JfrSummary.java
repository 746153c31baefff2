import java.nio.file.Path;
import java.time.Instant;
import java.util.*;
import jdk.jfr.consumer.*;

/**
 * JFR execution samples of one phase of VerdictLoadRun, by pipeline area (the first rule whose frame is on the stack),
 * with the top frames of each. Usage: java bench/verdict/JfrSummary.java REC.jfr FROM_MS TO_MS [TOP [THREAD_PREFIX [DEPTH]]]
 * (FROM_MS..TO_MS: the [..] span VerdictLoadRun prints for the phase). JFR only samples threads running Java code:
 * GC, JIT and kernel time are not in it; run VerdictLoadRun with -Dbench.threadCpu=true for those.
 */
public class JfrSummary {
    static final String[][] RULES = {
        {"engine", "vn.mailgw.validation.signature.SignatureValidator.validate"},
        {"auth", "vn.mailgw.gateway.auth."},
        {"classify", "vn.mailgw.gateway.classify."},
        {"classify", "vn.mailgw.validation.classify."},
        {"attachments", "vn.mailgw.gateway.documents."},
        {"parseMime", "vn.mailgw.gateway.pipeline.ParseMime"},
        {"stamp", "vn.mailgw.gateway.stamp."},
        {"auth", "vn.mailgw.gateway.auth."},
        {"audit", "vn.mailgw.gateway.audit."},
        {"delivery", "vn.mailgw.gateway.delivery."},
        {"benchClient", "vn.mailgw.gateway.bench."},
        {"smtp", "vn.mailgw.gateway.smtp."},
        {"spool", "vn.mailgw.gateway.spool."},
        {"pipeline", "vn.mailgw.gateway.pipeline."},
        {"netty", "io.netty."},
        {"vertx", "io.vertx."},
    };
    public static void main(String[] a) throws Exception {
        long from = a.length > 2 ? Long.parseLong(a[1]) : 0, to = a.length > 2 ? Long.parseLong(a[2]) : Long.MAX_VALUE;
        int top = a.length > 3 ? Integer.parseInt(a[3]) : 8;
        String threadPrefix = a.length > 4 ? a[4] : null;
        int depth = a.length > 5 ? Integer.parseInt(a[5]) : 3;
        Map<String, Integer> cat = new TreeMap<>();
        Map<String, Map<String, Integer>> leaf = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(a[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
            long t = e.getStartTime().toEpochMilli();
            if (t < from || t > to) continue;
            RecordedStackTrace st = e.getStackTrace();
            if (st == null) continue;
            List<RecordedFrame> fr = st.getFrames();
            if (threadPrefix != null && !((RecordedThread) e.getValue("sampledThread")).getJavaName().startsWith(threadPrefix)) continue;
            String c = null;
            outer:
            for (String[] r : RULES) {
                for (RecordedFrame f : fr) {
                    String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
                    if (m.startsWith(r[1])) { c = r[0]; break outer; }
                }
            }
            if (c == null) c = "other:" + ((RecordedThread) e.getValue("sampledThread")).getJavaName();
            c = c.replaceAll("-\\d+$", "-N");
            total++;
            cat.merge(c, 1, Integer::sum);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(depth, fr.size()); i++) {
                RecordedFrame f = fr.get(i);
                sb.append(i == 0 ? "" : " < ").append(f.getMethod().getType().getName().replaceAll(".*\\.", "")).append('.').append(f.getMethod().getName()).append(i == 0 ? ":" + f.getLineNumber() : "");
            }
            leaf.computeIfAbsent(c, k -> new HashMap<>()).merge(sb.toString(), 1, Integer::sum);
        }
        System.out.println("total samples " + total);
        cat.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).forEach(en -> {
            System.out.printf("%5d  %s%n", en.getValue(), en.getKey());
            leaf.get(en.getKey()).entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top)
                .forEach(l -> System.out.printf("        %4d %s%n", l.getValue(), l.getKey()));
        });
    }
}
