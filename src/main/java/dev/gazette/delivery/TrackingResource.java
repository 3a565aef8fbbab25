package dev.gazette.delivery;

import java.net.URI;
import java.util.Base64;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.DomainException;

/** The open pixel and click redirects in issue emails: {@code /t/o/{token}}, {@code /t/c/{token}}. */
@Path("/t")
class TrackingResource {

    /** A transparent 1x1 GIF. */
    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final TrackingService tracking;

    TrackingResource(TrackingService tracking) {
        this.tracking = tracking;
    }

    @GET
    @Path("/o/{token}")
    public Response open(@PathParam("token") String token, @HeaderParam("User-Agent") String userAgent) {
        tracking.open(token, userAgent);
        // the same image whatever the token: a pixel tells nobody whether a token was good
        return Response.ok(PIXEL, "image/gif").header("Cache-Control", "no-store, max-age=0").build();
    }

    @GET
    @Path("/c/{token}")
    public Response click(@PathParam("token") String token, @HeaderParam("User-Agent") String userAgent) {
        String url = tracking.click(token, userAgent).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "link_not_found", "This link is not one of the issue's links"));
        return Response.status(Response.Status.FOUND).location(URI.create(url))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }
}
