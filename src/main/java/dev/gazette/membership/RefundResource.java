package dev.gazette.membership;

import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.membership.Refunds.RefundRequest;
import dev.gazette.membership.Refunds.RefundView;

/**
 * A member's refunds: {@code /api/v1/publications/{slug}/members/{subscriberId}/refunds}. A POST
 * refunds a charge in full or in part (201), or answers the refund its idempotency key (the body's
 * {@code idempotencyKey} or the {@code Idempotency-Key} header) already made (200).
 */
@Path("/api/v1/publications/{slug}/members/{subscriberId: \\d+}/refunds")
@Authenticated
class RefundResource {

    private final Refunds refunds;
    private final CurrentCaller caller;

    RefundResource(Refunds refunds, CurrentCaller caller) {
        this.refunds = refunds;
        this.caller = caller;
    }

    @GET
    public List<RefundView> list(@PathParam("slug") String slug, @PathParam("subscriberId") long subscriberId) {
        return refunds.list(caller.get(), slug, subscriberId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response refund(@PathParam("slug") String slug, @PathParam("subscriberId") long subscriberId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, RefundRequest request) {
        RefundRequest keyed = request == null || request.idempotencyKey() != null || idempotencyKey == null
                ? request
                : new RefundRequest(request.chargeId(), request.amount(), request.reason(), idempotencyKey);
        Refunds.Outcome outcome = refunds.refund(caller.get(), slug, subscriberId, keyed);
        return Response.status(outcome.created() ? 201 : 200).entity(outcome.refund()).build();
    }
}
