package dev.gazette.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gazette.core.DomainException;

/** The SSRF guard as configured by default: only public addresses, only http(s). */
class AddressGuardTest {

    /** The guard as a Gazette with no webhook setting builds it. */
    private static AddressGuard byDefault() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(WebhookConfig.class).build();
        return new AddressGuard(config.getConfigMapping(WebhookConfig.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://10.0.0.1/hook", "https://127.0.0.1:8443/hook",
            "http://localhost:8080/", "http://[::1]/", "http://169.254.169.254/latest/meta-data", "http://192.168.1.10/",
            "http://172.16.0.5/", "http://0.0.0.0/", "http://100.64.0.1/", "http://[fd00::1]/", "http://[fe80::1]/",
            "http://[::ffff:127.0.0.1]/", "http://224.0.0.1/", "http://255.255.255.255/"})
    void refusesAddressesThatAreNotPublicByDefault(String url) {
        assertThatThrownBy(() -> byDefault().check(AddressGuard.parse(url))).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isIn("webhook_address_refused", "webhook_host_unknown");
    }

    @Test
    void loopbackAndPrivateAddressesAreRefusedWithTheirCode() {
        for (String url : new String[]{"http://127.0.0.1/hook", "http://10.0.0.1/hook"}) {
            assertThatThrownBy(() -> byDefault().check(AddressGuard.parse(url)))
                    .extracting(e -> ((DomainException) e).code()).isEqualTo("webhook_address_refused");
        }
    }

    @Test
    void aPublicAddressIsTheOneToConnectTo() throws Exception {
        assertThat(byDefault().check(URI.create("https://93.184.215.14/hook")).getHostAddress()).isEqualTo("93.184.215.14");
        assertThat(byDefault().check(URI.create("https://[2606:4700::1111]/hook")).getHostAddress())
                .isEqualTo("2606:4700:0:0:0:0:0:1111");
    }

    @Test
    void privateAddressesOnlyWhenAllowed() throws Exception {
        assertThat(new AddressGuard(true).check(URI.create("http://127.0.0.1:9/hook")).getHostAddress())
                .isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "file:///etc/passwd", "http://user:pw@example.com/", "example.com/hook",
            "https:///nohost", "http://example.com/#fragment", "gopher://example.com/"})
    void onlyHttpUrlsWithAHostAndNoCredentials(String url) {
        assertThatThrownBy(() -> AddressGuard.parse(url)).extracting(e -> ((DomainException) e).code())
                .isEqualTo("webhook_url_invalid");
    }
}
