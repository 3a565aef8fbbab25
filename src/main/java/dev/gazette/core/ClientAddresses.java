package dev.gazette.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one place that says which client sent a request, as rate limits, likes, page views and the
 * consent ledger see it. The connection's own address, unless it is a trusted proxy
 * ({@code gazette.http.trusted-proxies}); then the right-most {@code X-Forwarded-For} entry that is
 * not itself a trusted proxy: the address the proxy saw. Entries further left are whatever the
 * client wrote and are never believed. With no trusted proxy configured, forwarded headers are
 * ignored.
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<Network> trusted;

    @Inject
    public ClientAddresses(RequestConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    ClientAddresses(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Network::parse).toList();
    }

    /** The client of this request, as a canonical IP address ("unknown" when the server cannot tell). */
    public String of(HttpServerRequest http) {
        // the connection's peer, not the request's remoteAddress(): Quarkus's own forwarding rewrites that one
        SocketAddress peer = http.connection() != null && http.connection().remoteAddress() != null
                ? http.connection().remoteAddress()
                : http.remoteAddress();
        String address = peer == null ? null : peer.hostAddress() != null ? peer.hostAddress() : peer.host();
        return resolve(address, http.headers().getAll("X-Forwarded-For"));
    }

    /** The client, given the connection's peer address and every X-Forwarded-For header in order. */
    String resolve(String peer, List<String> forwardedFor) {
        byte[] peerBytes = peer == null ? null : NetUtil.createByteArrayFromIpAddressString(strip(peer));
        if (peerBytes == null) {
            return "unknown";
        }
        byte[] client = peerBytes;
        if (isTrusted(peerBytes)) {
            List<String> hops = new ArrayList<>();
            forwardedFor.forEach(header -> {
                for (String entry : header.split(",")) {
                    hops.add(entry);
                }
            });
            // walk from the nearest hop back: stop at the first one no trusted proxy vouches for
            for (int i = hops.size() - 1; i >= 0; i--) {
                byte[] hop = NetUtil.createByteArrayFromIpAddressString(strip(hops.get(i)));
                if (hop == null) {
                    break; // not an address: the hop before it is the last one we can vouch for
                }
                client = hop;
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        return NetUtil.bytesToIpAddress(Network.unmapped(client));
    }

    private boolean isTrusted(byte[] address) {
        return trusted.stream().anyMatch(n -> n.contains(address));
    }

    /** Takes off the brackets and port a proxy may write ({@code [2001:db8::1]:443}, {@code 192.0.2.1:80}). */
    private static String strip(String entry) {
        String value = entry.strip();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(1, end);
        }
        int colon = value.indexOf(':');
        if (colon > 0 && colon == value.lastIndexOf(':') && value.indexOf('.') > 0) {
            return value.substring(0, colon); // IPv4 with a port
        }
        return value;
    }

    /** An address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}). */
    private record Network(byte[] base, int prefix) {

        static Network parse(String spec) {
            int slash = spec.indexOf('/');
            byte[] parsed = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? spec : spec.substring(0, slash));
            byte[] base = parsed == null ? null : unmapped(parsed);
            if (base == null) {
                throw new IllegalArgumentException("gazette.http.trusted-proxies: not an IP address or CIDR block: " + spec);
            }
            int prefix = slash < 0 ? base.length * 8 : Integer.parseInt(spec.substring(slash + 1));
            if (prefix < 0 || prefix > base.length * 8) {
                throw new IllegalArgumentException("gazette.http.trusted-proxies: bad prefix length: " + spec);
            }
            return new Network(base, prefix);
        }

        boolean contains(byte[] address) {
            byte[] candidate = unmapped(address);
            if (candidate.length != base.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (base[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as the IPv4 address it is. */
        static byte[] unmapped(byte[] address) {
            if (address.length != 16 || address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
                return address;
            }
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return address;
                }
            }
            return Arrays.copyOfRange(address, 12, 16);
        }
    }
}
