package dev.gazette.engagement;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.account.CurrentCaller;
import dev.gazette.engagement.ReaderRequests.LegalBody;

/** The admin's API for the footer pages: each {@code PUT} adds a version; {@code GET} lists them. */
@Path("/api/v1/admin/legal/{kind}")
@Produces(MediaType.APPLICATION_JSON)
class LegalResource {

    private final LegalPages pages;
    private final CurrentCaller caller;

    LegalResource(LegalPages pages, CurrentCaller caller) {
        this.pages = pages;
        this.caller = caller;
    }

    @GET
    public List<LegalPages.Version> versions(@PathParam("kind") String kind) {
        return pages.versions(caller.get(), kind);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public LegalPages.Version publish(@PathParam("kind") String kind, LegalBody body) {
        return pages.publish(caller.get(), kind, body == null ? null : body.title(), body == null ? null : body.bodyMarkdown());
    }
}
