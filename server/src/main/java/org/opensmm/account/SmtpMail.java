package org.opensmm.account;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.Properties;

/** The website's mail to customers (verification and reset links) over SMTP, with Jakarta Mail (Eclipse Angus). */
public final class SmtpMail {
    /** {@code startTls}: the server must upgrade the connection before the login or any link crosses it. */
    public record Settings(String host, int port, String from, String user, String password, boolean startTls) {}

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final Settings settings;
    private final Session session;

    public SmtpMail(Settings settings) {
        this.settings = settings;
        var props = new Properties();
        props.put("mail.smtp.host", settings.host());
        props.put("mail.smtp.port", Integer.toString(settings.port()));
        props.put("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
        props.put("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
        props.put("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
        props.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
        props.put("mail.smtp.auth", Boolean.toString(loggedIn()));
        this.session = Session.getInstance(props);
    }

    private boolean loggedIn() { return settings.user() != null && !settings.user().isBlank(); }

    void send(String to, String subject, String text) throws Exception {
        var message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.from()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        if (loggedIn()) Transport.send(message, settings.user(), settings.password());
        else Transport.send(message);
    }
}
