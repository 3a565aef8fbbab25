package dev.gazette.publication;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.SingleLine;

/**
 * A publication's advertising under Korean law: {@code /api/v1/publications/{slug}/advertising}.
 * {@code contact} null or blank turns it off.
 */
@Path("/api/v1/publications/{slug}/advertising")
@Authenticated
class AdvertisingResource {

    record AdvertisingRequest(Boolean everyIssue, @Size(max = 300) @SingleLine String contact) {
    }

    record AdvertisingView(boolean advertising, boolean everyIssue, String contact, Instant updatedAt) {

        static AdvertisingView of(Optional<Advertising.Advertiser> advertiser) {
            return advertiser.map(a -> new AdvertisingView(true, a.everyIssue(), a.contact(), a.updatedAt()))
                    .orElse(new AdvertisingView(false, false, null, null));
        }
    }

    private final Advertising advertising;
    private final CurrentCaller caller;

    AdvertisingResource(Advertising advertising, CurrentCaller caller) {
        this.advertising = advertising;
        this.caller = caller;
    }

    @GET
    public AdvertisingView get(@PathParam("slug") String slug) {
        return AdvertisingView.of(advertising.get(caller.get(), slug));
    }

    @PUT
    public AdvertisingView put(@PathParam("slug") String slug, @NotNull @Valid AdvertisingRequest request) {
        return AdvertisingView.of(advertising.update(caller.get(), slug, Boolean.TRUE.equals(request.everyIssue()),
                request.contact()));
    }
}
