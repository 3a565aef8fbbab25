package dev.gazette.rss;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.event.AddressGuard;

/**
 * One conditional GET of a feed: http(s) only, every address of the host checked against the
 * webhooks' private-address rule and the request sent to the very address checked (the URL's host
 * only in {@code Host} and TLS), redirects followed a few times with each new address checked
 * again, a connect timeout and a deadline for the whole fetch, and at most {@code max-bytes} read
 * (a larger answer is refused, not cut). Blocking: callers are the fetch job and the "fetch now"
 * request, both on worker threads.
 */
@ApplicationScoped
class FeedFetcher {

    /** What the feed's server answered: new content (with its validators), or nothing new (304). */
    sealed interface Answer {
    }

    record Content(byte[] body, String etag, String lastModified, URI finalUrl) implements Answer {
    }

    record NotModified() implements Answer {
    }

    /** A fetch that failed, with a stable code and a reason in plain words (kept on the feed). */
    static final class Failure extends Exception {
        final String code;

        Failure(String code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }
    }

    private static final String USER_AGENT = "Gazette feed reader (+https://github.com/gazette)";
    private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, "
            + "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";

    private final Vertx vertx;
    private final FeedConfig config;
    private final AddressGuard guard;
    private final HttpClient client;

    FeedFetcher(Vertx vertx, FeedConfig config, AddressGuard guard) {
        this.vertx = vertx;
        this.config = config;
        this.guard = guard;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setKeepAlive(false).setVerifyHost(true)
                .setForceSni(true).setTryUseCompression(false).setMaxRedirects(0));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The URL as a feed may have it: http or https, a host, no user name, at most 2,000 characters; else null. */
    static URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            return null;
        }
        return uri;
    }

    /** Fetches the feed, sending the validators of the last good answer when there are any. */
    Answer fetch(String url, String etag, String lastModified) throws Failure {
        return fetch(url, etag, lastModified, guard);
    }

    Answer fetch(String url, String etag, String lastModified, AddressGuard rule) throws Failure {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        URI uri = parse(url);
        if (uri == null) {
            throw new Failure("url_invalid", "The address is not an http or https URL with a host");
        }
        for (int hop = 0;; hop++) {
            InetAddress address = check(uri, rule);
            Reply reply = get(uri, address, etag, lastModified, deadline);
            int status = reply.status;
            if (status >= 300 && status < 400 && status != 304) {
                if (reply.location == null) {
                    throw new Failure("http_status", "The server answered " + status + " without a new address");
                }
                if (hop >= config.maxRedirects()) {
                    throw new Failure("too_many_redirects", "The server redirected more than " + config.maxRedirects()
                            + " times");
                }
                URI next = parse(resolve(uri, reply.location));
                if (next == null) {
                    throw new Failure("url_invalid", "The server redirected to an address that is not http or https");
                }
                uri = next;
                continue;
            }
            if (status == 304) {
                return new NotModified();
            }
            if (status < 200 || status >= 300) {
                throw new Failure("http_status", "The server answered " + status);
            }
            return new Content(reply.body, reply.etag, reply.lastModified, uri);
        }
    }

    private static String resolve(URI base, String location) {
        try {
            return base.resolve(location.strip()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The address to connect to: every address of the host must pass the rule. */
    private static InetAddress check(URI uri, AddressGuard rule) throws Failure {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(AddressGuard.host(uri));
        } catch (UnknownHostException e) {
            throw new Failure("host_unknown", "The host name " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!rule.allowed(address)) {
                throw new Failure("address_refused", "The host resolves to an address that is not public ("
                        + address.getHostAddress() + "); feeds are only fetched from public addresses");
            }
        }
        return addresses[0];
    }

    private record Reply(int status, byte[] body, String etag, String lastModified, String location) {
    }

    private Reply get(URI uri, InetAddress address, String etag, String lastModified, long deadline) throws Failure {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw timedOut();
        }
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(AddressGuard.host(uri)).setPort(port).setSsl(tls).setURI(path).setFollowRedirects(false)
                .setConnectTimeout(Math.min(left, config.connectTimeout().toMillis())).setIdleTimeout(left)
                .putHeader("User-Agent", USER_AGENT).putHeader("Accept", ACCEPT);
        if (etag != null) {
            options.putHeader("If-None-Match", etag);
        }
        if (lastModified != null) {
            options.putHeader("If-Modified-Since", lastModified);
        }
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        long timer = vertx.setTimer(left, t -> reply.completeExceptionally(timedOut()));
        reply.whenComplete((r, e) -> vertx.cancelTimer(timer));
        client.request(options).onFailure(reply::completeExceptionally).onSuccess(request -> {
            reply.whenComplete((r, e) -> {
                if (e != null) {
                    request.reset(); // timed out or too large: the connection goes
                }
            });
            request.send().onFailure(reply::completeExceptionally).onSuccess(response -> read(response, reply));
        });
        try {
            return reply.get(left + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Failure failure) {
                throw failure;
            }
            Throwable cause = e.getCause();
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (why.toLowerCase(Locale.ROOT).contains("timeout") || why.toLowerCase(Locale.ROOT).contains("timed out")) {
                throw timedOut();
            }
            throw new Failure("connection_failed", "Could not reach the server: " + clip(why, 300));
        } catch (TimeoutException e) {
            reply.completeExceptionally(timedOut());
            throw timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.completeExceptionally(timedOut());
            throw timedOut();
        }
    }

    private void read(HttpClientResponse response, CompletableFuture<Reply> reply) {
        int status = response.statusCode();
        String declared = response.getHeader("Content-Length");
        if (status >= 200 && status < 300 && declared != null && declared.matches("\\d{1,18}")
                && Long.parseLong(declared) > config.maxBytes()) {
            reply.completeExceptionally(tooLarge());
            return;
        }
        Buffer got = Buffer.buffer();
        response.handler(chunk -> {
            if (got.length() + chunk.length() > config.maxBytes()) {
                reply.completeExceptionally(tooLarge()); // the rest is not read
                return;
            }
            got.appendBuffer(chunk);
        });
        response.exceptionHandler(reply::completeExceptionally);
        response.endHandler(v -> reply.complete(new Reply(status, got.getBytes(), header(response, "ETag"),
                header(response, "Last-Modified"), response.getHeader("Location"))));
    }

    /** A validator header as it may be sent back: short, one line. */
    private static String header(HttpClientResponse response, String name) {
        String value = response.getHeader(name);
        return value == null || value.length() > 400 || value.contains("\n") || value.contains("\r") ? null : value;
    }

    private Failure tooLarge() {
        return new Failure("too_large", "The feed is larger than " + config.maxBytes() + " bytes");
    }

    private Failure timedOut() {
        return new Failure("timeout", "The feed took longer than " + config.timeout().toSeconds() + " s to fetch");
    }

    private static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }
}
