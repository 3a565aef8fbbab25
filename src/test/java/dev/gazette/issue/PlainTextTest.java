package dev.gazette.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void aLongRunOfSpacesInACodeBlockConvertsInLinearTime() {
        assertThat(PlainText.of("<pre><code>x  y</code></pre>")).isEqualTo("x  y\n"); // classes loaded
        // 40,000 spaces took 2.9 s through a backtracking regular expression; a linear pass takes milliseconds
        // (a run that does not end a line: the expression tried it again from each of its spaces)
        String spaces = " ".repeat(40_000);
        String html = "<p>before</p><pre><code>x" + spaces + "y</code></pre><p>after</p>";
        String text = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> PlainText.of(html));
        assertThat(text).isEqualTo("before\n\nx" + spaces + "y\n\nafter\n");
    }

    @Test
    void trailingSpacesAreDroppedAndBlankLinesKeptToOne() {
        assertThat(PlainText.tidy("a  \t\n\n \n\n\tb  \nc ")).isEqualTo("a\n\n\tb\nc ");
        assertThat(PlainText.of("<p>one </p><p></p><p>  </p><p>two</p>")).isEqualTo("one\n\ntwo\n");
    }
}
