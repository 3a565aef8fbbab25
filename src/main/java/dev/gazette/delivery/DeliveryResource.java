package dev.gazette.delivery;

import java.time.Duration;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.gazette.account.Caller;
import dev.gazette.account.CurrentCaller;

/** A started send: progress (also as server-sent events), pause and resume. */
@Path("/api/v1/publications/{slug}/issues/{id}")
@Authenticated
class DeliveryResource {

    private final SendProgress sends;
    private final CurrentCaller caller;

    DeliveryResource(SendProgress sends, CurrentCaller caller) {
        this.sends = sends;
        this.caller = caller;
    }

    @GET
    @Path("/progress")
    public SendProgress.Progress progress(@PathParam("slug") String slug, @PathParam("id") long id) {
        return sends.progress(caller.get(), slug, id);
    }

    /**
     * The same progress once a second, until the send is over. A method returning {@code Multi} runs
     * on the I/O thread unless told otherwise; the first read opens a transaction, so it runs on a worker.
     */
    @GET
    @Blocking
    @Path("/progress/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<SendProgress.Progress> stream(@PathParam("slug") String slug, @PathParam("id") long id) {
        Caller who = caller.get();
        SendProgress.Progress first = sends.progress(who, slug, id); // 404 before the stream opens
        if (isOver(first.status())) {
            return Multi.createFrom().item(first);
        }
        Multi<SendProgress.Progress> next = Multi.createBy().repeating()
                .uni(() -> Uni.createFrom().item(() -> sends.progress(who, slug, id))
                        .onItem().delayIt().by(Duration.ofSeconds(1))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .whilst(p -> !isOver(p.status()));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(first), next);
    }

    @POST
    @Path("/pause")
    public Response pause(@PathParam("slug") String slug, @PathParam("id") long id) {
        sends.pause(caller.get(), slug, id);
        return Response.accepted(sends.progress(caller.get(), slug, id)).build();
    }

    @POST
    @Path("/resume")
    public Response resume(@PathParam("slug") String slug, @PathParam("id") long id) {
        sends.resume(caller.get(), slug, id);
        return Response.accepted(sends.progress(caller.get(), slug, id)).build();
    }

    private static boolean isOver(String status) {
        return "sent".equals(status) || "cancelled".equals(status) || "draft".equals(status);
    }
}
