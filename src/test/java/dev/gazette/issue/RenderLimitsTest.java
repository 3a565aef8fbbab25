package dev.gazette.issue;

import static dev.gazette.issue.IssueFixtures.createIssue;
import static dev.gazette.issue.IssueFixtures.createTemplate;
import static dev.gazette.issue.IssueFixtures.issuePath;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Mailbox;

@QuarkusTest
class RenderLimitsTest {

    /** 4.5 KB that ran a 512 MB heap out of memory in 45 s when only the written output was bounded. */
    private static final String EXPRESSION_BOMB = "{#for i in 10000}" + "{i}".repeat(1500) + "{/for}";

    private Api.Account writer;
    private String pub;

    @BeforeEach
    void setUp() {
        writer = Api.writer("Costly");
        pub = Api.publication(writer.token());
    }

    @Test
    void aLoopOfManyExpressionsIsRefusedBeforeItRuns() {
        assertThat(EXPRESSION_BOMB.length()).isBetween(4_500, 4_600);
        long issue = createIssue(writer.token(), pub,
                Map.of("templateId", createTemplate(writer.token(), pub, EXPRESSION_BOMB)));
        // milliseconds now; the bound is far above that and far below the 45 s it took before
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> as(writer.token())
                .get(issuePath(pub, issue) + "/preview").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("template_too_costly")));
        String tester = writer.email();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> as(writer.token())
                .body(Map.of("to", List.of(tester))).post(issuePath(pub, issue) + "/test").then().statusCode(422)
                .body("code", equalTo("template_too_costly")));
        assertThat(Mailbox.to(tester)).isEmpty();
    }

    @Test
    void nestedLoopsCountEveryIterationsExpressions() {
        long issue = createIssue(writer.token(), pub, Map.of("templateId", createTemplate(writer.token(), pub,
                "{#for a in 90}{#for b in 90}" + "{a}{b}".repeat(10) + "{/for}{/for}")));
        as(writer.token()).get(issuePath(pub, issue) + "/preview").then().statusCode(422)
                .body("code", equalTo("template_too_costly"));
    }

    @Test
    void theOutputLimitHoldsWhileTheLoopRuns() {
        // each iteration writes the 160,000-character body: the render stops after a few of them
        long issue = createIssue(writer.token(), pub, Map.of("bodyMarkdown", "가나다라마바사 ".repeat(20_000),
                "templateId", createTemplate(writer.token(), pub, "{#for i in 9000}{#for j in 1}{issue.body}{/for}{/for}")));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> as(writer.token())
                .get(issuePath(pub, issue) + "/preview").then().statusCode(422)
                .body("code", equalTo("template_output_limit")));
    }

    @Test
    void thirtyParallelPreviewsOfACostlyTemplateLeaveThePoolToOthers() throws Exception {
        // within every limit: 12,000 expressions and 120 KB of HTML (and its text part) per preview
        long issue = createIssue(writer.token(), pub, Map.of("templateId", createTemplate(writer.token(), pub,
                "{#for i in 3000}<p>{i} {subscriber.name} {issue.title} {publication.name}</p>{/for}")));
        ExecutorService clients = Executors.newFixedThreadPool(30);
        try {
            List<Future<Integer>> previews = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                previews.add(clients.submit(() -> {
                    var answer = as(writer.token()).get(issuePath(pub, issue) + "/preview");
                    if (answer.statusCode() == 503) {
                        assertThat(answer.jsonPath().getString("code")).isEqualTo("render_busy");
                    }
                    return answer.statusCode();
                }));
            }
            // requests that need a database connection keep answering while the previews render
            int answeredMeanwhile = 0;
            while (previews.stream().anyMatch(f -> !f.isDone())) {
                as(writer.token()).get("/api/v1/publications/" + pub).then().statusCode(200);
                as(writer.token()).get("/api/v1/publications/" + pub + "/issues").then().statusCode(200);
                answeredMeanwhile++;
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> preview : previews) {
                statuses.add(preview.get());
            }
            assertThat(answeredMeanwhile).isPositive();
            // each preview rendered, or was told to come back when the render threads were all taken
            assertThat(statuses).isSubsetOf(200, 503).contains(200);
        } finally {
            clients.shutdownNow();
            clients.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
