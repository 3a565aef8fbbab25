package dev.gazette.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Two {@code quarkus.mailer.*} settings as Gazette reads them, for its own SMTP client and for
 * quarkus-mailer alike (registered as a configuration interceptor, so both see the same value):
 * <ul>
 * <li>{@code start-tls}, when not set: {@code REQUIRED} for a relay that is not on a loopback
 * address (a relay's credentials must not cross a network in clear), {@code OPTIONAL} on loopback
 * (a local catcher). A value set explicitly is kept.</li>
 * <li>{@code dkim.private-key}: the key of {@code private-key} or of the file at
 * {@code private-key-path}, in PEM or DER (see {@link DkimKeys}), given as the base64 PKCS#8 that
 * quarkus-mailer reads. A key that cannot be read is passed on as it is; {@link RelayMessenger}
 * then refuses to start with the reason.</li>
 * </ul>
 */
public class MailerSettings implements ConfigSourceInterceptor {

    private static final String START_TLS = "quarkus.mailer.start-tls";
    private static final String HOST = "quarkus.mailer.host";
    private static final String DKIM_KEY = "quarkus.mailer.dkim.private-key";
    private static final String DKIM_KEY_PATH = "quarkus.mailer.dkim.private-key-path";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (START_TLS.equals(name) && (value == null || value.getValue() == null || value.getValue().isBlank())) {
            ConfigValue host = context.proceed(HOST);
            String mode = onLoopback(host == null ? null : host.getValue()) ? "OPTIONAL" : "REQUIRED";
            return ConfigValue.builder().withName(name).withValue(mode)
                    .withConfigSourceName("Gazette's default: STARTTLS required off loopback").build();
        }
        if (DKIM_KEY.equals(name)) {
            return dkimKey(context, value);
        }
        return value;
    }

    private static ConfigValue dkimKey(ConfigSourceInterceptorContext context, ConfigValue value) {
        String text = value == null ? null : value.getValue();
        if (text == null) {
            ConfigValue path = context.proceed(DKIM_KEY_PATH);
            if (path == null || path.getValue() == null || path.getValue().isBlank()) {
                return value;
            }
            try {
                text = Files.readString(Path.of(path.getValue()));
            } catch (IOException | RuntimeException unreadable) {
                return value; // RelayMessenger says why at start
            }
        }
        try {
            String normal = Base64.getEncoder().encodeToString(DkimKeys.parse(text).getEncoded());
            return value != null
                    ? value.withValue(normal)
                    : ConfigValue.builder().withName(DKIM_KEY).withValue(normal)
                            .withConfigSourceName("Gazette: the key at " + DKIM_KEY_PATH).build();
        } catch (IllegalArgumentException bad) {
            return value; // RelayMessenger says why at start
        }
    }

    /** Whether the relay is on this machine: localhost, or an address (or a name resolving only to ones) on loopback. */
    static boolean onLoopback(String host) {
        if (host == null || host.isBlank()) {
            return true; // quarkus-mailer's default host is localhost
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(h);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (IOException | RuntimeException unknown) {
            return false; // not known here: treat it as remote
        }
    }
}
