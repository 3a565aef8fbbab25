package dev.gazette.stats;

import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;

/** A publication's stats as JSON and CSV, for its writer (and admins). */
@Path("/api/v1/publications/{slug}/stats")
@Authenticated
class PublicationStatsResource {

    private final PublicationStats publications;
    private final CurrentCaller caller;

    PublicationStatsResource(PublicationStats publications, CurrentCaller caller) {
        this.publications = publications;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PublicationStats.View get(@PathParam("slug") String slug) {
        return publications.of(caller.get(), slug);
    }

    /** One line per issue with its numbers, newest first. */
    @GET
    @Path("/issues.csv")
    @Produces("text/csv")
    public Response issues(@PathParam("slug") String slug) {
        return CsvFiles.of(slug + "-issues.csv", List.of("id", "slug", "title", "sentAt", "sent", "uniqueOpens",
                "openRate", "uniqueClicks", "clickRate", "unsubscribes", "likes", "comments"),
                publications.issues(caller.get(), slug).stream().map(l -> List.<Object>of(l.id(), l.slug(), l.title(),
                        String.valueOf(l.sentAt()), l.sent(), l.uniqueOpens(), l.openRate(), l.uniqueClicks(),
                        l.clickRate(), l.unsubscribes(), l.likes(), l.comments())).toList());
    }

    /** One line per day of subscriber growth. */
    @GET
    @Path("/growth.csv")
    @Produces("text/csv")
    public Response growth(@PathParam("slug") String slug) {
        return CsvFiles.of(slug + "-growth.csv", List.of("day", "new", "confirmed", "unsubscribed", "net"),
                publications.of(caller.get(), slug).growth().stream().map(d -> List.<Object>of(d.day(), d.added(),
                        d.confirmed(), d.unsubscribed(), d.net())).toList());
    }
}
