package dev.gazette.membership;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.arc.All;
import io.quarkus.mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.gazette.core.DomainException;
import dev.gazette.core.EmailAddresses;
import dev.gazette.core.GazetteConfig;
import dev.gazette.issue.ArchivedIssue;
import dev.gazette.issue.IssueArchive;
import dev.gazette.mail.MailKind;
import dev.gazette.mail.TransactionalMail;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.Readers;
import dev.gazette.subscriber.SubscriberLinks;

/**
 * A reader becomes a paid member: they choose a plan, accept the recurring-payment terms (their
 * version, the time and the client are recorded) and pay through the configured provider. Only an
 * active subscriber can, named by the signed {@code r} token of their email's links; one without
 * it asks for a link by email. The sandbox's answer starts the membership.
 */
@ApplicationScoped
class Checkouts {

    /** The legal page whose version a reader accepts before paying (engagement's LegalPages keeps it). */
    static final String TERMS_KIND = "recurring-payments";

    /** What the join page shows: the plans, the reader (null: unknown), their running membership (or null). */
    record Offer(PublicationRef publication, List<Plan> plans, Readers.Reader reader, Membership membership,
            int termsVersion, String readerToken, String issueSlug) {
    }

    /** A checkout page's content. */
    record Pending(Checkout checkout, Plan plan, PublicationRef publication) {
    }

    /** A settled checkout, and where the reader goes back to (the issue or publication, as themselves). */
    record Settled(Checkout checkout, Plan plan, PublicationRef publication, String back) {
    }

    // The newest version of the recurring-payment terms (0: not written yet, the stand-in is shown).
    private static final String TERMS_VERSION = "SELECT coalesce(max(version), 0) FROM legal_page WHERE kind = ?1";

    // The acceptance of the terms as Korean e-commerce rules ask: which version, when, from which client.
    private static final String ACCEPT = """
            INSERT INTO terms_acceptance (checkout_id, subscriber_id, terms_kind, terms_version, accepted_at, client_ip,
                                          user_agent)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""";

    // The first period's charge, paid at checkout.
    private static final String FIRST_CHARGE = """
            INSERT INTO membership_charge (membership_id, idempotency_key, period_start, period_end, amount, currency,
                                           provider, provider_ref, status, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'paid', ?9)""";

    // An active subscriber of the publication by address, for a mailed join link.
    private static final String ACTIVE_BY_EMAIL = """
            SELECT id FROM subscriber WHERE publication_id = ?1 AND email = ?2 AND status = 'active'""";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Publications publications;
    private final PlanService plans;
    private final MemberAccess access;
    private final Memberships memberships;
    private final IssueArchive issues;
    private final Map<String, BillingProvider> providers;
    private final String provider;
    private final TransactionalMail mails;
    private final SubscriberLinks subscriberLinks;
    private final GazetteConfig gazette;
    private final EntityManager entityManager;
    private final Clock clock;

    Checkouts(Publications publications, PlanService plans, MemberAccess access, Memberships memberships,
            IssueArchive issues, @All List<BillingProvider> providers,
            @ConfigProperty(name = "gazette.payments.provider", defaultValue = "none") String provider,
            TransactionalMail mails, SubscriberLinks subscriberLinks, GazetteConfig gazette, EntityManager entityManager,
            Clock clock) {
        this.publications = publications;
        this.plans = plans;
        this.access = access;
        this.memberships = memberships;
        this.issues = issues;
        this.providers = providers.stream().collect(java.util.stream.Collectors.toMap(BillingProvider::name, p -> p));
        this.provider = provider;
        this.mails = mails;
        this.subscriberLinks = subscriberLinks;
        this.gazette = gazette;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** The join page: 404 {@code publication_not_found} for a publication the public cannot see. */
    @Transactional
    Offer offer(String slug, String readerToken, String issueSlug) {
        PublicationRef publication = publication(slug);
        Readers.Reader reader = access.reader(publication.id(), readerToken).orElse(null);
        Membership membership = reader == null
                ? null
                : Membership.<Membership>find("publicationId = ?1 and subscriberId = ?2 and state <> ?3", publication.id(),
                        reader.subscriberId(), Membership.State.ended).firstResult();
        return new Offer(publication, plans.offered(publication.id()), reader, membership, termsVersion(),
                reader == null ? null : readerToken, issueSlug);
    }

    /**
     * Starts paying: the reader, the plan and the terms are checked, the acceptance recorded, and
     * the provider's page given. 409 {@code payments_off} without a provider (or {@code
     * provider_unsupported} for one that takes no memberships yet), 404 {@code invalid_token} for a
     * reader token that names no active subscriber, 400 {@code validation_failed} (fields {@code
     * plan}: {@code unknown_plan}, {@code plan_retired}; {@code acceptTerms}: {@code
     * terms_not_accepted}), 409 {@code already_member}.
     *
     * @return the provider's page, where the reader pays
     */
    @Transactional
    String start(String slug, String readerToken, Long planId, boolean acceptTerms, String issueSlug, String clientIp,
            String userAgent) {
        PublicationRef publication = publication(slug);
        BillingProvider billing = billing();
        Readers.Reader reader = access.reader(publication.id(), readerToken).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "invalid_token", "This link is not valid (it may have been changed)"));
        Plan plan = planId == null
                ? null
                : Plan.<Plan>find("id = ?1 and publicationId = ?2", planId, publication.id()).firstResult();
        if (plan == null) {
            throw DomainException.invalidField("plan", "unknown_plan", "choose one of the publication's plans");
        }
        if (plan.retired()) {
            throw DomainException.invalidField("plan", "plan_retired", "this plan is no longer offered");
        }
        if (!acceptTerms) {
            throw DomainException.invalidField("acceptTerms", "terms_not_accepted",
                    "accept the recurring-payment terms to pay each period");
        }
        if (access.reads(publication.id(), reader.subscriberId())
                || Membership.count("publicationId = ?1 and subscriberId = ?2 and state <> ?3", publication.id(),
                        reader.subscriberId(), Membership.State.ended) > 0) {
            throw new DomainException(DomainException.Kind.CONFLICT, "already_member", "You are already a member");
        }
        Checkout checkout = new Checkout();
        checkout.publicId = "chk_" + randomId();
        checkout.publicationId = publication.id();
        checkout.subscriberId = reader.subscriberId();
        checkout.planId = plan.id;
        checkout.issueId = issueSlug == null || issueSlug.isBlank()
                ? null
                : issues.findPublished(publication, issueSlug).map(ArchivedIssue::id).orElse(null);
        checkout.provider = billing.name();
        checkout.status = Checkout.Status.pending;
        checkout.createdAt = clock.instant();
        checkout.persistAndFlush();
        entityManager.createNativeQuery(ACCEPT).setParameter(1, checkout.id).setParameter(2, reader.subscriberId())
                .setParameter(3, TERMS_KIND).setParameter(4, termsVersion())
                .setParameter(5, Timestamp.from(checkout.createdAt)).setParameter(6, clientIp == null ? "unknown" : clientIp)
                .setParameter(7, userAgent == null ? null : userAgent.length() > 500 ? userAgent.substring(0, 500) : userAgent)
                .executeUpdate();
        return billing.checkoutUrl(checkout.publicId);
    }

    /** A sandbox checkout for its page; 404 {@code checkout_not_found}, also once the sandbox is off. */
    @Transactional
    Pending sandbox(String publicId) {
        Checkout checkout = sandboxCheckout(publicId, false);
        return new Pending(checkout, Plan.findById(checkout.planId), publications.findById(checkout.publicationId)
                .orElseThrow(Checkouts::checkoutNotFound));
    }

    /**
     * The sandbox page's answer: paid (with a test card: {@link SandboxBilling#DECLINED} fails the
     * checkout, {@link SandboxBilling#DECLINES_RENEWALS} pays now and declines renewals) or
     * cancelled. A settled checkout answers as it is: nothing is paid twice.
     */
    @Transactional
    Settled settleSandbox(String publicId, boolean pay, String card) {
        Checkout checkout = sandboxCheckout(publicId, true);
        Plan plan = Plan.findById(checkout.planId);
        PublicationRef publication = publications.findById(checkout.publicationId).orElseThrow(Checkouts::checkoutNotFound);
        if (checkout.status == Checkout.Status.pending) {
            String number = card == null ? "" : card.replaceAll("[^0-9]", "");
            checkout.settledAt = clock.instant();
            if (!pay) {
                checkout.status = Checkout.Status.cancelled;
            } else if (SandboxBilling.DECLINED.equals(number)) {
                checkout.status = Checkout.Status.failed;
            } else {
                checkout.status = Checkout.Status.paid;
                Membership m = memberships.startPaid(checkout.publicationId, checkout.subscriberId, plan,
                        SandboxBilling.NAME, SandboxBilling.reference(number.isEmpty() ? "4242424242424242" : number),
                        Memberships.READER);
                if (m.state == Membership.State.active) {
                    entityManager.createNativeQuery(FIRST_CHARGE).setParameter(1, m.id)
                            .setParameter(2, "checkout-" + checkout.publicId)
                            .setParameter(3, Timestamp.from(m.currentPeriodStart))
                            .setParameter(4, Timestamp.from(m.currentPeriodEnd)).setParameter(5, m.price)
                            .setParameter(6, m.currency).setParameter(7, SandboxBilling.NAME)
                            .setParameter(8, "sandbox_" + checkout.publicId)
                            .setParameter(9, Timestamp.from(checkout.settledAt)).executeUpdate();
                }
            }
        }
        return new Settled(checkout, plan, publication, back(publication, checkout));
    }

    /**
     * Mails a join link to an active subscriber of this address; the answer is the same whoever
     * asks, so the page tells no one who subscribes. 400 for an address that is not one.
     */
    @Transactional
    PublicationRef mailLink(String slug, String email, String issueSlug) {
        PublicationRef publication = publication(slug);
        String address = EmailAddresses.normalize(email == null ? "" : email).orElseThrow(() -> DomainException
                .invalidField("email", "invalid_email", "must be a valid email address"));
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager.createNativeQuery(ACTIVE_BY_EMAIL).setParameter(1, publication.id())
                .setParameter(2, address).getResultList();
        for (Number id : ids) {
            String link = gazette.baseUrl().resolve(access.joinPath(publication.slug(),
                    issueSlug == null ? "" : issueSlug, access.token(id.longValue()))).toString();
            boolean ko = "ko".equals(publication.locale());
            String subject = "[" + publication.name() + "] " + (ko ? "유료 구독 링크" : "Your link to become a member");
            Mail mail = subscriberLinks.addressed(publication, id.longValue(), address, subject.replaceAll("[\\r\\n]", " "))
                    .setText((ko
                            ? "아래 링크에서 요금제를 고르고 정기결제 이용약관에 동의하면 유료 구독을 시작할 수 있어요.\n\n"
                            : "Follow this link to choose a plan, accept the recurring-payment terms and become a member.\n\n")
                            + link + "\n");
            mails.record(mail, TransactionalMail.Origin.of(MailKind.membership, "join:" + id).publication(publication.id()));
        }
        return publication;
    }

    /** The active subscriber of this address in the publication, for a writer's comp. */
    @Transactional
    Optional<Long> activeSubscriber(PublicationRef publication, String email) {
        String address = EmailAddresses.normalize(email == null ? "" : email).orElseThrow(() -> DomainException
                .invalidField("email", "invalid_email", "must be a valid email address"));
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager.createNativeQuery(ACTIVE_BY_EMAIL).setParameter(1, publication.id())
                .setParameter(2, address).getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }

    String back(PublicationRef publication, Checkout checkout) {
        String token = access.token(checkout.subscriberId);
        Optional<ArchivedIssue> issue = checkout.issueId == null
                ? Optional.empty()
                : issues.findPublished(publication, checkout.issueId);
        return issue.map(i -> "/p/" + publication.slug() + "/" + i.slug() + "?r=" + token)
                .orElse("/p/" + publication.slug());
    }

    private Checkout sandboxCheckout(String publicId, boolean lock) {
        if (!SandboxBilling.NAME.equals(provider)) {
            // a sandbox checkout left from before an operator switched the sandbox off is paid by no one
            throw checkoutNotFound();
        }
        var query = Checkout.<Checkout>find("publicId = ?1 and provider = ?2", publicId, SandboxBilling.NAME);
        if (lock) {
            query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResultOptional().orElseThrow(Checkouts::checkoutNotFound);
    }

    private BillingProvider billing() {
        if ("none".equals(provider)) {
            throw new DomainException(DomainException.Kind.CONFLICT, "payments_off",
                    "This Gazette takes no payments: no payment provider is configured");
        }
        BillingProvider billing = providers.get(provider);
        if (billing == null) {
            throw new DomainException(DomainException.Kind.CONFLICT, "provider_unsupported",
                    "The configured payment provider takes no memberships yet");
        }
        return billing;
    }

    private PublicationRef publication(String slug) {
        return publications.findPublic(slug).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                "publication_not_found", "No such publication"));
    }

    private int termsVersion() {
        return ((Number) entityManager.createNativeQuery(TERMS_VERSION).setParameter(1, TERMS_KIND).getSingleResult())
                .intValue();
    }

    static DomainException checkoutNotFound() {
        return new DomainException(DomainException.Kind.NOT_FOUND, "checkout_not_found", "No such checkout");
    }

    private static String randomId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
