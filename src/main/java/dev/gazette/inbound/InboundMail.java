package dev.gazette.inbound;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import dev.gazette.core.SignedAddresses;
import dev.gazette.core.SignedAddresses.Parsed;
import dev.gazette.delivery.ReturnedMail;
import dev.gazette.subscriber.MailtoUnsubscribes;

/**
 * What to do with a message the listener received: mail to a delivery's address (VERP) is a
 * bounce, a complaint or an auto-reply, and goes to the delivery feature's bounce service; mail to
 * a subscriber's unsubscribe address unsubscribes them. Only signed addresses of the bounce domain
 * are accepted ({@link #accepts}), so unknown or forged mail never gets this far.
 */
@ApplicationScoped
class InboundMail {

    private static final Logger LOG = Logger.getLogger(InboundMail.class);

    private final SignedAddresses addresses;
    private final ReturnedMail returned;
    private final MailtoUnsubscribes unsubscribes;

    InboundMail(SignedAddresses addresses, ReturnedMail returned, MailtoUnsubscribes unsubscribes) {
        this.addresses = addresses;
        this.returned = returned;
        this.unsubscribes = unsubscribes;
    }

    /** Whether mail to this recipient is taken: a signed address of the bounce domain. */
    boolean accepts(String recipient) {
        return addresses.parse(recipient).isPresent();
    }

    /** Acts on a received message once per recipient (each accepted by {@link #accepts}). */
    void receive(List<String> recipients, byte[] message) {
        for (String recipient : recipients) {
            addresses.parse(recipient).ifPresent(to -> receive(to, message));
        }
    }

    private void receive(Parsed to, byte[] message) {
        switch (to.kind()) {
            case BOUNCE -> {
                ReturnedMail.Effect effect = returned.apply(to.id(), message);
                LOG.infof("Mail returned to delivery %d: %s", to.id(), effect);
            }
            case UNSUBSCRIBE -> {
                boolean done = unsubscribes.unsubscribe(to.id());
                LOG.infof("Subscriber %d unsubscribed by mail%s", to.id(), done ? "" : " (gone already)");
            }
        }
    }
}
