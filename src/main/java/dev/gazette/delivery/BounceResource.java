package dev.gazette.delivery;

import java.io.InputStream;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.core.BoundedBodies;
import dev.gazette.core.RequestConfig;

/**
 * Where a relay reports bounces and complaints: {@code POST /api/v1/bounces}, with the shared
 * secret in {@code X-Bounce-Secret}. Takes the report message itself (RFC 3464 / RFC 5965, as
 * {@code message/rfc822} or {@code multipart/report}) or a simple JSON form.
 */
@Path("/api/v1/bounces")
class BounceResource {

    /** The simple form: which message (or address), what happened. */
    record SimpleReport(
            @NotNull @Pattern(regexp = "bounce|complaint") String type,
            @Size(max = 250) String messageId,
            @Size(max = 254) String email,
            @Pattern(regexp = "[245]\\.\\d{1,3}\\.\\d{1,3}") String status,
            @Size(max = 1000) String diagnostic) {
    }

    private final BounceService bounces;
    private final RequestConfig config;

    BounceResource(BounceService bounces, RequestConfig config) {
        this.bounces = bounces;
        this.config = config;
    }

    /** The secret is checked before the report is read; the report is read up to its limit, counted as it comes. */
    @POST
    @Consumes({"message/rfc822", "multipart/report", MediaType.TEXT_PLAIN})
    public BounceService.Applied report(@HeaderParam("X-Bounce-Secret") String secret, InputStream message) {
        bounces.authorize(secret);
        return bounces.applyRaw(BoundedBodies.read(message, config.maxWebhookBytes()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public BounceService.Applied simple(@HeaderParam("X-Bounce-Secret") String secret,
            @NotNull @Valid SimpleReport report) {
        bounces.authorize(secret);
        return bounces.apply(List.of(new BounceReport(BounceReport.Type.valueOf(report.type()), report.messageId(),
                report.email() == null ? null : report.email().trim().toLowerCase(java.util.Locale.ROOT),
                report.status(), report.diagnostic())));
    }
}
