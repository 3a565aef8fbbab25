package dev.gazette.engagement;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.core.DomainException;

/**
 * The built-in provider, and the default: a local checkout page ({@code /checkout/sandbox/{id}})
 * where the reader confirms or cancels. No money moves; it lets a newcomer and the tests walk the
 * whole tip journey. It has no webhooks: its page tells {@link TipService} directly.
 */
@ApplicationScoped
class SandboxProvider implements PaymentProvider {

    static final String NAME = "sandbox";

    private final ReaderLinks links;

    SandboxProvider(ReaderLinks links) {
        this.links = links;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Checkout start(Tip tip, String description, String returnUrl) {
        return new Checkout("sandbox_" + tip.publicId, links.url("/checkout/sandbox/" + tip.publicId));
    }

    @Override
    public Optional<String> signatureHeader() {
        return Optional.empty();
    }

    @Override
    public Event verify(String body, Map<String, String> headers) {
        throw new DomainException(DomainException.Kind.NOT_FOUND, "provider_not_found",
                "The sandbox provider takes no webhooks");
    }
}
