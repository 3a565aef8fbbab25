package dev.gazette.rss;

import java.util.List;

import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.core.FieldError;

/** The feed API's refusals, each with its stable code. */
final class FeedErrors {

    private FeedErrors() {
    }

    static DomainException notFound() {
        return new DomainException(Kind.NOT_FOUND, "feed_not_found", "No such feed in this publication");
    }

    static DomainException urlInvalid() {
        return new DomainException(Kind.UNPROCESSABLE, "feed_url_invalid",
                "The feed's address must be an http or https URL with a host and no user name",
                List.of(new FieldError("url", "feed_url_invalid", "must be an http(s) URL")), null);
    }

    static DomainException hostUnknown() {
        return new DomainException(Kind.UNPROCESSABLE, "feed_host_unknown", "The feed's host name does not resolve",
                List.of(new FieldError("url", "feed_host_unknown", "does not resolve")), null);
    }

    static DomainException addressRefused(String address) {
        return new DomainException(Kind.UNPROCESSABLE, "feed_address_refused", "The feed's host resolves to an address "
                + "that is not public (" + address + "); feeds are only fetched from public addresses",
                List.of(new FieldError("url", "feed_address_refused", "is not a public address")), null);
    }

    static DomainException alreadyFollowed() {
        return new DomainException(Kind.CONFLICT, "feed_already_followed", "The publication already follows this feed");
    }

    static DomainException tooMany(int max) {
        return new DomainException(Kind.CONFLICT, "too_many_feeds", "A publication follows at most " + max + " feeds");
    }

    static DomainException busy() {
        return new DomainException(Kind.CONFLICT, "feed_busy", "The feed is being fetched right now; try again shortly");
    }

    static DomainException field(String field, String code, String message) {
        return DomainException.invalidField(field, code, message);
    }
}
