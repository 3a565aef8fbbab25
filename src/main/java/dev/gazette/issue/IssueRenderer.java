package dev.gazette.issue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.core.DomainException;
import dev.gazette.core.GazetteConfig;
import dev.gazette.core.SignedTokens;
import dev.gazette.issue.TemplateModel.IssueModel;
import dev.gazette.issue.TemplateModel.LinksModel;
import dev.gazette.issue.TemplateModel.PublicationModel;
import dev.gazette.issue.TemplateModel.SubscriberModel;
import dev.gazette.publication.Advertising;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Renders an issue for one recipient: the one code path behind previews, test sends and the
 * delivery engine's real sends. The default layout is our own template; a writer's template goes
 * through {@link SandboxedQute} only. The text part is made from the HTML, so both say the same.
 */
@ApplicationScoped
public class IssueRenderer {

    /**
     * The purpose of the feedback links' tokens, whose subject is the delivery id. The same link
     * with {@code /tip} or {@code /comments} opens the web version as this reader.
     */
    public static final String FEEDBACK_PURPOSE = "feedback";

    @CheckedTemplate(basePath = "issue")
    static class Templates {
        static native TemplateInstance email(Texts t, IssueModel issue, PublicationModel publication,
                SubscriberModel subscriber, LinksModel links);

        /** What Korean law asks at the end of an advertising mail; {@code unsubscribe} is a stand-in or the link. */
        static native TemplateInstance advertisingFooter(boolean ko, String sender, String contact, String unsubscribe);
    }

    private final Publications publications;
    private final Advertising advertising;
    private final SandboxedQute sandbox;
    private final RecipientLinks recipientLinks;
    private final SignedTokens tokens;
    private final GazetteConfig gazette;
    private final IssueConfig config;
    private final Clock clock;
    private final IssueItems items;
    private final PaidReaders paidReaders;

    IssueRenderer(Publications publications, Advertising advertising, SandboxedQute sandbox,
            RecipientLinks recipientLinks, SignedTokens tokens, GazetteConfig gazette, IssueConfig config, Clock clock,
            IssueItems items, PaidReaders paidReaders) {
        this.items = items;
        this.paidReaders = paidReaders;
        this.publications = publications;
        this.advertising = advertising;
        this.sandbox = sandbox;
        this.recipientLinks = recipientLinks;
        this.tokens = tokens;
        this.gazette = gazette;
        this.config = config;
        this.clock = clock;
    }

    /** Loads an issue once for many renders, or 404 {@code issue_not_found}. */
    @Transactional
    public PreparedIssue prepare(long issueId) {
        return prepare(issueId, null, null);
    }

    /**
     * {@link #prepare(long)} with another subject line and preheader (an A/B subject test's variant);
     * null keeps the issue's own. The body, its heading and the web version keep the issue's title.
     */
    @Transactional
    public PreparedIssue prepare(long issueId, String subjectLine, String preheader) {
        Issue issue = Issue.<Issue>findByIdOptional(issueId).orElseThrow(IssueErrors::issueNotFound);
        PublicationRef publication = publications.findById(issue.publicationId).orElseThrow(IssueErrors::issueNotFound);
        Template writerTemplate = null;
        if (issue.templateId != null) {
            IssueTemplate template = IssueTemplate.findById(issue.templateId);
            try {
                writerTemplate = template == null ? null : sandbox.parse(template.source);
            } catch (SandboxedQute.Rejected e) {
                throw new DomainException(DomainException.Kind.UNPROCESSABLE, e.code,
                        "The issue's template is no longer accepted: " + e.getMessage());
            }
        }
        Texts texts = Texts.of(publication.locale());
        // every recipient is a subscriber: what a free one reads, and the box where the rest would be
        boolean paywalled = Paywall.cut(issue.bodyMarkdown, issue.access, Paywall.ReaderLevel.SUBSCRIBER);
        String free = Markdown.toHtml(Paywall.visible(issue.bodyMarkdown, issue.access, Paywall.ReaderLevel.SUBSCRIBER));
        if (paywalled) {
            free += Paywall.emailBox(publication.locale(), SENTINEL_WEB);
        }
        IssueModel model = new IssueModel(issue.title, nullToEmpty(issue.subtitle),
                preheader != null ? preheader : nullToEmpty(issue.subtitle), nullToEmpty(issue.category),
                displayDate(issue, publication), webUrl(publication.slug(), issue.slug),
                new RawString(EmailStyles.inline(free)));
        PublicationModel publicationModel = new PublicationModel(publication.name(), nullToEmpty(publication.tagline()),
                nullToEmpty(publication.copyrightNotice()), publication.senderName(), publication.senderEmail(),
                gazette.baseUrl().resolve("/p/" + publication.slug()).toString());
        // advertising (정보통신망법 제50조): "(광고)" opens the subject, and the footer names the sender
        String footer = null;
        String subject = subjectLine != null ? subjectLine : issue.title;
        Optional<Advertising.Advertiser> advertiser = advertising.of(publication.id());
        if (issue.advertising || advertiser.map(Advertising.Advertiser::everyIssue).orElse(false)) {
            subject = Advertising.subject(subject);
            String contact = advertiser.map(Advertising.Advertiser::contact).orElse(publication.senderEmail());
            footer = Templates.advertisingFooter("ko".equals(publication.locale()), publication.senderName(), contact,
                    SENTINEL_UNSUBSCRIBE).render();
        }
        PreparedIssue prepared = new PreparedIssue(issue.id, publication, subject, model, publicationModel, writerTemplate,
                texts, footer);
        if (writerTemplate != null) {
            prepared.items = items.of(issue.id, publication); // a writer's template may list the feed items
        }
        if (paywalled) {
            prepared.memberIssue = new IssueModel(model.title(), model.subtitle(), model.preheader(), model.category(),
                    model.date(), model.url(), new RawString(EmailStyles.inline(Markdown.toHtml(
                            Paywall.visible(issue.bodyMarkdown, issue.access, Paywall.ReaderLevel.MEMBER)))));
            prepared.members = paidReaders.members(publication.id());
        }
        return prepared;
    }

    /**
     * Whether this recipient gets the whole of a paywalled issue: a paid member, or the writer's
     * own preview and test send (the sample recipient, outside any delivery).
     */
    private static boolean member(PreparedIssue prepared, Recipient recipient) {
        return prepared.memberIssue != null && (prepared.members.contains(recipient.subscriberId())
                || (recipient.subscriberId() == 0 && recipient.deliveryId() == 0));
    }

    /** Renders a loaded issue for one recipient. */
    public RenderedIssue render(PreparedIssue prepared, Recipient recipient) {
        Map<String, String> links = recipientLinks(prepared, recipient);
        String unsubscribe = links.get(SENTINEL_UNSUBSCRIBE);
        boolean member = member(prepared, recipient);
        String html;
        String text;
        int bytes;
        if (prepared.writerTemplate == null) {
            // The default layout differs between recipients only in their links: render it (and
            // its text part) once per issue, then put each recipient's links in.
            PreparedIssue.Skeleton skeleton = member ? memberSkeleton(prepared) : skeleton(prepared);
            html = skeleton.html();
            text = skeleton.text();
            for (Map.Entry<String, String> link : links.entrySet()) {
                html = html.replace(link.getKey(), escape(link.getValue()));
                text = text.replace(link.getKey(), link.getValue());
            }
            bytes = skeleton.htmlBytes(); // the links change it by a few bytes at most
        } else {
            LinksModel model = links(prepared, links.get(SENTINEL_WEB), unsubscribe, links.get(SENTINEL_PREFERENCES),
                    links.get(SENTINEL_FEEDBACK));
            SubscriberModel subscriber = new SubscriberModel(recipient.name(), recipient.email(), recipient.attributes());
            html = renderWriterTemplate(prepared, member ? prepared.memberIssue : prepared.issue, subscriber, model);
            text = PlainText.of(html);
            bytes = html.getBytes(StandardCharsets.UTF_8).length;
        }
        List<String> warnings = new ArrayList<>();
        if (bytes > config.sizeWarningBytes()) {
            warnings.add(RenderedIssue.GMAIL_CLIPPING);
        }
        PublicationRef publication = prepared.publication;
        return new RenderedIssue(prepared.issueId, prepared.subject, html, text, bytes, List.copyOf(warnings),
                publication.senderName(), publication.senderEmail(), publication.replyTo(), unsubscribe);
    }

    /**
     * The default layout of a loaded issue rendered once, with a stand-in wherever a recipient's own
     * link goes ({@link #recipientLinks} says which); empty for a writer's own template, which is
     * rendered per recipient. For a sender that writes many messages without rendering each.
     */
    public Optional<Skeleton> skeletonOf(PreparedIssue prepared) {
        // a paywalled issue differs between members and the others: rendered per recipient
        if (prepared.writerTemplate != null || prepared.memberIssue != null) {
            return Optional.empty();
        }
        PreparedIssue.Skeleton skeleton = skeleton(prepared);
        return Optional.of(new Skeleton(skeleton.html(), skeleton.text()));
    }

    /** A skeleton's HTML and text, each stand-in to be replaced (escaped in the HTML) by the recipient's link. */
    public record Skeleton(String html, String text) {
    }

    /** The stand-ins a skeleton holds, each to be replaced by a recipient's link. */
    public static Set<String> standIns() {
        return Set.of(SENTINEL_WEB, SENTINEL_UNSUBSCRIBE, SENTINEL_PREFERENCES, SENTINEL_FEEDBACK);
    }

    /**
     * Each stand-in of the skeleton, and this recipient's link (unescaped) to put in its place. A
     * delivery's web-version link rides on its feedback token (like the tip and comment links), so
     * the page it opens knows the reader; a preview's is the plain page.
     */
    public Map<String, String> recipientLinks(PreparedIssue prepared, Recipient recipient) {
        String feedback = gazette.baseUrl().resolve("/feedback/"
                + tokens.sign(FEEDBACK_PURPOSE, recipient.deliveryId())).toString();
        return Map.of(SENTINEL_WEB, recipient.deliveryId() == 0 ? prepared.issue.url() : feedback + "/web",
                SENTINEL_UNSUBSCRIBE, recipientLinks.unsubscribeUrl(recipient.subscriberId()),
                SENTINEL_PREFERENCES, recipientLinks.preferencesUrl(recipient.subscriberId()),
                SENTINEL_FEEDBACK, feedback);
    }

    /**
     * What every stand-in in a skeleton begins with (a reserved domain, RFC 2606): a link that does
     * is a recipient's own, never one to track.
     */
    public static final String STAND_IN_PREFIX = "https://gazette.invalid/";

    /** Stand-ins for the per-recipient links; letters and digits only, so escaping leaves them alone. */
    private static final String SENTINEL_WEB = STAND_IN_PREFIX + "x7web9q";
    private static final String SENTINEL_UNSUBSCRIBE = STAND_IN_PREFIX + "x7unsubscribe9q";
    private static final String SENTINEL_PREFERENCES = STAND_IN_PREFIX + "x7preferences9q";
    private static final String SENTINEL_FEEDBACK = STAND_IN_PREFIX + "x7feedback9q";

    private PreparedIssue.Skeleton skeleton(PreparedIssue prepared) {
        PreparedIssue.Skeleton skeleton = prepared.skeleton;
        if (skeleton == null) {
            skeleton = skeleton(prepared, prepared.issue);
            prepared.skeleton = skeleton;
        }
        return skeleton;
    }

    private PreparedIssue.Skeleton memberSkeleton(PreparedIssue prepared) {
        PreparedIssue.Skeleton skeleton = prepared.memberSkeleton;
        if (skeleton == null) {
            skeleton = skeleton(prepared, prepared.memberIssue);
            prepared.memberSkeleton = skeleton;
        }
        return skeleton;
    }

    private PreparedIssue.Skeleton skeleton(PreparedIssue prepared, IssueModel issue) {
        LinksModel links = links(prepared, SENTINEL_WEB, SENTINEL_UNSUBSCRIBE, SENTINEL_PREFERENCES, SENTINEL_FEEDBACK);
        Recipient sample = Recipient.sample(prepared.publication.locale());
        SubscriberModel subscriber = new SubscriberModel(sample.name(), sample.email(), sample.attributes());
        String html = Templates.email(prepared.texts, issue, prepared.publicationModel, subscriber, links).render();
        if (prepared.advertisingFooter != null) {
            html = beforeBodyEnd(html, prepared.advertisingFooter);
        }
        return new PreparedIssue.Skeleton(html, PlainText.of(html), html.getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * The recipient's web-version, tip and comment links go through their feedback link (which
     * click tracking leaves alone): one signed token per delivery, not a tracked link per
     * recipient. No tip link when the publication takes no tips.
     */
    private static LinksModel links(PreparedIssue prepared, String web, String unsubscribe, String preferences,
            String feedback) {
        String coffee = prepared.publication.tipPrice() == null ? "" : feedback + "/tip";
        return new LinksModel(web, unsubscribe, preferences, feedback + "?rating=good", feedback + "?rating=okay",
                feedback + "?rating=bad", coffee, feedback + "/comments");
    }

    /** Loads and renders in one go, for a single message. */
    public RenderedIssue render(long issueId, Recipient recipient) {
        return render(prepare(issueId), recipient);
    }

    private String renderWriterTemplate(PreparedIssue prepared, IssueModel issue, SubscriberModel subscriber,
            LinksModel links) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issue", issue);
        data.put("publication", prepared.publicationModel);
        data.put("subscriber", subscriber);
        data.put("links", links);
        data.put("items", prepared.items);
        String html;
        try {
            html = sandbox.render(prepared.writerTemplate, data);
        } catch (SandboxedQute.LimitExceeded e) {
            throw new DomainException(DomainException.Kind.UNPROCESSABLE, e.code, e.getMessage());
        }
        // the paywall's box in the body links to the reader's web version through a stand-in
        html = html.replace(escape(SENTINEL_WEB), escape(links.web()));
        if (!html.contains(links.unsubscribe())) {
            // every issue carries a visible unsubscribe link, whatever the template says
            html = withFooter(html, prepared.texts, links);
        }
        if (prepared.advertisingFooter != null) {
            // and an advertising one what the law asks, whatever the template says
            html = beforeBodyEnd(html, prepared.advertisingFooter.replace(SENTINEL_UNSUBSCRIBE, escape(links.unsubscribe())));
        }
        return html;
    }

    private static String withFooter(String html, Texts texts, LinksModel links) {
        return beforeBodyEnd(html, "<p style=\"font-size:12px;color:#6b7280;text-align:center;margin:24px 0\">"
                + "<a href=\"" + escape(links.unsubscribe()) + "\">" + texts.unsubscribe() + "</a> · "
                + "<a href=\"" + escape(links.preferences()) + "\">" + texts.preferences() + "</a></p>");
    }

    /** {@code html} with {@code footer} put before its last {@code </body>}, or after it all when it has none. */
    private static String beforeBodyEnd(String html, String footer) {
        int end = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        return end < 0 ? html + footer : html.substring(0, end) + footer + html.substring(end);
    }

    /** A link as it goes into a double-quoted HTML attribute: the one escaping of every recipient link. */
    public static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    String webUrl(String publicationSlug, String issueSlug) {
        return gazette.baseUrl().resolve("/p/" + publicationSlug + "/" + issueSlug).toString();
    }

    private String displayDate(Issue issue, PublicationRef publication) {
        Instant when = issue.sentAt != null
                ? issue.sentAt
                : issue.scheduledAt != null ? issue.scheduledAt : clock.instant();
        return formatDate(when, publication);
    }

    static String formatDate(Instant when, PublicationRef publication) {
        Locale locale = "ko".equals(publication.locale()) ? Locale.KOREAN : Locale.ENGLISH;
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .format(when.atZone(ZoneId.of(publication.timeZone())));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
