package dev.gazette.sender;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.InternetAddress;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.TestDkim;
import dev.gazette.testing.TestDns;

/**
 * Which From a publication's mail carries, and which key signs it, as received over SMTP: the
 * writer's own address only on their verified domain (signed d= that domain, checked by Apache
 * jDKIM against the key published in the tests' DNS), the platform's address otherwise.
 */
@QuarkusTest
class SenderDomainMailTest {

    @Test
    void withoutAVerifiedDomainMailGoesFromThePlatformWithTheWritersNameAndReplyTo() throws Exception {
        Scenario writer = Scenario.writer("fallback");
        String reader = confirmationTo(writer);
        CapturedMessage confirmation = Mailbox.awaitTo(reader);
        assertPlatformFrom(confirmation);
        assertThat(confirmation.header("Reply-To")).contains("reply@example.com");

        String subscriber = writer.subscriber("Issue reader");
        long issue = writer.issue(Map.of("title", "Fallback letter"));
        writer.sendAndAwait(issue);
        CapturedMessage mail = Scenario.awaitIssueMail(subscriber, "Fallback letter");
        assertPlatformFrom(mail);
        assertThat(mail.header("Reply-To")).contains("reply@example.com");
        assertThat(signature(mail).getDToken().toString()).isEqualTo("example.com"); // the platform's key, as before
    }

    @Test
    void aVerifiedDomainsMailIsFromItAndSignedWithItsKeyAlignedWithFrom() throws Exception {
        Scenario writer = Scenario.writer("owndomain");
        String domain = SenderDomainsTest.verifiedDomain(writer.token());
        writer.publication(Map.of("senderEmail", "letters@" + domain));

        CapturedMessage confirmation = Mailbox.awaitTo(confirmationTo(writer));
        assertOwnFrom(confirmation, domain);

        String subscriber = writer.subscriber("Issue reader");
        long issue = writer.issue(Map.of("title", "Own domain letter"));
        writer.sendAndAwait(issue);
        CapturedMessage mail = Scenario.awaitIssueMail(subscriber, "Own domain letter");
        assertOwnFrom(mail, domain);
        assertThat(mail.header("Reply-To")).contains("reply@example.com");
        String signed = mail.rawText().replace("\r\n\t", " ").replace("\r\n ", " ").lines()
                .filter(l -> l.startsWith("DKIM-Signature:")).findFirst().orElseThrow().toLowerCase();
        assertThat(signed).contains("list-unsubscribe:").contains("list-unsubscribe-post").contains(" d=" + domain + ";");

        // a test send goes to the writer's own address only, from the domain too
        long draft = writer.issue(Map.of("title", "Tested"));
        as(writer.token()).body(Map.of("to", List.of(Api.uniqueEmail("someone")))).post(writer.issuePath(draft) + "/test")
                .then().statusCode(422).body("code", equalTo("test_recipient_not_own"));
        as(writer.token()).body(Map.of("to", List.of(writer.account().email()))).post(writer.issuePath(draft) + "/test")
                .then().statusCode(200);
        assertOwnFrom(Mailbox.awaitTo(writer.account().email()), domain);
    }

    @Test
    void aRevokedDomainsPublicationsFallBackAtOnce() throws Exception {
        Scenario writer = Scenario.writer("revokedmail");
        String domain = SenderDomainsTest.verifiedDomain(writer.token());
        writer.publication(Map.of("senderEmail", "letters@" + domain));
        long id = ((Number) as(writer.token()).get("/api/v1/domains/" + domain).then().extract().path("id")).longValue();
        as(Api.admin().token()).body(Map.of("reason", "abuse")).post("/api/v1/admin/domains/" + id + "/revoke").then()
                .statusCode(200);

        CapturedMessage confirmation = Mailbox.awaitTo(confirmationTo(writer));
        assertPlatformFrom(confirmation);
        assertThat(confirmation.header("Reply-To")).contains("reply@example.com");
        assertThat(signature(confirmation).getDToken().toString()).isEqualTo("example.com");
    }

    /** Adds a reader by double opt-in: Gazette mails them a confirmation from the publication. */
    private static String confirmationTo(Scenario writer) {
        String email = Api.uniqueEmail("confirm");
        as(writer.token()).body(Map.of("email", email, "name", "Reader", "doubleOptIn", true))
                .post(writer.subscribersPath()).then().statusCode(201);
        return email;
    }

    private static void assertPlatformFrom(CapturedMessage mail) throws Exception {
        InternetAddress from = new InternetAddress(mail.mime().getHeader("From")[0]);
        assertThat(from.getAddress()).isEqualTo("no-reply@gazette.localhost");
        assertThat(from.getPersonal()).isEqualTo("지은");
    }

    private static void assertOwnFrom(CapturedMessage mail, String domain) throws Exception {
        InternetAddress from = new InternetAddress(mail.mime().getHeader("From")[0]);
        assertThat(from.getAddress()).isEqualTo("letters@" + domain);
        assertThat(from.getPersonal()).isEqualTo("지은");
        SignatureRecord signature = signature(mail);
        assertThat(signature.getDToken().toString()).isEqualTo(domain); // aligned with From for DMARC
    }

    /**
     * The message's DKIM signature as Apache jDKIM verifies it, its key looked up in the tests' DNS
     * (the domain's published record) or, for the platform's domain, the test key's public half.
     */
    private static SignatureRecord signature(CapturedMessage mail) throws Exception {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            if (domain.toString().equals("example.com")) {
                return List.of("v=DKIM1; k=rsa; p=" + TestDkim.PLATFORM_PUBLIC_KEY);
            }
            return TestDns.running().txtAt(selector + "._domainkey." + domain);
        });
        List<SignatureRecord> verified = verifier.verify(new ByteArrayInputStream(mail.raw()));
        assertThat(verified).as("verified DKIM signatures").hasSize(1);
        return verified.get(0);
    }
}
