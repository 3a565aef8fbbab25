package dev.gazette.stats;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.account.CurrentCaller;

/** The platform's paid membership numbers as JSON for admins: {@code /api/v1/admin/stats/members}. */
@Path("/api/v1/admin/stats/members")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
class PlatformMemberStatsResource {

    private final MemberStats stats;
    private final CurrentCaller caller;

    PlatformMemberStatsResource(MemberStats stats, CurrentCaller caller) {
        this.stats = stats;
        this.caller = caller;
    }

    @GET
    public MemberStats.View platform() {
        return stats.platform(caller.get());
    }
}
