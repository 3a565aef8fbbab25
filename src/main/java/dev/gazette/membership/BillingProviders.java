package dev.gazette.membership;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.gazette.core.DomainException;

/**
 * The billing providers by name. New checkouts go to the configured one ({@code
 * gazette.payments.provider}); a membership stays with the provider it was paid through, which
 * renews and refunds it as long as it is ready (its keys configured), so an operator can move new
 * readers from one provider to another without stranding the members of the first. The sandbox is
 * the exception: it serves only while it is the configured provider, so that its memberships are
 * not renewed for nothing once an operator switched it off.
 */
@ApplicationScoped
class BillingProviders {

    /** Stands in for an empty list in SQL {@code IN (...)}: no provider is called this. */
    private static final String NO_PROVIDER = "-";

    private final Map<String, BillingProvider> all;
    private final String configured;

    BillingProviders(@All List<BillingProvider> providers,
            @ConfigProperty(name = "gazette.payments.provider", defaultValue = "none") String configured) {
        this.all = providers.stream().collect(Collectors.toMap(BillingProvider::name, p -> p));
        this.configured = configured;
    }

    /** The provider of this name if it serves now. */
    Optional<BillingProvider> serving(String name) {
        BillingProvider provider = all.get(name);
        if (provider == null || !provider.ready()
                || (SandboxBilling.NAME.equals(name) && !SandboxBilling.NAME.equals(configured))) {
            return Optional.empty();
        }
        return Optional.of(provider);
    }

    /** The provider of this name, or 503 {@code payment_provider_unavailable}. */
    BillingProvider require(String name) {
        return serving(name).orElseThrow(() -> new DomainException(DomainException.Kind.UNAVAILABLE,
                "payment_provider_unavailable", "The payment provider " + name + " is not configured on this Gazette"));
    }

    /** The names of the providers Gazette charges each period (for the renewal job's claim); never empty. */
    List<String> charged() {
        List<String> names = all.keySet().stream().filter(n -> serving(n).filter(p -> !p.billsItself()).isPresent())
                .toList();
        return names.isEmpty() ? List.of(NO_PROVIDER) : names;
    }

    /** The names of the providers that renew and end their memberships themselves; never empty. */
    List<String> selfBilling() {
        List<String> names = all.values().stream().filter(BillingProvider::billsItself).map(BillingProvider::name)
                .toList();
        return names.isEmpty() ? List.of(NO_PROVIDER) : names;
    }
}
