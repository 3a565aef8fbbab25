package dev.gazette.membership;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.core.SignedTokens;
import dev.gazette.issue.PaidReaders;
import dev.gazette.issue.Paywall;
import dev.gazette.subscriber.Readers;

/**
 * Who reads the paid part of an issue: an active subscriber whose membership runs (trialing,
 * active, or past_due while its payment is retried). The reader is named by the {@code r} token
 * of their email's links, signed for the issue page's purpose.
 */
@ApplicationScoped
class MemberAccess implements PaidReaders {

    /** The purpose the issue page's {@code r} token is signed for (engagement's ReaderLinks signs it). */
    static final String READER_TOKEN = "issue-reader";

    // The publication's subscribers whose membership lets them read paid parts now.
    private static final String MEMBERS = """
            SELECT subscriber_id FROM membership
             WHERE publication_id = ?1 AND state IN ('trialing', 'active', 'past_due')""";

    private final SignedTokens tokens;
    private final Readers readers;
    private final EntityManager entityManager;

    MemberAccess(SignedTokens tokens, Readers readers, EntityManager entityManager) {
        this.tokens = tokens;
        this.readers = readers;
        this.entityManager = entityManager;
    }

    @Override
    @Transactional
    public Paywall.ReaderLevel level(long publicationId, String readerToken) {
        Optional<Readers.Reader> reader = reader(publicationId, readerToken);
        if (reader.isEmpty()) {
            return Paywall.ReaderLevel.STRANGER;
        }
        return reads(publicationId, reader.get().subscriberId())
                ? Paywall.ReaderLevel.MEMBER
                : Paywall.ReaderLevel.SUBSCRIBER;
    }

    @Override
    @Transactional
    public Set<Long> members(long publicationId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager.createNativeQuery(MEMBERS).setParameter(1, publicationId).getResultList();
        Set<Long> members = new HashSet<>();
        ids.forEach(id -> members.add(id.longValue()));
        return Set.copyOf(members);
    }

    @Override
    @Transactional
    public boolean offersPlans(long publicationId) {
        return Plan.count("publicationId = ?1 and retiredAt is null", publicationId) > 0;
    }

    @Override
    public String joinPath(String publicationSlug, String issueSlug, String readerToken) {
        String path = "/p/" + publicationSlug + "/join?issue=" + URLEncoder.encode(issueSlug, StandardCharsets.UTF_8);
        return readerToken == null || readerToken.isBlank()
                ? path
                : path + "&r=" + URLEncoder.encode(readerToken, StandardCharsets.UTF_8);
    }

    /** The active subscriber a reader token names in this publication; empty for anything else. */
    Optional<Readers.Reader> reader(long publicationId, String readerToken) {
        if (readerToken == null || readerToken.isBlank()) {
            return Optional.empty();
        }
        return tokens.verifyId(READER_TOKEN, readerToken).flatMap(id -> readers.active(publicationId, id));
    }

    /** A reader token for this subscriber, for the links back to the issue after paying. */
    String token(long subscriberId) {
        return tokens.sign(READER_TOKEN, subscriberId);
    }

    boolean reads(long publicationId, long subscriberId) {
        return Membership.<Membership>find("publicationId = ?1 and subscriberId = ?2", publicationId, subscriberId)
                .firstResultOptional().map(m -> m.state.reads()).orElse(false);
    }
}
