package dev.gazette.issue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void markdownBecomesHtmlWithSectionAnchorsTablesImagesAndAutolinks() {
        String html = Markdown.toHtml(IssueFixtures.KOREAN_BODY + "\n![차트](https://example.com/chart.png)\n");
        assertThat(html).contains("<h2 id=\"1-프롬프트-deepseek\">1. 프롬프트: DeepSeek</h2>");
        assertThat(html).contains("<strong>새 모델</strong>");
        assertThat(html).contains("<a rel=\"nofollow\" href=\"https://example.com/deepseek\">https://example.com/deepseek</a>");
        assertThat(html).contains("<table>").contains("<td>A</td>");
        assertThat(html).contains("<img src=\"https://example.com/chart.png\" alt=\"차트\" />");
        assertThat(html).contains("<li>첫째 도구</li>");
    }

    @Test
    void rawHtmlAndScriptLinksInMarkdownStayInert() {
        String html = Markdown.toHtml("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assertThat(html).doesNotContain("<script>").doesNotContain("javascript:").doesNotContain("<img src=x");
        assertThat(html).contains("&lt;script&gt;");
    }

    @Test
    void textAlternativeKeepsStructureLinksAndLeavesOutHiddenParts() {
        String html = "<div style=\"display:none\">preheader</div>" + Markdown.toHtml(IssueFixtures.KOREAN_BODY);
        String text = PlainText.of(html);
        assertThat(text).doesNotContain("preheader").doesNotContain("<");
        assertThat(text).contains("1. 프롬프트: DeepSeek\n---");
        assertThat(text).contains("딥시크의 새 모델을 써 봤습니다.");
        assertThat(text).contains("https://example.com/deepseek");
        assertThat(text).contains("- 첫째 도구\n- 둘째 도구");
        assertThat(text).contains("모델 | 점수\nA | 91");
        assertThat(text).doesNotContain("\n\n\n");
    }

    @Test
    void linksShowTheirAddressInText() {
        String text = PlainText.of("<p>Read <a href=\"https://example.com/a\">the post</a>.</p>");
        assertThat(text).isEqualTo("Read the post (https://example.com/a).\n");
    }
}
