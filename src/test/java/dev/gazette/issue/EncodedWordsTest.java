package dev.gazette.issue;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

class EncodedWordsTest {

    @Test
    void koreanAndEmojiSubjectsBecomeShortEncodedWordsThatDecodeBack() throws Exception {
        String subject = "[테스트] AI 주간 소식 1호: 딥시크와 이번 주의 도구들, 그리고 다음 주 예고 🚀🚀";
        String encoded = EncodedWords.encode(subject);
        assertThat(encoded).matches("(=\\?UTF-8\\?B\\?[A-Za-z0-9+/=]+\\?=)( =\\?UTF-8\\?B\\?[A-Za-z0-9+/=]+\\?=)+");
        for (String word : encoded.split(" ")) {
            assertThat(word.length()).isLessThanOrEqualTo(75);
        }
        assertThat(MimeUtility.decodeText(encoded)).isEqualTo(subject);
    }

    @Test
    void asciiSubjectsStayAsTheyAre() {
        assertThat(EncodedWords.encode("Weekly AI, issue 1")).isEqualTo("Weekly AI, issue 1");
    }
}
