package dev.gazette.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The public pages this instance rendered, by key, each kept until its publication changes (told
 * by {@link PublicChanges}) or its refresh time passes (for its counts). When only the refresh time
 * passed, one request renders it again while the others are still served the page they had.
 */
@ApplicationScoped
public class PageCache {

    /**
     * A rendered page.
     *
     * @param subjectId what the page is about beyond its publication (the issue), or 0
     * @param etag a strong validator: the body's hash, the same on every instance for the same bytes
     * @param lastModified when this instance first rendered these bytes, to the second
     */
    public record Page(long publicationId, long subjectId, byte[] body, String etag, Instant lastModified) {
    }

    /** What a render gives: the page's text and whose it is. */
    public record Rendered(long publicationId, long subjectId, String body) {
    }

    private record Entry(Page page, long refreshAt, AtomicBoolean refreshing) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final PublicChanges changes;
    private final PublicPagesConfig config;
    private final Clock clock;

    PageCache(PublicChanges changes, PublicPagesConfig config, Clock clock) {
        this.changes = changes;
        this.config = config;
        this.clock = clock;
        changes.onChange(this::forget);
    }

    /** The page under this key: the kept one, or a new render (a render's exception reaches the caller, nothing kept). */
    public Page get(String key, Supplier<Rendered> render) {
        Entry entry = entries.get(key);
        long now = System.nanoTime();
        if (entry != null) {
            if (now - entry.refreshAt() < 0) {
                return entry.page();
            }
            if (!entry.refreshing().compareAndSet(false, true)) {
                return entry.page(); // another request is rendering it again
            }
        }
        long generation = changes.generation();
        Page page;
        try {
            page = page(render.get(), entry);
        } catch (RuntimeException e) {
            entries.remove(key, entry); // gone or broken: the next request tries for itself
            throw e;
        }
        if (config.cache() && changes.listening() && changes.generation() == generation) {
            entries.put(key, new Entry(page, now + config.refresh().toNanos(), new AtomicBoolean()));
        } else if (entry != null) {
            entries.remove(key, entry);
        }
        return page;
    }

    /** Forgets the pages of this publication ({@code *}: all). */
    void forget(String publication) {
        if (PublicChanges.EVERYTHING.equals(publication)) {
            entries.clear();
            return;
        }
        long id;
        try {
            id = Long.parseLong(publication);
        } catch (NumberFormatException e) {
            entries.clear();
            return;
        }
        entries.values().removeIf(entry -> entry.page().publicationId() == id);
    }

    private Page page(Rendered rendered, Entry previous) {
        byte[] body = rendered.body().getBytes(StandardCharsets.UTF_8);
        String etag = hash(body);
        Instant lastModified = previous != null && previous.page().etag().equals(etag)
                ? previous.page().lastModified()
                : clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new Page(rendered.publicationId(), rendered.subjectId(), body, etag, lastModified);
    }

    private static String hash(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
