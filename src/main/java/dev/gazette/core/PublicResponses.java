package dev.gazette.core;

import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * The HTTP answers of public pages. A page the same for every reader may be kept by browsers and
 * shared caches: browsers ask again each time (a reader who just commented sees their comment),
 * shared caches serve it for a short while and a while longer stale as they ask again; a
 * conditional request for the same bytes gets 304. A page made for one reader (their token, the
 * writer's session) is never kept by anyone but that browser, and not even there.
 */
@ApplicationScoped
public class PublicResponses {

    private final PublicPagesConfig config;

    PublicResponses(PublicPagesConfig config) {
        this.config = config;
    }

    /** A page every reader gets alike: 304 when the request already holds these bytes. */
    public Response shared(Request request, PageCache.Page page, String contentType) {
        EntityTag tag = new EntityTag(page.etag());
        Date lastModified = Date.from(page.lastModified());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(lastModified, tag);
        Response.ResponseBuilder answer = notModified != null ? notModified : Response.ok(page.body(), contentType);
        return answer.tag(tag).lastModified(lastModified)
                .header("Cache-Control", "public, max-age=0, s-maxage=" + config.sharedMaxAge().toSeconds()
                        + ", stale-while-revalidate=" + config.staleWhileRevalidate().toSeconds())
                .build();
    }

    /** A page made for one reader. */
    public Response personal(Object entity, String contentType) {
        return Response.ok(entity, contentType).header("Cache-Control", "private, no-store").build();
    }
}
