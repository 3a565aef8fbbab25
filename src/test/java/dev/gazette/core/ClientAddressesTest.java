package dev.gazette.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void forwardedHeadersAreIgnoredByDefault() {
        ClientAddresses byDefault = new ClientAddresses(List.of());
        assertThat(byDefault.resolve("127.0.0.1", List.of("198.51.100.7"))).isEqualTo("127.0.0.1");
        assertThat(byDefault.resolve("203.0.113.9", List.of("198.51.100.7, 10.0.0.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void aTrustedProxyIsBelievedForTheAddressItAppendedNeverForWhatTheClientWrote() {
        ClientAddresses behindProxy = new ClientAddresses(List.of("10.0.0.0/8", "::1"));
        // the client wrote "1.2.3.4" itself; the proxy appended the address it saw
        assertThat(behindProxy.resolve("10.0.0.2", List.of("1.2.3.4, 198.51.100.7"))).isEqualTo("198.51.100.7");
        // two proxies in a row: the right-most entry that is not one of them
        assertThat(behindProxy.resolve("10.0.0.2", List.of("1.2.3.4", "198.51.100.7, 10.0.0.3"))).isEqualTo("198.51.100.7");
        // a peer that is no trusted proxy is the client, whatever it says
        assertThat(behindProxy.resolve("203.0.113.9", List.of("198.51.100.7"))).isEqualTo("203.0.113.9");
        // garbage in the header: the last hop that could be vouched for
        assertThat(behindProxy.resolve("10.0.0.2", List.of("not-an-address"))).isEqualTo("10.0.0.2");
        assertThat(behindProxy.resolve("::1", List.of("[2001:DB8:0:0::7]:443"))).isEqualTo("2001:db8::7");
        assertThat(behindProxy.resolve("::ffff:10.1.1.1", List.of("192.0.2.1:8080"))).isEqualTo("192.0.2.1");
        assertThat(behindProxy.resolve("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
    }

    @Test
    void aTrustedProxyThatIsNoAddressIsRefusedAtStartup() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.example.com")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aForgedHeaderFromAnUntrustedPeerIsIgnored() {
        ClientAddresses trustingOnlyAProxy = new ClientAddresses(java.util.List.of("192.0.2.10"));
        assertThat(trustingOnlyAProxy.of(request("127.0.0.1", "198.51.100.1"))).isEqualTo("127.0.0.1");
        assertThat(trustingOnlyAProxy.of(request("192.0.2.10", "198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    private static HttpServerRequest request(String peer, String forwardedFor) {
        io.vertx.core.http.HttpConnection connection = (io.vertx.core.http.HttpConnection) java.lang.reflect.Proxy
                .newProxyInstance(
                        ClientAddressesTest.class.getClassLoader(), new Class<?>[]{io.vertx.core.http.HttpConnection.class},
                        (proxy, method, args) -> method.getName().equals("remoteAddress")
                                ? io.vertx.core.net.SocketAddress.inetSocketAddress(40000, peer)
                                : null);
        io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", forwardedFor);
        return (HttpServerRequest) java.lang.reflect.Proxy.newProxyInstance(ClientAddressesTest.class.getClassLoader(),
                new Class<?>[]{HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "connection" -> connection;
                    case "headers" -> headers;
                    default -> null;
                });
    }
}
