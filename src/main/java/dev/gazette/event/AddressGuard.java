package dev.gazette.event;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.gazette.core.DomainException;

/**
 * The SSRF guard: an endpoint is an http(s) URL whose host resolves only to public addresses
 * (unless {@code gazette.webhooks.allow-private-addresses}). The address checked is the one
 * connected to, so a name that resolves differently a moment later (DNS rebinding) gains nothing.
 * Public for the feeds a publication follows (package rss), which call out under the same rule.
 */
@ApplicationScoped
public class AddressGuard {

    private final boolean allowPrivate;

    @Inject
    AddressGuard(WebhookConfig config) {
        this(config.allowPrivateAddresses());
    }

    public AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The URL as an endpoint may have it, or 422 {@code webhook_url_invalid}. */
    static URI parse(String url) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null || url.length() > 2000) {
            throw new DomainException(DomainException.Kind.UNPROCESSABLE, "webhook_url_invalid",
                    "The URL must be an http or https address with a host, no user name and no fragment",
                    java.util.List.of(new dev.gazette.core.FieldError("url", "webhook_url_invalid",
                            "must be an http(s) URL")),
                    null);
        }
        return uri;
    }

    /** The address to connect to for this URL: every address of its host must be allowed. */
    InetAddress check(URI uri) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host(uri));
        } catch (UnknownHostException e) {
            throw new DomainException(DomainException.Kind.UNPROCESSABLE, "webhook_host_unknown",
                    "The endpoint's host name does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!allowed(address)) {
                throw new DomainException(DomainException.Kind.UNPROCESSABLE, "webhook_address_refused",
                        "The endpoint resolves to an address that is not public (" + address.getHostAddress()
                                + "); webhooks only call public addresses");
            }
        }
        return addresses[0];
    }

    public boolean allowed(InetAddress address) {
        return allowPrivate || isPublic(address);
    }

    /** A URI's host without the brackets of an IPv6 literal. */
    public static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT, 100.64.0.0/10
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 2) // TEST-NET-1
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && !(first == 198 && second == 51 && (b[2] & 0xff) == 100) // TEST-NET-2
                    && !(first == 203 && second == 0 && (b[2] & 0xff) == 113) // TEST-NET-3
                    && first < 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc; // fc00::/7
            boolean siteLocal = first == 0xfe && (b[1] & 0xc0) == 0xc0; // fec0::/10
            boolean documentation = first == 0x20 && b[1] == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
            boolean nat64 = first == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            boolean v4Compatible = true; // ::a.b.c.d and ::ffff:a.b.c.d carry an IPv4 address: judged as one
            for (int i = 0; i < 10; i++) {
                v4Compatible &= b[i] == 0;
            }
            if (v4Compatible && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return !uniqueLocal && !siteLocal && !documentation && !nat64;
        }
        return false;
    }
}
