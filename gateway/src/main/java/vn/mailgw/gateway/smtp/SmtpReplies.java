package vn.mailgw.gateway.smtp;

/** The protocol replies of this server, in one place so texts stay consistent. Business refusals come from EnvelopeChecks. */
final class SmtpReplies {

    private SmtpReplies() {}

    static SmtpReply reply(int code, int cls, int subject, int detail, String... lines) {
        return SmtpReply.of(code, EnhancedStatus.of(cls, subject, detail), lines);
    }

    static final SmtpReply OK = reply(250, 2, 0, 0, "Ok");
    static final SmtpReply RESET_OK = reply(250, 2, 0, 0, "Ok: transaction reset");
    static final SmtpReply SENDER_OK = reply(250, 2, 1, 0, "Ok: sender accepted");
    static final SmtpReply RECIPIENT_OK = reply(250, 2, 1, 5, "Ok: recipient accepted");
    static final SmtpReply START_DATA = SmtpReply.of(354, null, "End data with <CR><LF>.<CR><LF>");
    static final SmtpReply VRFY = reply(252, 2, 5, 2,
            "Cannot verify the user; send the message and delivery will be attempted");
    static final SmtpReply HELP = reply(214, 2, 0, 0,
            "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY STARTTLS; see RFC 5321");
    static final SmtpReply READY_FOR_TLS = reply(220, 2, 0, 0, "Ready to start TLS");

    static final SmtpReply UNKNOWN_COMMAND = reply(500, 5, 5, 2, "Command not recognized");
    static final SmtpReply NOT_IMPLEMENTED = reply(502, 5, 5, 1, "Command not implemented");
    static final SmtpReply LINE_TOO_LONG = reply(500, 5, 5, 2,
            "Line too long: command lines are limited to 512 octets including CRLF (RFC 5321 4.5.3.1.4)");
    static final SmtpReply BARE_LINE_END = reply(500, 5, 5, 2,
            "Bare CR or LF not allowed: end every line with CRLF (RFC 5321 2.3.8)");
    static final SmtpReply MALFORMED_UTF8 = reply(500, 5, 5, 2, "Command line is not valid UTF-8");
    static final SmtpReply NEED_HELO = reply(503, 5, 5, 1, "Send EHLO or HELO first");
    static final SmtpReply NESTED_MAIL = reply(503, 5, 5, 1, "Sender already given; send RSET to start over");
    static final SmtpReply NEED_MAIL = reply(503, 5, 5, 1, "Send MAIL FROM first");
    static final SmtpReply NEED_RCPT = reply(503, 5, 5, 1, "Send RCPT TO first: no valid recipients");
    static final SmtpReply NO_ARGUMENTS = reply(501, 5, 5, 4, "This command takes no arguments");
    static final SmtpReply HELO_NEEDS_DOMAIN = reply(501, 5, 5, 4, "EHLO/HELO requires a domain name or address literal");
    static final SmtpReply TLS_NOT_AVAILABLE = reply(502, 5, 5, 1, "STARTTLS not available");
    static final SmtpReply TLS_ALREADY_ACTIVE = reply(503, 5, 5, 1, "TLS already active");
    static final SmtpReply TLS_IN_TRANSACTION = reply(503, 5, 5, 1, "STARTTLS not allowed inside a mail transaction");
    // Refusals a sender may read in a bounce: Vietnamese first, English alongside.
    static final SmtpReply TOO_MANY_RECIPIENTS = reply(452, 4, 5, 3,
            "Quá nhiều người nhận cho một thư, hãy gửi phần còn lại trong thư khác",
            "Too many recipients for one message, send the rest in another message");
    static final SmtpReply DATA_BARE_LINE_END = reply(550, 5, 5, 2,
            "Thư bị từ chối: nội dung có ký tự CR hoặc LF đơn lẻ; mỗi dòng phải kết thúc bằng CRLF",
            "Message refused: bare CR or LF in message content; lines must end with CRLF (RFC 5321 2.3.8)");
    static final SmtpReply DATA_LINE_TOO_LONG = reply(550, 5, 5, 2,
            "Thư bị từ chối: có dòng dài quá 1000 byte (kể cả CRLF)",
            "Message refused: a text line is longer than 1000 octets including CRLF (RFC 5321 4.5.3.1.6)");

    /** 552 5.3.4 with the configured limit; the 25 MB per attachment is daknong-2012 Art 5.2. */
    static SmtpReply messageTooBig(long maxMessageSize) {
        return reply(552, 5, 3, 4,
                "Thư vượt quá kích thước tối đa cho phép (" + maxMessageSize
                        + " byte); mỗi tệp đính kèm tối đa 25 MB (daknong-2012 Art 5.2)",
                "Message exceeds the maximum size of " + maxMessageSize
                        + " octets; attachments up to 25 MB each (daknong-2012 Art 5.2)");
    }
    static final SmtpReply LOCAL_ERROR = reply(451, 4, 3, 0, "Local error in processing, try again later");
    static final SmtpReply TOO_MANY_ERRORS = reply(421, 4, 7, 0, "Too many errors, closing connection");
    static final SmtpReply TIMEOUT = reply(421, 4, 4, 2, "Timeout waiting for client input, closing connection");
    static final SmtpReply SHUTTING_DOWN = reply(421, 4, 3, 2, "Service shutting down, closing connection");
    static final SmtpReply TOO_MANY_CONNECTIONS = reply(421, 4, 3, 2, "Too many connections, try again later");
    static final SmtpReply TOO_MANY_FROM_IP = reply(421, 4, 7, 0,
            "Too many connections from your address, try again later");
}
