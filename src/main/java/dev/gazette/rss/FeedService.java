package dev.gazette.rss;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.event.AddressGuard;
import dev.gazette.issue.StepMessages;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.rss.FeedRequests.CreateFeed;
import dev.gazette.rss.FeedRequests.UpdateFeed;
import dev.gazette.rss.FeedViews.FeedView;
import dev.gazette.subscriber.Audience;

/** A writer's followed feeds: list, read, follow, change, stop following. Another writer's are 404. */
@ApplicationScoped
class FeedService {

    static final int MAX_FEEDS = 20;

    private final Publications publications;
    private final StepMessages layouts;
    private final AddressGuard guard;
    private final Audit audit;
    private final Clock clock;

    FeedService(Publications publications, StepMessages layouts, AddressGuard guard, Audit audit, Clock clock) {
        this.publications = publications;
        this.layouts = layouts;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    List<FeedView> list(Caller caller, String slug) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return FollowedFeed.of(publication.id()).stream().map(FeedService::view).toList();
    }

    @Transactional
    FeedView get(Caller caller, String slug, long id) {
        return view(owned(caller, slug, id));
    }

    /** Follows a feed; its first fetch is due at once (and marks the items already there as seen). */
    @Transactional
    FeedView create(Caller caller, String slug, CreateFeed request) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        if (FollowedFeed.count("publicationId", publication.id()) >= MAX_FEEDS) {
            throw FeedErrors.tooMany(MAX_FEEDS);
        }
        Instant now = clock.instant();
        FollowedFeed feed = new FollowedFeed();
        feed.publicationId = publication.id();
        feed.enabled = request.enabled() == null || request.enabled();
        feed.includeLatest = Boolean.TRUE.equals(request.includeLatest());
        feed.tags = Audience.normalTags("tags", request.tags());
        feed.templateId = template(publication, request.templateId());
        feed.titlePattern = blankToNull(request.titlePattern());
        schedule(feed, publication, request.mode(), request.digestEvery(), request.digestTime(), request.digestWeekday(),
                now);
        // the address last: it asks DNS, the other fields are refused without a lookup
        feed.url = checkedUrl(request.url());
        if (FollowedFeed.count("publicationId = ?1 and url = ?2", publication.id(), feed.url) > 0) {
            throw FeedErrors.alreadyFollowed();
        }
        feed.nextFetchAt = now;
        feed.createdAt = now;
        feed.updatedAt = now;
        feed.persistAndFlush();
        audited(caller, AuditAction.feed_followed, publication, feed);
        return view(feed);
    }

    /** Changes the settings; turning a paused feed on again clears its failures and fetches it at once. */
    @Transactional
    FeedView update(Caller caller, String slug, long id, UpdateFeed request) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        FollowedFeed feed = FollowedFeed.in(publication.id(), id).orElseThrow(FeedErrors::notFound);
        Instant now = clock.instant();
        if (request.url() != null) {
            String url = checkedUrl(request.url());
            if (!url.equals(feed.url)) {
                if (FollowedFeed.count("publicationId = ?1 and url = ?2 and id <> ?3", publication.id(), url, id) > 0) {
                    throw FeedErrors.alreadyFollowed();
                }
                // another address may answer with other validators: ask it for everything once
                feed.url = url;
                feed.etag = null;
                feed.lastModified = null;
                feed.nextFetchAt = now;
            }
        }
        boolean digestChanged = request.mode() != null || request.digestEvery() != null || request.digestTime() != null
                || request.digestWeekday() != null;
        if (digestChanged) {
            String mode = request.mode() == null ? feed.mode : request.mode();
            boolean digest = FollowedFeed.DIGEST.equals(mode);
            String every = digest ? (request.digestEvery() == null ? feed.digestEvery : request.digestEvery()) : null;
            String time = digest
                    ? (request.digestTime() == null
                            ? (feed.digestTime == null ? null : hhmm(feed.digestTime))
                            : request.digestTime())
                    : null;
            Integer weekday = digest && "weekly".equals(every)
                    ? (request.digestWeekday() != null
                            ? request.digestWeekday()
                            : feed.digestWeekday == null ? null : feed.digestWeekday.intValue())
                    : null;
            String was = feed.mode;
            schedule(feed, publication, mode, every, time, weekday, now);
            if (FollowedFeed.DIGEST.equals(was) && !digest) {
                // items that waited for a digest would wait forever: they are left out, and shown so
                FollowedFeed.getEntityManager().createNativeQuery("UPDATE feed_item SET state = 'skipped', "
                        + "note = 'mode_changed' WHERE feed_id = ?1 AND state = 'pending'").setParameter(1, feed.id)
                        .executeUpdate();
            }
        }
        if (request.tags() != null) {
            feed.tags = Audience.normalTags("tags", request.tags());
        }
        if (request.templateId() != null) {
            feed.templateId = template(publication, request.templateId());
        }
        if (request.titlePattern() != null) {
            feed.titlePattern = blankToNull(request.titlePattern());
        }
        if (request.enabled() != null && request.enabled() != feed.enabled) {
            feed.enabled = request.enabled();
            if (feed.enabled) {
                feed.pausedReason = null;
                feed.failures = 0;
                feed.failingSince = null;
                feed.nextFetchAt = now;
            }
        }
        feed.updatedAt = now;
        audited(caller, AuditAction.feed_changed, publication, feed);
        return view(feed);
    }

    /** Stops following: the feed and its items go; the issues they became stay. */
    @Transactional
    void delete(Caller caller, String slug, long id) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        FollowedFeed feed = FollowedFeed.in(publication.id(), id).orElseThrow(FeedErrors::notFound);
        audited(caller, AuditAction.feed_unfollowed, publication, feed);
        feed.delete();
    }

    /** The caller's feed of this publication, or 404. */
    FollowedFeed owned(Caller caller, String slug, long id) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return FollowedFeed.in(publication.id(), id).orElseThrow(FeedErrors::notFound);
    }

    private void audited(Caller caller, AuditAction action, PublicationRef publication, FollowedFeed feed) {
        audit.record(caller, action, publication.id(), publication.slug(), "feed " + feed.id, feed.mode);
    }

    /** The URL as a feed may have it, its host resolving to public addresses only (unless allowed). */
    private String checkedUrl(String given) {
        URI uri = FeedFetcher.parse(given);
        if (uri == null) {
            throw FeedErrors.urlInvalid();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(AddressGuard.host(uri));
        } catch (UnknownHostException e) {
            throw FeedErrors.hostUnknown();
        }
        for (InetAddress address : addresses) {
            if (!guard.allowed(address)) {
                throw FeedErrors.addressRefused(address.getHostAddress());
            }
        }
        return uri.toString();
    }

    /** Sets mode and digest schedule, refusing what does not fit; a digest's next slot is computed anew. */
    private static void schedule(FollowedFeed feed, PublicationRef publication, String mode, String every, String time,
            Integer weekday, Instant now) {
        if (!List.of(FollowedFeed.DRAFT, FollowedFeed.EACH, FollowedFeed.DIGEST).contains(mode)) {
            throw FeedErrors.field("mode", "invalid_mode", "must be draft, each or digest");
        }
        feed.mode = mode;
        if (!FollowedFeed.DIGEST.equals(mode)) {
            feed.digestEvery = null;
            feed.digestTime = null;
            feed.digestWeekday = null;
            feed.nextDigestAt = null;
            return;
        }
        if (!"daily".equals(every) && !"weekly".equals(every)) {
            throw FeedErrors.field("digestEvery", "invalid_digest_every", "must be daily or weekly for a digest");
        }
        LocalTime at;
        try {
            at = time == null || !time.matches("\\d{2}:\\d{2}") ? null : LocalTime.parse(time);
        } catch (DateTimeParseException e) {
            at = null;
        }
        if (at == null) {
            throw FeedErrors.field("digestTime", "invalid_digest_time", "must be a time as HH:mm for a digest");
        }
        if ("weekly".equals(every) && weekday == null) {
            throw FeedErrors.field("digestWeekday", "weekday_required", "is needed for a weekly digest (1 Monday … 7 Sunday)");
        }
        feed.digestEvery = every;
        feed.digestTime = at;
        feed.digestWeekday = "weekly".equals(every) ? weekday.shortValue() : null;
        feed.nextDigestAt = FeedSchedule.next(every, at, feed.digestWeekday, ZoneId.of(publication.timeZone()), now);
    }

    private Long template(PublicationRef publication, Long templateId) {
        if (templateId == null || templateId == 0) {
            return null;
        }
        if (layouts.layouts(publication.id()).stream().noneMatch(l -> l.id() == templateId)) {
            throw FeedErrors.field("templateId", "unknown_template", "is not a template of this publication");
        }
        return templateId;
    }

    static FeedView view(FollowedFeed f) {
        long waiting = ((Number) FollowedFeed.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM feed_item WHERE feed_id = ?1 AND state = 'pending'")
                .setParameter(1, f.id).getSingleResult()).longValue();
        return new FeedView(f.id, f.url, f.title, f.mode, f.digestEvery, f.digestTime == null ? null : hhmm(f.digestTime),
                f.digestWeekday == null ? null : f.digestWeekday.intValue(), f.titlePattern, f.tagList(), f.templateId,
                f.enabled, f.includeLatest, f.lastFetchAt, f.lastSuccessAt, f.lastOutcome, f.lastErrorCode, f.lastError,
                f.failures, f.failingSince, f.pausedReason, f.nextFetchAt, f.nextDigestAt, waiting, f.createdAt);
    }

    static String hhmm(LocalTime time) {
        return String.format("%02d:%02d", time.getHour(), time.getMinute());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
