package dev.gazette.stats;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;

/** The platform's stats for admins, as JSON and CSV, and the rebuild of the rollups. */
@Path("/api/v1/admin/stats")
@RolesAllowed("admin")
class PlatformStatsResource {

    private final PlatformStats platform;
    private final StatsRebuild rebuild;
    private final CurrentCaller caller;

    PlatformStatsResource(PlatformStats platform, StatsRebuild rebuild, CurrentCaller caller) {
        this.platform = platform;
        this.rebuild = rebuild;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PlatformStats.View get() {
        return platform.of(caller.get());
    }

    /** One line per publication with its numbers and sending health, largest first. */
    @GET
    @Path("/publications.csv")
    @Produces("text/csv")
    public Response publications() {
        return CsvFiles.of("publications.csv", List.of("slug", "name", "activeSubscribers", "sent", "uniqueOpens",
                "openRate", "bounceRate", "complaintRate", "level"),
                platform.publications(caller.get()).stream().map(p -> List.<Object>of(p.slug(), p.name(),
                        p.activeSubscribers(), p.sent(), p.uniqueOpens(), p.openRate(), p.health().bounceRate(),
                        p.health().complaintRate(), p.health().level())).toList());
    }

    /** Recomputes every rollup from the raw rows; answers how long it took. */
    @POST
    @Path("/rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    public StatsRebuild.Result rebuild() {
        return rebuild.run(caller.get());
    }
}
