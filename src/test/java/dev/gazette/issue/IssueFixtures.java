package dev.gazette.issue;

import static dev.gazette.testing.Api.as;

import java.util.HashMap;
import java.util.Map;

import dev.gazette.testing.Scenario;

/** Issues and templates made through the API, for tests. */
final class IssueFixtures {

    static final String KOREAN_BODY = """
            ## 1. 프롬프트: DeepSeek

            딥시크의 **새 모델**을 써 봤습니다. 자세한 내용은 <https://example.com/deepseek> 에서.

            | 모델 | 점수 |
            |------|-----:|
            | A    | 91   |

            ## 2. 이번 주의 도구

            - 첫째 도구
            - 둘째 도구
            """;

    private IssueFixtures() {
    }

    static long createIssue(String token, String publication, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "AI 주간 소식 1호");
        body.put("subtitle", "딥시크와 이번 주의 도구들");
        body.put("category", "AI");
        body.put("bodyMarkdown", KOREAN_BODY);
        body.putAll(fields);
        return Scenario.of(token, publication).draft(body);
    }

    static long createIssue(String token, String publication) {
        return createIssue(token, publication, Map.of());
    }

    static String issuePath(String publication, long id) {
        return Scenario.of(null, publication).issuePath(id);
    }

    static long createTemplate(String token, String publication, String source) {
        return ((Number) as(token).body(Map.of("name", "My layout", "source", source))
                .post("/api/v1/publications/" + publication + "/templates")
                .then().statusCode(201).extract().path("id")).longValue();
    }

    /**
     * Publishes the issue now on the web only (these publications have no subscriber; a send to no one
     * is refused): it is on the web at once, and sent, to no one, moments later.
     */
    static void publishOnWeb(String token, String publication, long id) {
        Scenario.of(token, publication).publishOnWeb(id);
    }
}
