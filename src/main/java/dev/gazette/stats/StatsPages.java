package dev.gazette.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/** The dashboards: an issue's and a publication's for their writer, the platform's for admins. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
class StatsPages {

    /** How many hours of an issue's first days the timeline chart shows. */
    static final int TIMELINE_CHART_HOURS = 72;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);
    private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @CheckedTemplate(basePath = "stats")
    static class Templates {
        static native TemplateInstance issue(String lang, IssueStats.View view, String timeline, String feedback,
                String csrf, boolean admin);

        static native TemplateInstance publication(String lang, PublicationStats.View view, String growth,
                String engagement, String tips, String csrf, boolean admin);

        static native TemplateInstance platform(String lang, PlatformStats.View view, String volume, String csrf);

        static native TemplateInstance studio(String lang, List<StudioHome.Line> lines, boolean admin, String csrf);
    }

    /** Number formats for the dashboards: {@code {stats:percent(rate)}}, {@code {stats:time(instant)}}. */
    @TemplateExtension(namespace = "stats")
    static class Format {
        static String percent(double rate) {
            return String.format(Locale.ROOT, "%.1f%%", rate * 100);
        }

        static String precise(double rate) {
            return String.format(Locale.ROOT, "%.2f%%", rate * 100);
        }

        static String count(long n) {
            return String.format(Locale.ROOT, "%,d", n);
        }

        static String time(Instant instant) {
            return instant == null ? "—" : SHOWN.format(instant);
        }

        /** A value for a link's query string. */
        static String query(String value) {
            return java.net.URLEncoder.encode(value == null ? "" : value, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The time in the publication's zone, with the zone's name: {@code 2026-12-02 09:00 Asia/Seoul}. */
        static String zoned(Instant instant, String zone) {
            return instant == null ? "—" : ZONED.withZone(java.time.ZoneId.of(zone)).format(instant) + " " + zone;
        }
    }

    private final IssueStats issues;
    private final PublicationStats publications;
    private final PlatformStats platform;
    private final CurrentCaller caller;
    private final StudioHome home;
    private final FormGuard guard;

    StatsPages(IssueStats issues, PublicationStats publications, PlatformStats platform, CurrentCaller caller,
            StudioHome home, FormGuard guard) {
        this.home = home;
        this.guard = guard;
        this.issues = issues;
        this.publications = publications;
        this.platform = platform;
        this.caller = caller;
    }

    /**
     * Where a writer starts: each of their publications with its subscribers and latest issue, and
     * links to its settings, stats and public page (for admins also the platform's).
     */
    @GET
    @Path("/studio")
    @Authenticated
    public TemplateInstance studio(@HeaderParam("Accept-Language") String languages) {
        var who = caller.get();
        String lang = Languages.of(languages);
        return Templates.studio(lang, home.of(who), who.isAdmin(), guard.token()).setLocale(lang);
    }

    /** The studio's former address. */
    @GET
    @Path("/dashboard")
    @Authenticated
    public TemplateInstance dashboards(@HeaderParam("Accept-Language") String languages) {
        return studio(languages);
    }

    @GET
    @Path("/publications/{slug}/issues/{id}/stats")
    @Authenticated
    public TemplateInstance issue(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id) {
        String lang = Languages.of(languages);
        DashText words = words(lang);
        IssueStats.View view = issues.of(caller.get(), slug, id);
        IssueStats.Feedback f = view.feedback();
        return Templates.issue(lang, view, timeline(view.timeline(), words),
                Charts.bars(words.chart_feedback(), List.of(words.good(), words.okay(), words.bad()),
                        List.of((double) f.good(), (double) f.okay(), (double) f.bad())),
                guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    @GET
    @Path("/publications/{slug}/stats")
    @Authenticated
    public TemplateInstance publication(@HeaderParam("Accept-Language") String languages,
            @PathParam("slug") String slug) {
        String lang = Languages.of(languages);
        DashText words = words(lang);
        PublicationStats.View view = publications.of(caller.get(), slug);
        List<String> days = view.growth().stream().map(d -> DAY.format(d.day())).toList();
        String growth = Charts.lines(words.chart_growth(), days, List.of(
                new Charts.Series(words.series_new(), view.growth().stream().map(d -> (double) d.added()).toList()),
                new Charts.Series(words.series_confirmed(),
                        view.growth().stream().map(d -> (double) d.confirmed()).toList()),
                new Charts.Series(words.series_unsubscribed(),
                        view.growth().stream().map(d -> (double) d.unsubscribed()).toList())));
        List<String> sent = view.engagement().stream()
                .map(i -> i.sentAt() == null ? "#" + i.id() : DAY.format(i.sentAt().atOffset(ZoneOffset.UTC))).toList();
        String engagement = Charts.lines(words.chart_engagement(), sent, List.of(
                new Charts.Series(words.series_openRate(), view.engagement().stream().map(i -> i.openRate() * 100).toList()),
                new Charts.Series(words.series_clickRate(),
                        view.engagement().stream().map(i -> i.clickRate() * 100).toList())));
        List<PublicationStats.TipMonth> months = new ArrayList<>(view.tipsByMonth());
        java.util.Collections.reverse(months);
        String tips = Charts.bars(words.chart_tips(),
                months.stream().map(m -> MONTH.format(m.month()) + " " + m.currency()).toList(),
                months.stream().map(m -> m.amount().doubleValue()).toList());
        return Templates.publication(lang, view, growth, engagement, tips, guard.token(), caller.get().isAdmin())
                .setLocale(lang);
    }

    @GET
    @Path("/admin/stats")
    @RolesAllowed("admin")
    public TemplateInstance platform(@HeaderParam("Accept-Language") String languages) {
        String lang = Languages.of(languages);
        PlatformStats.View view = platform.of(caller.get());
        return Templates.platform(lang, view, Charts.bars(words(lang).chart_volume(),
                view.volume().stream().map(d -> DAY.format(d.day())).toList(),
                view.volume().stream().map(d -> (double) d.sent()).toList()), guard.token()).setLocale(lang);
    }

    private static DashText words(String lang) {
        return MessageBundles.get(DashText.class, Localized.Literal.of(lang));
    }

    /** Opens and clicks per hour over the issue's first days, every hour present. */
    static String timeline(List<IssueStats.Hour> hours, DashText words) {
        Map<Instant, IssueStats.Hour> byHour = new HashMap<>();
        hours.forEach(h -> byHour.put(h.hour(), h));
        Instant first = hours.isEmpty() ? Instant.EPOCH : hours.get(0).hour();
        Instant last = hours.isEmpty() ? first : hours.get(hours.size() - 1).hour();
        long span = Math.min(TIMELINE_CHART_HOURS, Duration.between(first, last).toHours() + 1);
        List<String> labels = new ArrayList<>();
        List<Double> opens = new ArrayList<>();
        List<Double> uniqueOpens = new ArrayList<>();
        List<Double> clicks = new ArrayList<>();
        for (int i = 0; i < span; i++) {
            IssueStats.Hour h = byHour.get(first.plus(i, ChronoUnit.HOURS));
            labels.add("+" + i + "h");
            opens.add(h == null ? 0.0 : h.opens());
            uniqueOpens.add(h == null ? 0.0 : h.uniqueOpens());
            clicks.add(h == null ? 0.0 : h.clicks());
        }
        return Charts.lines(words.chart_timeline(), labels, List.of(new Charts.Series(words.series_opens(), opens),
                new Charts.Series(words.series_uniqueOpens(), uniqueOpens),
                new Charts.Series(words.series_clicks(), clicks)));
    }
}
