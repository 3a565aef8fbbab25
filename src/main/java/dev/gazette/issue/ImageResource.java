package dev.gazette.issue;

import java.time.Duration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.DomainException;

/** The public image behind an uploaded image's URL: {@code GET /images/{key}}. */
@Path("/images")
class ImageResource {

    private static final int ONE_YEAR = (int) Duration.ofDays(365).toSeconds();

    private final ImageService images;

    ImageResource(ImageService images) {
        this.images = images;
    }

    /** Images never change under their key: cached for a year by browsers, proxies and mail clients. */
    @GET
    @Path("/{key}")
    public Response image(@PathParam("key") String key, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return images.find(key).map(image -> {
            EntityTag tag = new EntityTag(image.sha256());
            CacheControl cache = new CacheControl();
            cache.setMaxAge(ONE_YEAR);
            cache.setNoTransform(false);
            cache.getCacheExtension().put("public", null);
            cache.getCacheExtension().put("immutable", null);
            Response.ResponseBuilder answer = ifNoneMatch != null && ifNoneMatch.contains(image.sha256())
                    ? Response.notModified(tag)
                    : Response.ok(image.data(), image.contentType()).tag(tag);
            return answer.cacheControl(cache).header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "default-src 'none'").build();
        }).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "image_not_found", "No such image"));
    }
}
