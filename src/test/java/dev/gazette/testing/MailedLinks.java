package dev.gazette.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gazette.embedded.CapturedMessage;

/** The signed links of a reader's mail, followed on packaged instances as a person follows them. */
public final class MailedLinks {

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/(confirm|unsubscribe|preferences)/"
            + "([A-Za-z0-9_.-]+))");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private MailedLinks() {
    }

    /** The path of the first link of this kind ({@code confirm}, {@code unsubscribe}, {@code preferences}) in the text part. */
    public static String path(CapturedMessage message, String kind) {
        Matcher m = LINK.matcher(message.textPart().orElseThrow());
        while (m.find()) {
            if (m.group(2).equals(kind)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + kind + " link in the message");
    }

    /**
     * What a person does with a confirmation link: opens its page (on {@code page}) and presses its
     * one button (on {@code button}, the same instance or another one behind the same address).
     */
    public static HttpResponse<String> confirm(AppProcess page, AppProcess button, String path) throws Exception {
        HttpResponse<String> opened = page.get(path, null);
        assertThat(opened.statusCode()).as("the confirmation page").isEqualTo(200);
        Matcher csrf = CSRF.matcher(opened.body());
        assertThat(csrf.find()).as("the confirmation page's form").isTrue();
        String cookie = opened.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gazette_form="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst().orElseThrow();
        return button.postForm(path, cookie, "csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
    }
}
