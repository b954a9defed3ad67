package org.opensmm.alert;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * Alerts by email over SMTP (Jakarta Mail, Eclipse Angus). With {@code startTls} the server must upgrade the
 * connection before any password or alert text crosses it; without it the mail goes in the clear, for a relay on
 * the same machine or network.
 */
public final class Mail implements Channel {
    /** @param to one or more addresses, comma-separated */
    public record Settings(String host, int port, String from, String to, String user, String password, boolean startTls,
                           Duration timeout) {
        public Settings {
            if (host == null || host.isBlank()) throw new IllegalArgumentException("an SMTP host is needed to send alert mail");
            if (from == null || from.isBlank() || to == null || to.isBlank()) {
                throw new IllegalArgumentException("alert mail needs a from and a to address");
            }
        }
    }

    private final Settings settings;
    private final Session session;

    public Mail(Settings settings) {
        this.settings = settings;
        var props = new Properties();
        props.put("mail.smtp.host", settings.host());
        props.put("mail.smtp.port", Integer.toString(settings.port()));
        props.put("mail.smtp.connectiontimeout", Long.toString(settings.timeout().toMillis()));
        props.put("mail.smtp.timeout", Long.toString(settings.timeout().toMillis()));
        props.put("mail.smtp.writetimeout", Long.toString(settings.timeout().toMillis()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
        props.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
        props.put("mail.smtp.auth", Boolean.toString(settings.user() != null && !settings.user().isBlank()));
        this.session = Session.getInstance(props);
    }

    @Override public String column() { return "mailed_at"; }

    @Override public boolean delivered(Alert alert) { return alert.mailedAt() != null; }

    @Override public void send(Alert alert) throws Exception {
        var message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.from()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(settings.to()));
        message.setSubject("[OpenSMM alert] " + oneLine(alert.text()), "UTF-8");
        message.setText(alert.text() + "\n\nOpen since " + Instant.ofEpochMilli(alert.openedAt()) + " (alert " + alert.key()
                + "). You are told once; it clears by itself when the condition is gone. List open alerts: opensmm alerts\n",
                "UTF-8");
        if (settings.user() == null || settings.user().isBlank()) Transport.send(message);
        else Transport.send(message, settings.user(), settings.password());
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("[\\r\\n]+", " ");
        return line.length() <= 150 ? line : line.substring(0, 149) + "…";
    }
}
