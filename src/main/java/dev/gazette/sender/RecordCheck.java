package dev.gazette.sender;

/**
 * One DNS record a sender domain must publish, and what the last check found of it.
 *
 * @param kind {@code dkim}, {@code spf}, {@code dmarc} or {@code return_path}
 * @param type the record's type: {@code TXT} or {@code CNAME}
 * @param name where to publish it
 * @param value what to publish
 * @param status {@code ok}, {@code missing} (nothing there), {@code wrong} (something else there),
 *        {@code unanswered} (the resolver gave no answer), or {@code unchecked} before the first check
 * @param found what was there when it was not right, else null
 */
public record RecordCheck(String kind, String type, String name, String value, String status, String found) {

    static final String OK = "ok";
    static final String MISSING = "missing";
    static final String WRONG = "wrong";
    static final String UNANSWERED = "unanswered";
    static final String UNCHECKED = "unchecked";

    boolean ok() {
        return OK.equals(status);
    }

    RecordCheck with(String status, String found) {
        return new RecordCheck(kind, type, name, value, status, found);
    }
}
