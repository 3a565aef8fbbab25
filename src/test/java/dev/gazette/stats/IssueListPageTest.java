package dev.gazette.stats;

import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Scenario;

/** A publication's issues in the studio: newest first, twenty a page, searched by title, sent ones with their reach. */
@QuarkusTest
class IssueListPageTest {

    private static final Pattern ROW = Pattern.compile("<tr id=\"issue-(\\d+)\"[^>]*>(.*?)</tr>", Pattern.DOTALL);

    @Test
    void issuesComeNewestFirstAPageAtATimeAndBySearch() {
        Scenario writer = Scenario.writer("Many");
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            ids.add(writer.issue(Map.of("title", (i % 5 == 0 ? "Weekly 100% AI " : "Notes ") + i)));
        }
        Api.Account account = writer.account();
        String path = "/studio/publications/" + writer.slug() + "/issues";

        String first = open(account, path, "en").html();
        List<Long> shown = rows(first);
        assertThat(shown).hasSize(20).first().isEqualTo(ids.get(22));
        assertThat(first).contains("rel=\"next\"").doesNotContain("rel=\"prev\"").contains(">draft<");
        List<Long> second = rows(open(account, path + "?page=2", "en").html());
        assertThat(second).containsExactly(ids.get(2), ids.get(1), ids.get(0));

        // the search matches words in the title, any case, a % taken as itself
        assertThat(rows(open(account, path + "?q=100% ai", "en").html())).containsExactly(ids.get(19), ids.get(14),
                ids.get(9), ids.get(4));
        assertThat(rows(open(account, path + "?q=%", "en").html())).hasSize(4);
        assertThat(open(account, path + "?q=nothing-like-this", "ko").html()).contains("제목에 이 단어가 든 레터가 없어요.");
    }

    @Test
    void aSentIssueShowsItsRecipientsAndLinksToItsStats() {
        Scenario writer = Scenario.writer("Sender").subscribers(3);
        long issue = writer.issue(Map.of("title", "Sent one"));
        writer.sendAndAwait(issue);

        String html = open(writer.account(), "/studio/publications/" + writer.slug() + "/issues", "ko").html();
        Matcher row = ROW.matcher(html);
        assertThat(row.find()).isTrue();
        assertThat(row.group(2)).contains("보냄").contains("<td>3</td>")
                .contains("/publications/" + writer.slug() + "/issues/" + issue + "/stats").contains("Asia/Seoul");
    }

    @Test
    void anotherWritersIssuesDoNotExistForThem() {
        Scenario owner = Scenario.writer("Owner");
        owner.issue(Map.of("title", "Private draft"));
        Api.Account other = Api.writer("Other");
        String body = session(other, "en").get("/studio/publications/" + owner.slug() + "/issues").then().statusCode(404)
                .extract().asString();
        assertThat(body).doesNotContain("Private draft");
    }

    private static List<Long> rows(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }
}
