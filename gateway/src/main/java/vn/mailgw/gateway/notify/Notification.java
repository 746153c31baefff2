package vn.mailgw.gateway.notify;

import jakarta.mail.internet.MimeMessage;

/** Whether to tell the sending agency, and what: a message to send, or why none is sent (no backscatter). */
public sealed interface Notification {

    record Send(String recipient, MimeMessage message) implements Notification {}

    record Skip(String why) implements Notification {}
}
