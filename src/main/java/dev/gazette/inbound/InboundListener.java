package dev.gazette.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Gazette's own SMTP listener (SubEthaSMTP), on {@code gazette.inbound.port} when it is set: the
 * relay (the bounce domain's MX) forwards to it the mail that comes back. It takes mail only for
 * the signed addresses of the bounce domain and refuses any other recipient at RCPT; messages
 * are bounded in size (552 past {@code max-message-bytes}), connections in number and time.
 */
@ApplicationScoped
class InboundListener {

    private static final Logger LOG = Logger.getLogger(InboundListener.class);

    private final InboundConfig config;
    private final InboundMail mail;
    private final String hostName;
    private volatile SMTPServer server;

    InboundListener(InboundConfig config, InboundMail mail,
            @ConfigProperty(name = "quarkus.mailer.own-host-name", defaultValue = "localhost") String hostName) {
        this.config = config;
        this.mail = mail;
        this.hostName = hostName;
    }

    void start(@Observes StartupEvent event) throws UnknownHostException {
        if (config.port().isEmpty()) {
            return;
        }
        if (config.bounceDomain().filter(d -> !d.isBlank()).isEmpty()) {
            LOG.warn("gazette.inbound.port is set but gazette.inbound.bounce-domain is not: every recipient is refused");
        }
        SMTPServer started = new SMTPServer.Builder()
                .bindAddress(InetAddress.getByName(config.host()))
                .port(config.port().get())
                .hostName(hostName)
                .softwareName("Gazette")
                .maxConnections(config.maxConnections())
                .maxRecipients(config.maxRecipients())
                .maxMessageSize(config.maxMessageBytes())
                .connectionTimeout((int) config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .messageHandlerFactory(this::session)
                .build();
        started.start();
        server = started;
        LOG.infof("Inbound mail listener on %s:%d for the bounce domain %s", config.host(), started.getPortAllocated(),
                config.bounceDomain().orElse("(none)"));
    }

    void stop(@Observes ShutdownEvent event) {
        SMTPServer running = server;
        if (running != null) {
            running.stop();
            server = null;
        }
    }

    /** The port listened on (the one chosen when configured as 0); -1 when off. */
    int port() {
        SMTPServer running = server;
        return running == null ? -1 : running.getPortAllocated();
    }

    private MessageHandler session(MessageContext context) {
        return new Session();
    }

    /** One mail transaction: its accepted recipients, then its data. */
    private final class Session implements MessageHandler {
        private final List<String> recipients = new ArrayList<>();

        @Override
        public void from(String from) {
            // any sender: bounces come from the null sender <>, complaints from a provider's address
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (!mail.accepts(recipient)) {
                throw new RejectException(550, "5.1.1 <" + recipient.replaceAll("[\\r\\n<>]", "")
                        + ">: no such recipient here");
            }
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            byte[] message = data.readNBytes(config.maxMessageBytes() + 1);
            if (message.length > config.maxMessageBytes()) {
                data.transferTo(OutputStream.nullOutputStream()); // the rest of the DATA, so the session stays in step
                throw new RejectException(552, "5.3.4 message too big: at most " + config.maxMessageBytes() + " bytes");
            }
            try {
                mail.receive(recipients, message);
            } catch (RuntimeException e) {
                LOG.error("A received message could not be handled; the relay will try again", e);
                throw new RejectException(451, "4.3.0 try again later");
            }
            return null;
        }

        @Override
        public void done() {
        }
    }
}
