package dev.gazette.event;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import org.awaitility.Awaitility;

/**
 * A webhook receiver for tests: a JDK HTTP server on 127.0.0.1 that keeps every request (headers and
 * the exact body bytes) and answers each path with the statuses scripted for it, then 200.
 */
final class Receiver implements AutoCloseable {

    private static Receiver shared;

    /** The one receiver of this test JVM, started on first use; each test uses paths of its own. */
    static synchronized Receiver shared() {
        if (shared == null) {
            try {
                shared = new Receiver();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** One request as it arrived. */
    record Request(String path, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedDeque<Integer>> scripts = new ConcurrentHashMap<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "test-webhook-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().toLowerCase(Locale.ROOT), e -> String.join(",", e.getValue()), (a, b) -> a));
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(path, headers, body));
            Integer scripted = scripts.getOrDefault(path, new ConcurrentLinkedDeque<>()).poll();
            int status = scripted == null ? 200 : scripted;
            byte[] answer = ("answered " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** A URL of this receiver; each test uses a path of its own. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to this path are answered with these statuses, in order. */
    void script(String path, Integer... statuses) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
    }

    List<Request> received(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until the requests to this path satisfy the condition; returns them. */
    List<Request> await(String path, Predicate<List<Request>> condition) {
        Awaitility.await("requests to " + path).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> condition.test(received(path)));
        return received(path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
