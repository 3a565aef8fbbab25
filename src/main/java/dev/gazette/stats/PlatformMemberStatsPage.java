package dev.gazette.stats;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/** The platform's membership dashboard for admins, {@code /admin/stats/members}: every publication, per currency. */
@Path("/admin/stats/members")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
class PlatformMemberStatsPage {

    private final MemberStats stats;
    private final CurrentCaller caller;
    private final FormGuard guard;

    PlatformMemberStatsPage(MemberStats stats, CurrentCaller caller, FormGuard guard) {
        this.stats = stats;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance platform(@HeaderParam("Accept-Language") String languages) {
        return MemberStatsPages.page(Languages.of(languages), null, stats.platform(caller.get()), guard.token(), true);
    }
}
