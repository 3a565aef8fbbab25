package dev.gazette.sender;

import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.core.FieldError;
import dev.gazette.core.HeaderValues;

/**
 * Who a publication's mail is From, for every feature that writes one: its own address when that
 * is on a verified domain of its owner (then signed with that domain's key), otherwise the
 * platform's address ({@code quarkus.mailer.from}) with the publication's sender name and Reply-To
 * the writer's address, as Substack does. Also the one rule on which sender address a writer may set.
 */
@ApplicationScoped
public class SenderDomains {

    /** The From and Reply-To header values, and whether the From is the writer's own address. */
    public record Sender(String from, String replyTo, boolean own) {
    }

    private final VerifiedDomains verified;
    private final EntityManager entityManager;
    private final InternetAddress platform;

    SenderDomains(VerifiedDomains verified, EntityManager entityManager,
            @ConfigProperty(name = "quarkus.mailer.from", defaultValue = "Gazette <no-reply@gazette.localhost>") String from) {
        this.verified = verified;
        this.entityManager = entityManager;
        try {
            this.platform = new InternetAddress(from, false);
        } catch (AddressException e) {
            throw new IllegalStateException("quarkus.mailer.from is not an address: " + from, e);
        }
    }

    /**
     * The headers for mail of a publication whose owner is {@code ownerId}, sender name and address
     * as the writer set them, and reply address if any.
     */
    public Sender sender(long ownerId, String name, String email, String replyTo) {
        String safeName = HeaderValues.requireSingleLine("senderName", name);
        String address = HeaderValues.requireSingleLine("senderEmail", email);
        String reply = replyTo == null || replyTo.isBlank() ? null : HeaderValues.requireSingleLine("replyTo", replyTo);
        boolean own = domainOf(address).flatMap(verified::find).map(v -> v.accountId() == ownerId).orElse(false);
        if (own) {
            return new Sender(address(address, safeName), reply, true);
        }
        return new Sender(address(platform.getAddress(), safeName), reply != null ? reply : address, false);
    }

    /** The platform's own domain: no writer sends From it, or from under it. */
    public String platformDomain() {
        return domainOf(platform.getAddress()).orElse("");
    }

    /**
     * Refuses a sender address a writer may not set (422, nothing changed): on the platform's domain
     * ({@code sender_domain_platform}), on a domain another writer holds ({@code sender_domain_taken}),
     * or on a domain of the writer's own that is not verified ({@code sender_domain_unverified}). An
     * address on a domain nobody added is kept as the writer's address: its mail goes From the
     * platform with it as Reply-To until the writer adds and verifies the domain.
     */
    public void requireAllowed(long ownerId, String email) {
        Optional<String> domain = domainOf(email);
        if (domain.isEmpty()) {
            return; // the address check refuses it
        }
        String d = domain.get();
        String own = platformDomain();
        if (d.equals(own) || d.endsWith("." + own)) {
            throw refused("sender_domain_platform", "The platform's own domain is not a sender address a writer can use; "
                    + "leave the address on your own domain and the mail goes From the platform with your name");
        }
        // who holds the domain (at most one writer at a time), and in which state
        @SuppressWarnings("unchecked")
        List<Object[]> holders = entityManager.createNativeQuery(
                "SELECT account_id, state FROM sender_domain WHERE domain = ?1 AND state <> 'revoked'")
                .setParameter(1, d).getResultList();
        for (Object[] holder : holders) {
            if (((Number) holder[0]).longValue() != ownerId) {
                throw refused("sender_domain_taken", "The domain " + d + " is another writer's sender domain");
            }
            if (!"verified".equals(holder[1])) {
                throw refused("sender_domain_unverified", "The domain " + d
                        + " is not verified yet: publish its DNS records and check it on the sender domains page");
            }
        }
    }

    private static DomainException refused(String code, String detail) {
        return new DomainException(Kind.UNPROCESSABLE, code, detail,
                List.of(new FieldError("senderEmail", code, detail)), null);
    }

    /** The domain part of an address, lower case. */
    static Optional<String> domainOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        return at < 0 || at == address.length() - 1
                ? Optional.empty()
                : Optional.of(address.substring(at + 1).strip().toLowerCase(Locale.ROOT));
    }

    private static String address(String address, String name) {
        try {
            return new InternetAddress(address, name, "UTF-8").toString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
