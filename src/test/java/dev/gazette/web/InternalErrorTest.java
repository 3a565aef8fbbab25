package dev.gazette.web;

import static dev.gazette.testing.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** An unexpected failure: 500 {@code internal_error} with an id that finds the full story in the log, and nothing else. */
@QuarkusTest
class InternalErrorTest {

    private static final Pattern ID = Pattern.compile("error id ([0-9a-f-]{36})");

    @Test
    void aFailureIsAnsweredWithALogIdAndNoDetail() {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ProblemMappers.class.getName());
        logger.addHandler(capture);
        try {
            Response answer = anonymous().get("/test-only/failure");
            answer.then().statusCode(500).contentType("application/problem+json");
            assertThat(answer.<String>path("code")).isEqualTo("internal_error");
            assertThat(answer.<Integer>path("status")).isEqualTo(500);
            String body = answer.asString();
            assertThat(body).doesNotContain(FailingResource.SECRET_DETAIL).doesNotContain("IllegalStateException")
                    .doesNotContain("FailingResource").doesNotContain("\tat ");
            Matcher id = ID.matcher(answer.<String>path("detail"));
            assertThat(id.find()).as("an error id in " + body).isTrue();

            // the log holds the same id with the whole failure
            assertThat(logged).anySatisfy(record -> {
                assertThat(record.getLevel().intValue()).isGreaterThanOrEqualTo(Level.SEVERE.intValue());
                assertThat(formatted(record)).contains(id.group(1));
                assertThat(record.getThrown()).isInstanceOf(IllegalStateException.class)
                        .hasMessage(FailingResource.SECRET_DETAIL);
            });
            // every failure has its own id
            String other = anonymous().get("/test-only/failure").then().statusCode(500).extract().path("detail");
            assertThat(other).doesNotContain(id.group(1)).containsPattern(ID);
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static String formatted(LogRecord record) {
        Object[] parameters = record.getParameters();
        String message = record.getMessage();
        return parameters == null ? message : message + " " + java.util.Arrays.toString(parameters);
    }
}
