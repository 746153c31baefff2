package vn.mailgw.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.message.ReceivedMessage;
import vn.mailgw.gateway.testing.TestMail;

class MaildirDeliveryTest {

    @TempDir
    Path dir;

    @Test
    void folderNameShouldNeverEscapeTheRootOrCollide() {
        assertThat(MaildirDelivery.folderName("VanThu@SonLa.gov.vn")).isEqualTo("vanthu@sonla.gov.vn");
        assertThat(MaildirDelivery.folderName("../../etc/passwd")).doesNotContain("/").doesNotStartWith(".");
        assertThat(MaildirDelivery.folderName("thư@sonla.gov.vn")).isEqualTo("th%C6%B0@sonla.gov.vn");
        assertThat(MaildirDelivery.folderName("a%b@x")).isNotEqualTo(MaildirDelivery.folderName("a_b@x"));
    }

    @Test
    void deliverShouldWriteOneFileIntoNewPerRecipientAndLeaveTmpEmpty() throws Exception {
        ReceivedMessage message = TestMail.builder().to("a@sonla.gov.vn", "A@sonla.gov.vn", "b@sonla.gov.vn").spoolInto(dir.resolve("spool"));
        MaildirDelivery maildir = new MaildirDelivery(dir.resolve("maildir"), "gw.test");

        DeliveryOutcome outcome = maildir.deliver(new OutgoingMessage(message.queueId(), message.envelope(), List.of(),
                message.spoolFile(), message.size()));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        for (String box : List.of("a@sonla.gov.vn", "b@sonla.gov.vn")) {
            Path mailbox = dir.resolve("maildir").resolve(box);
            assertThat(mailbox.resolve("tmp")).isEmptyDirectory();
            try (var files = Files.list(mailbox.resolve("new"))) {
                List<Path> list = files.toList();
                assertThat(list).hasSize(1);
                assertThat(Files.readAllBytes(list.get(0))).isEqualTo(Files.readAllBytes(message.spoolFile()));
            }
        }
    }

    @Test
    void deliverShouldLeaveNoCopyWhenTheClientWasAnsweredMeanwhile() throws Exception {
        ReceivedMessage message = TestMail.builder().to("a@sonla.gov.vn").spoolInto(dir.resolve("spool"));
        MaildirDelivery maildir = new MaildirDelivery(dir.resolve("maildir"), "gw.test");

        // The pipeline deadline passed while the copy was written: the client retries, so this copy must not appear.
        DeliveryOutcome outcome = maildir.deliver(new OutgoingMessage(message.queueId(), message.envelope(), List.of(),
                MessageContent.file(message.spoolFile(), message.size()), () -> true));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.TempFailed.class);
        assertThat(((DeliveryOutcome.TempFailed) outcome).cause()).contains("pipeline deadline");
        Path mailbox = dir.resolve("maildir").resolve("a@sonla.gov.vn");
        assertThat(mailbox.resolve("tmp")).isEmptyDirectory();
        assertThat(mailbox.resolve("new")).isEmptyDirectory();
    }

    @Test
    void deliverShouldTempFailWhenTheRootCannotBeCreated() throws Exception {
        Path file = dir.resolve("not-a-directory");
        Files.writeString(file, "x");
        ReceivedMessage message = TestMail.builder().spoolInto(dir.resolve("spool"));

        DeliveryOutcome outcome = new MaildirDelivery(file, "gw.test").deliver(new OutgoingMessage(message.queueId(),
                message.envelope(), List.of(), message.spoolFile(), message.size()));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.TempFailed.class);
        assertThat(((DeliveryOutcome.TempFailed) outcome).reply().code()).isEqualTo(451);
    }
}
