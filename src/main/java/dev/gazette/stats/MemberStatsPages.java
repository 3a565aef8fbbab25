package dev.gazette.stats;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * A publication's membership dashboard for its writer, {@code /publications/{slug}/stats/members}
 * (members, MRR per currency, new and churned, revenue); the platform's is {@link
 * PlatformMemberStatsPage}. A class of its own path, so the dashboards' {@code .../stats} route does
 * not take the request.
 */
@Path("/publications/{slug}/stats/members")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class MemberStatsPages {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);

    @CheckedTemplate(basePath = "stats")
    static class Templates {
        static native TemplateInstance members(String lang, PublicationRef publication, MemberStats.View view,
                String newChart, String csrf, boolean admin);
    }

    private final MemberStats stats;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;

    MemberStatsPages(MemberStats stats, Publications publications, CurrentCaller caller, FormGuard guard) {
        this.stats = stats;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance publication(@HeaderParam("Accept-Language") String languages,
            @PathParam("slug") String slug) {
        String lang = Languages.of(languages);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        return page(lang, publication, stats.of(caller.get(), slug), guard.token(), caller.get().isAdmin());
    }

    /** The dashboard of a publication, or of the platform when {@code publication} is null. */
    static TemplateInstance page(String lang, PublicationRef publication, MemberStats.View view, String csrf,
            boolean admin) {
        MemberStatsText words = MessageBundles.get(MemberStatsText.class, Localized.Literal.of(lang));
        String chart = Charts.bars(words.chart_new(),
                view.membersByMonth().stream().map(m -> MONTH.format(m.month())).toList(),
                view.membersByMonth().stream().map(m -> (double) m.started()).toList());
        return Templates.members(lang, publication, view, chart, csrf, admin).setLocale(lang);
    }
}
