package dev.gazette.engagement;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.core.EmailAddresses;
import dev.gazette.engagement.EngagementViews.TipView;
import dev.gazette.engagement.PaymentProvider.Event;
import dev.gazette.engagement.ReaderLinks.Target;
import dev.gazette.event.EventType;
import dev.gazette.event.Events;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Coffee tips: asked for on an issue's page (pending, the amount fixed then), paid through the
 * configured {@link PaymentProvider}, and moved on only by that provider: pending to paid or
 * failed, paid to refunded once all of it was refunded (a refund in part is recorded in
 * {@code amountRefunded} and the tip stays paid; a refund that arrives before its payment is kept
 * and applied when the payment lands). A webhook event applies once, however often it arrives.
 */
@ApplicationScoped
class TipService {

    record Asked(String id, String status, BigDecimal amount, String currency, String checkoutUrl) {
    }

    record TipRequest(Integer coffees, String name, String email, String message, String currency, String readerToken) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, PaymentProvider> providers;
    private final PaymentsConfig payments;
    private final EngagementConfig config;
    private final ReaderLinks links;
    private final Publications publications;
    private final EngagementMails mails;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Events events;

    TipService(@All List<PaymentProvider> providers, PaymentsConfig payments, EngagementConfig config, ReaderLinks links,
            Publications publications, EngagementMails mails, EntityManager entityManager, Clock clock, Events events) {
        this.events = events;
        this.providers = providers.stream().collect(java.util.stream.Collectors.toMap(PaymentProvider::name, p -> p));
        this.payments = payments;
        this.config = config;
        this.links = links;
        this.publications = publications;
        this.mails = mails;
        this.entityManager = entityManager;
        this.clock = clock;
        if (!PaymentsConfig.NONE.equals(payments.provider()) && !this.providers.containsKey(payments.provider())) {
            throw new IllegalStateException("gazette.payments.provider names no provider: " + payments.provider());
        }
    }

    /** A pending tip for this issue, and where the reader pays for it. */
    @Transactional
    Asked ask(Target target, TipRequest request) {
        PublicationRef publication = target.publication();
        if (publication.tipPrice() == null) {
            throw new DomainException(DomainException.Kind.CONFLICT, "tips_off", "This publication takes no tips");
        }
        if (PaymentsConfig.NONE.equals(payments.provider())) {
            throw new DomainException(DomainException.Kind.CONFLICT, "payments_off",
                    "This Gazette takes no tips: no payment provider is configured");
        }
        if (request.coffees() == null || request.coffees() < 1 || request.coffees() > config.maxCoffees()) {
            throw CommentService.invalid("invalid_coffees", "coffees", "out_of_range",
                    "A tip is 1 to " + config.maxCoffees() + " coffees");
        }
        if (request.currency() != null && !request.currency().isBlank()) {
            try {
                Currency.getInstance(request.currency());
            } catch (IllegalArgumentException e) {
                throw CommentService.invalid("unknown_currency", "currency", "invalid_value", "Not an ISO 4217 currency");
            }
            if (!request.currency().equals(publication.tipCurrency())) {
                throw CommentService.invalid("currency_mismatch", "currency", "invalid_value",
                        "This publication takes tips in " + publication.tipCurrency());
            }
        }
        String email = request.email() == null || request.email().isBlank()
                ? null
                : EmailAddresses.normalize(request.email()).orElseThrow(() -> DomainException.invalidField("email",
                        "invalid_email", "must be a valid email address"));
        String message = request.message() == null || request.message().isBlank() ? null : request.message().strip();
        if (message != null && message.length() > 2000) {
            throw CommentService.invalid("message_too_long", "message", "invalid_length", "At most 2,000 characters");
        }
        PaymentProvider provider = providers.get(payments.provider());
        Tip tip = new Tip();
        tip.publicId = "tip_" + randomId();
        tip.publicationId = publication.id();
        tip.issueId = target.issue().id();
        tip.subscriberId = links.reader(publication.id(), request.readerToken()).map(r -> r.subscriberId()).orElse(null);
        tip.coffees = request.coffees();
        tip.unitPrice = publication.tipPrice();
        tip.amount = publication.tipPrice().multiply(BigDecimal.valueOf(request.coffees()));
        tip.currency = publication.tipCurrency();
        tip.tipperName = request.name() == null || request.name().isBlank() ? null : truncate(request.name().strip(), 120);
        tip.tipperEmail = email;
        tip.message = message;
        tip.provider = provider.name();
        tip.status = Tip.Status.pending;
        tip.createdAt = clock.instant();
        tip.updatedAt = tip.createdAt;
        tip.persist();
        PaymentProvider.Checkout checkout = provider.start(tip, "☕ × " + tip.coffees + " · " + publication.name(),
                target.issue().url() + "#tip");
        tip.providerRef = checkout.providerRef();
        return new Asked(tip.publicId, tip.status.name(), tip.amount, tip.currency, checkout.url());
    }

    /** A pending sandbox tip, for its checkout page. */
    @Transactional
    Tip sandboxTip(String publicId) {
        if (!SandboxProvider.NAME.equals(payments.provider())) {
            // a sandbox tip left from before an operator switched the sandbox off is paid by no one
            throw new DomainException(DomainException.Kind.NOT_FOUND, "tip_not_found", "No such tip");
        }
        return Tip.<Tip>find("publicId = ?1 and provider = ?2", publicId, SandboxProvider.NAME).firstResultOptional()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "tip_not_found", "No such tip"));
    }

    /** The issue page the reader came from, to go back to after paying. */
    @Transactional
    String returnUrl(Tip tip) {
        return links.publicationById(tip.publicationId)
                .flatMap(p -> tip.issueId == null ? java.util.Optional.empty() : links.issue(p, tip.issueId))
                .map(i -> i.url() + "#tip").orElse(null);
    }

    /** The sandbox checkout's answer: paid or cancelled. */
    @Transactional
    Tip settleSandbox(String publicId, boolean paid) {
        Tip tip = sandboxTip(publicId);
        move(tip, paid ? PaymentProvider.Outcome.PAID : PaymentProvider.Outcome.FAILED);
        return tip;
    }

    /** Refuses a webhook for no provider (404) or without its signature header (400), before its body is read. */
    void requireSigned(String providerName, Map<String, String> headers) {
        PaymentProvider provider = Optional.ofNullable(providers.get(providerName)).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "provider_not_found", "No such payment provider"));
        String header = provider.signatureHeader().orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                "provider_not_found", "This payment provider takes no webhooks"));
        if (headers.get(header) == null || headers.get(header).isBlank()) {
            throw new DomainException(DomainException.Kind.INVALID, "invalid_signature", "The webhook has no " + header);
        }
    }

    /**
     * A provider's webhook: verified, recorded by event id, applied once.
     *
     * @return whether the event was new
     */
    @Transactional
    boolean webhook(String providerName, String body, Map<String, String> headers) {
        PaymentProvider provider = Optional.ofNullable(providers.get(providerName)).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "provider_not_found", "No such payment provider"));
        Event event = provider.verify(body, headers);
        Optional<Tip> tip = find("publicId", event.tipPublicId(), provider.name())
                .or(() -> find("providerRef", event.providerRef(), provider.name()));
        // the event's id is its idempotency key: a replay inserts nothing and changes nothing
        int recorded = entityManager.createNativeQuery("""
                INSERT INTO payment_event (provider, event_id, event_type, tip_id, received_at) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (provider, event_id) DO NOTHING""")
                .setParameter(1, provider.name()).setParameter(2, event.id()).setParameter(3, event.type())
                .setParameter(4, tip.map(t -> t.id).orElse(null)).setParameter(5, Timestamp.from(clock.instant()))
                .executeUpdate();
        if (recorded == 0) {
            return false;
        }
        tip.ifPresent(t -> move(t, event.outcome(), event.refundedMinorUnits()));
        return true;
    }

    @Transactional
    List<TipView> list(Caller caller, String slug) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return Tip.<Tip>list("publicationId = ?1 order by createdAt desc, id desc", publication.id()).stream()
                .map(TipView::of).toList();
    }

    private static Optional<Tip> find(String field, String value, String provider) {
        return value == null
                ? Optional.empty()
                : Tip.<Tip>find(field + " = ?1 and provider = ?2", value, provider).firstResultOptional();
    }

    private void move(Tip tip, PaymentProvider.Outcome outcome) {
        move(tip, outcome, null);
    }

    /**
     * Applies a provider's outcome. A refund is recorded whatever the tip's state, so that one that
     * arrives before its payment still counts when the payment lands; the tip is refunded once all
     * of it was, and a tip refunded in part stays paid.
     */
    private void move(Tip tip, PaymentProvider.Outcome outcome, Long refundedMinorUnits) {
        Tip.Status from = tip.status;
        boolean refundGrew = false;
        if (outcome == PaymentProvider.Outcome.REFUNDED) {
            BigDecimal refunded = refundedMinorUnits == null
                    ? tip.amount
                    : tip.amount.min(majorUnits(refundedMinorUnits,
                            tip.currency));
            refundGrew = refunded.compareTo(tip.amountRefunded) > 0;
            tip.amountRefunded = tip.amountRefunded.max(refunded);
        }
        boolean allRefunded = tip.amountRefunded.compareTo(tip.amount) >= 0;
        Tip.Status to = switch (outcome) {
            case PAID -> from != Tip.Status.pending ? from : allRefunded ? Tip.Status.refunded : Tip.Status.paid;
            case FAILED -> from == Tip.Status.pending ? Tip.Status.failed : from;
            case REFUNDED -> from == Tip.Status.paid && allRefunded ? Tip.Status.refunded : from;
            case IGNORED -> from;
        };
        if (to == from && !refundGrew) {
            return;
        }
        tip.status = to;
        tip.updatedAt = clock.instant();
        if (from == Tip.Status.pending && (to == Tip.Status.paid || to == Tip.Status.refunded)) {
            tip.paidAt = tip.updatedAt;
        }
        if (from == Tip.Status.pending && to == Tip.Status.paid) {
            events.emit(EventType.TIP_PAID, tip.publicationId, tip.eventData());
            links.publicationById(tip.publicationId).ifPresent(p -> tellWriter(p, tip));
        }
    }

    private static BigDecimal majorUnits(long minorUnits, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minorUnits).movePointLeft(digits);
    }

    private void tellWriter(PublicationRef publication, Tip tip) {
        boolean ko = "ko".equals(publication.locale());
        String who = tip.tipperName != null ? tip.tipperName : ko ? "한 독자" : "A reader";
        mails.tellWriter(publication, ko ? "커피를 받았어요 ☕" : "You got a coffee ☕",
                who + (ko ? "님이 커피 " + tip.coffees + "잔을 보냈어요 (" : " sent you " + tip.coffees + " coffee(s) (")
                        + tip.amount.stripTrailingZeros().toPlainString() + " " + tip.currency + ")"
                        + (tip.message != null ? ":\n\n" + tip.message : ".") + "\n",
                "tip:" + tip.id, tip.tipperEmail);
    }

    private static String randomId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String truncate(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
