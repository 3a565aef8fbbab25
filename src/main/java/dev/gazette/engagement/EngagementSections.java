package dev.gazette.engagement;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.FormGuard;
import dev.gazette.issue.ReaderSections;
import dev.gazette.publication.PublicationRef;

/**
 * The reader sections of an issue's web page: the like button and count, the coffee form, the
 * private note form and the comments with their form. Every form carries the reader's token (when
 * they came from their email) and the page's CSRF token.
 */
@ApplicationScoped
class EngagementSections implements ReaderSections {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @CheckedTemplate(basePath = "engagement")
    static class Templates {
        static native TemplateInstance sections(Words w, Forms forms, LikeService.Likes likes, Tipping tip,
                String policy, boolean known, boolean writer, List<Thread> threads);
    }

    /** @param seen where the shared page's script asks for this reader's token and like, or null */
    record Forms(String base, String notes, String csrf, String reader, String seen) {
    }

    record Tipping(String price, String currency) {
    }

    record Item(long id, String author, boolean writer, boolean pinned, boolean edited, String date, RawString html) {
    }

    record Thread(Item comment, List<Item> replies) {
    }

    private final LikeService likes;
    private final CommentService comments;
    private final ReaderLinks links;
    private final FormGuard guard;
    private final SecurityIdentity identity;
    private final CurrentCaller caller;

    EngagementSections(LikeService likes, CommentService comments, ReaderLinks links, FormGuard guard,
            SecurityIdentity identity, CurrentCaller caller) {
        this.likes = likes;
        this.comments = comments;
        this.links = links;
        this.guard = guard;
        this.identity = identity;
        this.caller = caller;
    }

    @Override
    public Sections sections(PageContext page) {
        PublicationRef publication = links.publicationById(page.publicationId()).orElseThrow(ReaderLinks::issueNotFound);
        String reader = !page.shared() && links.reader(page.publicationId(), page.readerToken()).isPresent()
                ? page.readerToken()
                : null;
        LikeService.Likes liked = page.shared()
                ? likes.of(page.issueId())
                : likes.of(page.issueId(), page.publicationId(), reader, page.clientAddress(), page.userAgent());
        String base = "/p/" + page.publicationSlug() + "/" + page.issueSlug();
        // the shared page's forms get their token from the page's script (see seen in ReaderResource)
        Forms forms = new Forms(base, "/p/" + page.publicationSlug() + "/notes", page.shared() ? "" : guard.token(),
                reader, page.shared() ? base + "/seen" : null);
        // no price set: the writer takes no tips
        Tipping tip = publication.tipPrice() == null
                ? null
                : new Tipping(price(publication.tipPrice(), publication.tipCurrency(), page.locale()),
                        publication.tipCurrency());
        // the writer, logged in on this site, answers from the page as the writer
        boolean writer = !page.shared() && !identity.isAnonymous()
                && (caller.get().isAdmin() || caller.get().accountId() == publication.ownerId());
        String html = Templates.sections(Words.of(page.locale()), forms, liked, tip, comments.policy(page.publicationId()),
                reader != null, writer, threads(page.issueId(), ZoneId.of(publication.timeZone()))).render();
        return new Sections(liked.count(), new RawString(html));
    }

    /** The price as readers of this language write it: "₩3,000", "$5.00". */
    static String price(java.math.BigDecimal amount, String currency, String locale) {
        java.text.NumberFormat format = java.text.NumberFormat.getCurrencyInstance(
                "ko".equals(locale) ? java.util.Locale.KOREA : java.util.Locale.US);
        java.util.Currency unit = java.util.Currency.getInstance(currency);
        format.setCurrency(unit);
        format.setMinimumFractionDigits(unit.getDefaultFractionDigits());
        format.setMaximumFractionDigits(Math.max(0, unit.getDefaultFractionDigits()));
        return format.format(amount);
    }

    private List<Thread> threads(long issueId, ZoneId zone) {
        Map<Long, Thread> threads = new LinkedHashMap<>();
        List<Comment> replies = new ArrayList<>();
        for (Comment c : comments.visible(issueId)) {
            if (c.parentId == null) {
                threads.put(c.id, new Thread(item(c, zone), new ArrayList<>()));
            } else {
                replies.add(c);
            }
        }
        replies.sort(java.util.Comparator.comparing((Comment c) -> c.createdAt).thenComparing(c -> c.id));
        for (Comment reply : replies) {
            Thread thread = threads.get(reply.parentId);
            if (thread != null) {
                thread.replies().add(item(reply, zone));
            }
        }
        return List.copyOf(threads.values());
    }

    private static Item item(Comment c, ZoneId zone) {
        return new Item(c.id, c.authorName, c.byWriter(), c.pinned, c.editedAt != null,
                DATE.format(c.createdAt.atZone(zone)), new RawString(c.bodyHtml));
    }
}
