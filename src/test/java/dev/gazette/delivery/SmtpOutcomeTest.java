package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmtpOutcomeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "250 | 250 2.0.0 Ok: queued            | SENT",
            "421 | 421 4.3.2 Service busy           | TRANSIENT",
            "451 | 451 4.7.1 Greylisted             | TRANSIENT",
            "452 | 452 4.2.2 Mailbox full           | SOFT_BOUNCE",
            "552 | 552 5.2.2 Mailbox full           | SOFT_BOUNCE",
            "550 | 550 5.1.1 User unknown           | HARD_BOUNCE",
            "550 | 550 User unknown                 | HARD_BOUNCE",
            "550 | 550 5.7.1 Relay access denied    | POLICY",
            "535 | 535 5.7.8 Authentication failed  | POLICY",
            "554 | 554 5.6.0 Message content refused | PERMANENT",
            "550 | 550 Rejected                     | PERMANENT"})
    void repliesAreClassifiedByCodeAndEnhancedStatus(int code, String reply, SmtpOutcome.Kind kind) {
        assertThat(SmtpOutcome.classify(code, reply).kind()).isEqualTo(kind);
    }

    @org.junit.jupiter.api.Test
    void theReplyIsKeptOnOneLineWithItsEnhancedStatus() {
        SmtpOutcome outcome = SmtpOutcome.classify(550, "550 5.1.1 no\r\nsuch user");
        assertThat(outcome.kind()).isEqualTo(SmtpOutcome.Kind.HARD_BOUNCE);
        assertThat(outcome.enhanced()).isEqualTo("5.1.1");
        assertThat(outcome.reply()).doesNotContain("\r").doesNotContain("\n");
    }
}
