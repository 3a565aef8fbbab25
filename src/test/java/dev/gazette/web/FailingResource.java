package dev.gazette.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Test-only: an endpoint that fails the way a bug would, so that tests see what a client gets
 * for an unexpected failure. Quarkus serves it only in tests (it lives under src/test).
 */
@Path("/test-only/failure")
public class FailingResource {

    /** What the failure carries: nothing of it may reach the client. */
    static final String SECRET_DETAIL = "connection to db-internal.example:5432 refused";

    @GET
    public String fail() {
        throw new IllegalStateException(SECRET_DETAIL);
    }
}
