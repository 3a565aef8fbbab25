package dev.gazette.event;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One POST to an endpoint, over Vert.x's pooled client: connected to the address the guard checked
 * (the URL's host only names it in {@code Host} and TLS), never following a redirect, bounded by the
 * connect and read timeouts and an overall deadline, reading at most {@code max-response-bytes} of
 * the answer.
 */
@ApplicationScoped
class WebhookCall {

    static final int EXCERPT_CHARS = 1000;

    /** What the endpoint answered: its status (null without an answer), the start of its body, or the error. */
    record Answer(Integer status, String excerpt, String error, int durationMs) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final Vertx vertx;
    private final WebhookConfig config;
    private final HttpClient client;

    WebhookCall(Vertx vertx, WebhookConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setMaxPoolSize(config.concurrency())
                .setKeepAlive(true).setVerifyHost(true).setForceSni(true).setTryUseCompression(false)
                .setMaxRedirects(0));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Posts the body to the URL at that address; {@code done} hears the answer once, on a Vert.x thread. */
    void post(URI uri, InetAddress address, Map<String, String> headers, byte[] body, Consumer<Answer> done) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(AddressGuard.host(uri)).setPort(port).setSsl(tls).setURI(path).setFollowRedirects(false)
                .setConnectTimeout(config.connectTimeout().toMillis()).setIdleTimeout(config.readTimeout().toMillis());
        headers.forEach(options::putHeader);
        long started = System.nanoTime();
        Promise<Answer> answer = Promise.promise();
        answer.future().onComplete(a -> done.accept(a.result()));
        long deadline = vertx.setTimer(config.connectTimeout().plus(config.readTimeout()).toMillis(),
                t -> answer.tryComplete(new Answer(null, null, "timed out", millis(started))));
        answer.future().onComplete(a -> vertx.cancelTimer(deadline));
        client.request(options).onFailure(e -> answer.tryComplete(failed(e, started))).onSuccess(request -> {
            answer.future().onComplete(a -> {
                if (a.result().error() != null) {
                    request.reset(); // timed out or cut short: the connection goes
                }
            });
            request.send(Buffer.buffer(body)).onFailure(e -> answer.tryComplete(failed(e, started)))
                    .onSuccess(response -> read(request, response, started, answer));
        });
    }

    private void read(HttpClientRequest request, HttpClientResponse response, long started, Promise<Answer> answer) {
        int cap = config.maxResponseBytes();
        Buffer got = Buffer.buffer();
        response.handler(chunk -> {
            if (got.length() < cap) {
                got.appendBuffer(chunk, 0, Math.min(chunk.length(), cap - got.length()));
            }
            if (got.length() >= cap && answer.tryComplete(answered(response.statusCode(), got, started))) {
                request.connection().close(); // the rest is not read
            }
        });
        response.exceptionHandler(e -> answer.tryComplete(answered(response.statusCode(), got, started)));
        response.endHandler(v -> answer.tryComplete(answered(response.statusCode(), got, started)));
    }

    private static Answer answered(int status, Buffer body, long started) {
        String text = body.toString(StandardCharsets.UTF_8);
        return new Answer(status, text.isEmpty() ? null : clip(text, EXCERPT_CHARS), null, millis(started));
    }

    private static Answer failed(Throwable e, long started) {
        String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new Answer(null, null, clip(why, 500), millis(started));
    }

    static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }

    private static int millis(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }
}
