package dev.gazette.subscriber;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.ClientAddresses;
import dev.gazette.core.DomainException;
import dev.gazette.publication.PublicationRef;
import dev.gazette.subscriber.SubscriberRequests.AddSubscriber;
import dev.gazette.subscriber.SubscriberRequests.PublicTopics;
import dev.gazette.subscriber.SubscriberRequests.UpdateSubscriber;
import dev.gazette.subscriber.SubscriberViews.ImportReport;
import dev.gazette.subscriber.SubscriberViews.SubscriberPage;
import dev.gazette.subscriber.SubscriberViews.SubscriberView;
import dev.gazette.subscriber.SubscriberViews.TopicView;

/** A writer's subscribers: {@code /api/v1/publications/{slug}/subscribers}, and the public topics. */
@Path("/api/v1/publications/{slug}")
@Authenticated
class SubscriberResource {

    static final String CSV = "text/csv";

    private final SubscriberService subscribers;
    private final SubscriberImport importer;
    private final SubscriberExport exporter;
    private final PublicTopicsService topics;
    private final SubscriberConfig config;
    private final CurrentCaller caller;
    private final ClientAddresses clients;

    SubscriberResource(SubscriberService subscribers, SubscriberImport importer, SubscriberExport exporter,
            PublicTopicsService topics, SubscriberConfig config, CurrentCaller caller, ClientAddresses clients) {
        this.subscribers = subscribers;
        this.importer = importer;
        this.exporter = exporter;
        this.topics = topics;
        this.config = config;
        this.caller = caller;
        this.clients = clients;
    }

    @GET
    @Path("/subscribers")
    public SubscriberPage list(@PathParam("slug") String slug, @QueryParam("status") String status,
            @QueryParam("tag") String tag, @QueryParam("q") @Size(max = 254) String q, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return subscribers.list(caller.get(), slug, status, tag, q, page, size);
    }

    @POST
    @Path("/subscribers")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("slug") String slug, @NotNull @Valid AddSubscriber request,
            @Context HttpServerRequest http) {
        SubscriberView added = subscribers.add(caller.get(), slug, request, clients.of(http));
        return Response.created(URI.create("/api/v1/publications/" + slug + "/subscribers/" + added.id()))
                .entity(added).build();
    }

    @GET
    @Path("/subscribers/{id: \\d+}")
    public SubscriberView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        return subscribers.get(caller.get(), slug, id);
    }

    @PATCH
    @Path("/subscribers/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SubscriberView update(@PathParam("slug") String slug, @PathParam("id") long id,
            @NotNull @Valid UpdateSubscriber request) {
        return subscribers.update(caller.get(), slug, id, request);
    }

    @DELETE
    @Path("/subscribers/{id: \\d+}")
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        subscribers.delete(caller.get(), slug, id);
        return Response.noContent().build();
    }

    /**
     * A CSV file, streamed: header row with {@code email} and optional {@code name}, {@code tags}.
     * {@code doubleOptIn=true} mails each new address a confirmation instead of subscribing it.
     */
    @POST
    @Path("/subscribers/import")
    @Consumes(CSV)
    public ImportReport importCsv(@PathParam("slug") String slug, InputStream body,
            @HeaderParam("Content-Length") Long length, @QueryParam("consentNote") @Size(max = 500) String consentNote,
            @QueryParam("doubleOptIn") String doubleOptIn, @QueryParam("startSequences") String startSequences,
            @Context HttpServerRequest http) {
        if (length != null && length > config.importMaxBytes()) {
            throw CsvImport.tooLarge(config.importMaxBytes());
        }
        if (doubleOptIn != null && !doubleOptIn.equals("true") && !doubleOptIn.equals("false")) {
            throw DomainException.invalidField("doubleOptIn", "invalid_value", "must be true or false");
        }
        if (startSequences != null && !startSequences.equals("true") && !startSequences.equals("false")) {
            throw DomainException.invalidField("startSequences", "invalid_value", "must be true or false");
        }
        return importer.run(caller.get(), slug, body, clients.of(http), consentNote, "true".equals(doubleOptIn),
                "true".equals(startSequences));
    }

    @GET
    @Path("/subscribers/export")
    @Produces(CSV)
    public Response export(@PathParam("slug") String slug) {
        PublicationRef publication = exporter.requireManaged(caller.get(), slug);
        StreamingOutput csv = output -> exporter.write(publication.id(), output);
        return Response.ok(csv, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + publication.slug() + "-subscribers.csv\"")
                .build();
    }

    /** The tags subscribers may pick as topics on their preferences page. */
    @GET
    @Path("/topics")
    public List<TopicView> topics(@PathParam("slug") String slug) {
        return topics.list(caller.get(), slug);
    }

    @PUT
    @Path("/topics")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<TopicView> replaceTopics(@PathParam("slug") String slug, @NotNull @Valid PublicTopics request) {
        return topics.replace(caller.get(), slug, request.topics() == null ? List.of() : request.topics());
    }
}
