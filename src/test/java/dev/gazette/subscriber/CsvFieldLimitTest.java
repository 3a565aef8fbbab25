package dev.gazette.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** A field longer than the import's limit is a bad line of its own, and the lines after it keep their numbers. */
class CsvFieldLimitTest {

    @Test
    void anOverlongFieldIsABadLineAndTheRestOfTheFileReadsOn() throws Exception {
        int huge = 20 * 1024 * 1024; // twenty million characters, streamed, never built as one string here
        InputStream file = concat(
                "email,name,city\r\n", // 1
                "one@example.com,One,Seoul\r\n", // 2
                "two@example.com,\"Two", // 3 (a quoted field that runs on for megabytes, with a newline in it)
                repeat('x', huge / 2), "\n", repeat('y', huge / 2), "\",Busan\r\n", // 4
                "three@example.com,", repeat('z', CsvImport.MAX_FIELD_LENGTH + 1), ",Daegu\r\n", // 5 (a bare field)
                "four@example.com,\"Four \"\"quoted\"\"\",", "\"", repeat('"', 3 * CsvImport.MAX_FIELD_LENGTH), "\"\r\n", // 6
                "five@example.com,Five,\"Jeju\r\nisland\"\r\n", // 7-8
                "bad@,,\r\n"); // 9
        List<String> rows = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        CsvImport.read(file, Long.MAX_VALUE, mac(), new CsvImport.Sink() {
            @Override
            public void row(CsvImport.Row row) {
                rows.add(row.line() + ":" + row.email() + ":" + row.name() + ":" + row.attributes().get("city"));
            }

            @Override
            public void badLine(long line, String code) {
                bad.add(line + ":" + code);
            }
        });
        assertThat(rows).containsExactly("2:one@example.com:One:Seoul", "7:five@example.com:Five:Jeju\r\nisland");
        assertThat(bad).containsExactly("3:field_too_long", "5:field_too_long", "6:field_too_long", "9:invalid_email");
    }

    @Test
    void aFieldAtTheLimitIsRead() throws Exception {
        String name = "n".repeat(CsvImport.MAX_FIELD_LENGTH);
        List<String> bad = new ArrayList<>();
        List<String> cities = new ArrayList<>();
        CsvImport.read(concat("email,city\n", "a@example.com,\"" + name + "\"\n"), Long.MAX_VALUE, mac(), new CsvImport.Sink() {
            @Override
            public void row(CsvImport.Row row) {
                cities.add(row.attributes().get("city"));
            }

            @Override
            public void badLine(long line, String code) {
                bad.add(line + ":" + code);
            }
        });
        // the attribute itself is too long for an attribute, but the field was read whole
        assertThat(bad).containsExactly("2:invalid_attribute");
        assertThat(cities).isEmpty();
    }

    private static Mac mac() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        return mac;
    }

    private static InputStream concat(Object... parts) {
        List<InputStream> streams = new ArrayList<>();
        for (Object part : parts) {
            streams.add(part instanceof InputStream s
                    ? s
                    : new ByteArrayInputStream(((String) part).getBytes(StandardCharsets.UTF_8)));
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    /** A stream of one character, of any length, without building it. */
    private static InputStream repeat(char c, int count) {
        return new InputStream() {
            private int left = count;

            @Override
            public int read() {
                return left-- > 0 ? c : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) c);
                left -= n;
                return n;
            }
        };
    }
}
