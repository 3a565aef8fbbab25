package dev.gazette.issue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.DomainException;

/** Image upload for an issue: {@code POST /api/v1/publications/{slug}/issues/{id}/images}. */
@Path("/api/v1/publications/{slug}/issues/{id}/images")
@Authenticated
class IssueImageResource {

    private final ImageService images;
    private final CurrentCaller caller;

    IssueImageResource(ImageService images, CurrentCaller caller) {
        this.images = images;
        this.caller = caller;
    }

    /** Multipart field {@code file}; answers 201 with the absolute {@code url} to embed. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm("file") FileUpload file) {
        if (file == null) {
            throw new DomainException(DomainException.Kind.INVALID, "image_missing",
                    "Send the image as the multipart field 'file'");
        }
        images.requireSize(file.size());
        byte[] data;
        try {
            data = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImageService.StoredImage stored = images.store(caller.get(), slug, id, data);
        return Response.status(201).location(java.net.URI.create(stored.url())).entity(stored).build();
    }
}
