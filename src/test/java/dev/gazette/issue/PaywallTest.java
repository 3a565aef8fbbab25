package dev.gazette.issue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.gazette.issue.Paywall.ReaderLevel;

/** Where the paywall marker cuts an issue's Markdown, for each access and reader. */
class PaywallTest {

    private static final String BODY = "Free part.\n\n  <!--   paywall -->  \n\nPaid part.\n";

    @Test
    void theMarkerOnALineOfItsOwnKeepsWhatFollowsForMembers() {
        assertThat(Paywall.visible(BODY, IssueAccess.everyone, ReaderLevel.STRANGER)).contains("Free part.")
                .doesNotContain("Paid part").doesNotContain("paywall");
        assertThat(Paywall.visible(BODY, IssueAccess.everyone, ReaderLevel.SUBSCRIBER)).doesNotContain("Paid part");
        assertThat(Paywall.visible(BODY, IssueAccess.everyone, ReaderLevel.MEMBER)).contains("Free part.")
                .contains("Paid part.").doesNotContain("paywall");
        assertThat(Paywall.cut(BODY, IssueAccess.everyone, ReaderLevel.SUBSCRIBER)).isTrue();
        assertThat(Paywall.cut(BODY, IssueAccess.everyone, ReaderLevel.MEMBER)).isFalse();
    }

    @Test
    void aMarkerInsideALineOrACodeWordDoesNotCut() {
        String inline = "Write `<!-- paywall -->` on a line of its own.\n\nAll free.";
        assertThat(Paywall.visible(inline, IssueAccess.everyone, ReaderLevel.STRANGER)).isEqualTo(inline);
        assertThat(Paywall.cut(inline, IssueAccess.everyone, ReaderLevel.STRANGER)).isFalse();
    }

    @Test
    void aMarkerLineInsideAFencedCodeBlockDoesNotCutButOneAfterItDoes() {
        String sample = "How to cut:\n\n```markdown\nFree.\n<!-- paywall -->\nPaid.\n```\n\n~~~~\n<!-- paywall -->\n```\n~~~~\n";
        assertThat(Paywall.visible(sample, IssueAccess.everyone, ReaderLevel.STRANGER)).isEqualTo(sample);
        assertThat(Paywall.cut(sample, IssueAccess.everyone, ReaderLevel.STRANGER)).isFalse();

        String both = sample + "\nTeaser.\n<!-- paywall -->\nThe paid part.\n";
        assertThat(Paywall.visible(both, IssueAccess.everyone, ReaderLevel.SUBSCRIBER)).isEqualTo(sample + "\nTeaser.\n")
                .doesNotContain("The paid part");
        // a member reads all of it: the real marker goes, the quoted ones stay in their code blocks
        assertThat(Paywall.visible(both, IssueAccess.everyone, ReaderLevel.MEMBER)).isEqualTo(sample
                + "\nTeaser.\n\nThe paid part.\n");
        // an unclosed fence runs to the end: nothing after it cuts
        String unclosed = "```\ncode\n<!-- paywall -->\nmore";
        assertThat(Paywall.cut(unclosed, IssueAccess.everyone, ReaderLevel.STRANGER)).isFalse();
        // an indented fence of four spaces is not a fence (it is indented code, and the marker below it cuts)
        String indented = "    ```\nFree.\n<!-- paywall -->\nPaid.";
        assertThat(Paywall.visible(indented, IssueAccess.everyone, ReaderLevel.STRANGER)).doesNotContain("Paid.");
    }

    @Test
    void withoutAMarkerAccessDecides() {
        String body = "Every word.";
        assertThat(Paywall.visible(body, IssueAccess.everyone, ReaderLevel.STRANGER)).isEqualTo(body);
        assertThat(Paywall.visible(body, IssueAccess.paid, ReaderLevel.SUBSCRIBER)).isEmpty();
        assertThat(Paywall.cut(body, IssueAccess.paid, ReaderLevel.SUBSCRIBER)).isTrue();
        assertThat(Paywall.visible(body, IssueAccess.paid, ReaderLevel.MEMBER)).isEqualTo(body);
        assertThat(Paywall.visible(body, IssueAccess.subscribers, ReaderLevel.STRANGER)).isEmpty();
        assertThat(Paywall.cut(body, IssueAccess.subscribers, ReaderLevel.STRANGER)).isTrue();
        assertThat(Paywall.visible(body, IssueAccess.subscribers, ReaderLevel.SUBSCRIBER)).isEqualTo(body);
        assertThat(Paywall.cut(body, IssueAccess.subscribers, ReaderLevel.SUBSCRIBER)).isFalse();
    }

    @Test
    void theFirstMarkerCutsAndALaterOneStaysInThePaidPart() {
        String body = "A\n<!-- paywall -->\nB\n<!-- paywall -->\nC";
        assertThat(Paywall.visible(body, IssueAccess.everyone, ReaderLevel.SUBSCRIBER)).isEqualTo("A\n");
        assertThat(Paywall.visible(body, IssueAccess.everyone, ReaderLevel.MEMBER)).contains("A").contains("B")
                .contains("C").doesNotContain("paywall");
    }
}
