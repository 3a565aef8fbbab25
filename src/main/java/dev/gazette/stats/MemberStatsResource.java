package dev.gazette.stats;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.account.CurrentCaller;

/**
 * A publication's paid membership numbers as JSON for its writer: {@code
 * /api/v1/publications/{slug}/stats/members} (the platform's: {@link PlatformMemberStatsResource}).
 * A class of its own path: the stats resource's {@code .../stats} would otherwise take the request.
 */
@Path("/api/v1/publications/{slug}/stats/members")
@Produces(MediaType.APPLICATION_JSON)
class MemberStatsResource {

    private final MemberStats stats;
    private final CurrentCaller caller;

    MemberStatsResource(MemberStats stats, CurrentCaller caller) {
        this.stats = stats;
        this.caller = caller;
    }

    @GET
    @Authenticated
    public MemberStats.View publication(@PathParam("slug") String slug) {
        return stats.of(caller.get(), slug);
    }
}
