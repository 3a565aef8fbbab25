package dev.gazette.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import dev.gazette.core.DomainException;
import dev.gazette.core.FieldError;
import dev.gazette.segment.SegmentFilter.Attribute;
import dev.gazette.segment.SegmentFilter.Condition;
import dev.gazette.segment.SegmentFilter.Engagement;
import dev.gazette.segment.SegmentFilter.Group;
import dev.gazette.segment.SegmentFilter.Signup;
import dev.gazette.segment.SegmentFilter.Source;
import dev.gazette.segment.SegmentFilter.Status;
import dev.gazette.segment.SegmentFilter.Tag;

/**
 * The studio editor's form: rows of conditions (a condition such as {@code tag:any}, an attribute's
 * key, a value, and where the row goes: the main list, group A or group B), the main list's match
 * and each group's. It becomes the API's filter JSON, so the one parser checks both; a filter with
 * deeper groups (made through the API) cannot be shown as rows and is left as it is.
 */
record SegmentForm(String name, String match, String matchA, String matchB, List<Row> rows, boolean tooDeep) {

    /** Blank rows offered under the filled ones, and the most rows a form holds. */
    static final int BLANK_ROWS = 3;
    static final int MAX_ROWS = SegmentFilter.MAX_CONDITIONS;

    record Row(String condition, String key, String value, String in) {

        static final Row BLANK = new Row("", "", "", "top");

        boolean blank() {
            return condition == null || condition.isBlank();
        }
    }

    static SegmentForm empty() {
        return new SegmentForm("", "all", "any", "any", List.of(), false).withBlankRows(BLANK_ROWS);
    }

    /** The rows typed, in order; the four lists come from the form's repeated fields. */
    static SegmentForm of(String name, String match, String matchA, String matchB, List<String> conditions,
            List<String> keys, List<String> values, List<String> ins) {
        List<Row> rows = new ArrayList<>();
        int count = Math.min(conditions == null ? 0 : conditions.size(), MAX_ROWS + BLANK_ROWS * 4);
        for (int i = 0; i < count; i++) {
            rows.add(new Row(orEmpty(conditions.get(i)), at(keys, i), at(values, i), orTop(at(ins, i))));
        }
        return new SegmentForm(orEmpty(name), choice(match, "all"), choice(matchA, "any"), choice(matchB, "any"), rows,
                false);
    }

    /** The form of a stored filter; {@code tooDeep} when its groups do not fit the editor's two. */
    static SegmentForm of(String name, SegmentFilter filter) {
        List<Row> rows = new ArrayList<>();
        String matchA = "any";
        String matchB = "any";
        int groups = 0;
        for (Condition condition : filter.conditions()) {
            if (condition instanceof Group g) {
                groups++;
                if (groups > 2 || g.conditions().stream().anyMatch(c -> c instanceof Group)) {
                    return new SegmentForm(name, filter.match().name(), "any", "any", List.of(), true);
                }
                String in = groups == 1 ? "a" : "b";
                if (groups == 1) {
                    matchA = g.match().name();
                } else {
                    matchB = g.match().name();
                }
                g.conditions().forEach(c -> rows.add(row(c, in)));
            } else {
                rows.add(row(condition, "top"));
            }
        }
        return new SegmentForm(name, filter.match().name(), matchA, matchB, rows, false).withBlankRows(BLANK_ROWS);
    }

    /** The same form with {@code blank} more empty rows (up to the most a form holds). */
    SegmentForm withBlankRows(int blank) {
        List<Row> filled = new ArrayList<>(rows.stream().filter(r -> !r.blank()).toList());
        for (int i = 0; i < blank && filled.size() < MAX_ROWS + BLANK_ROWS; i++) {
            filled.add(Row.BLANK);
        }
        return new SegmentForm(name, match, matchA, matchB, filled, tooDeep);
    }

    /** How many blank rows the form shows now (the "more" button adds to them). */
    int blankRows() {
        return (int) rows.stream().filter(Row::blank).count();
    }

    /**
     * The filter as the API takes it, and for each part the row it came from ({@code filter.conditions[2]}
     * is row 3 of the form, say), so that a refusal names the row.
     */
    Built filter() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, Integer> origins = new LinkedHashMap<>();
        ArrayNode top = f.arrayNode();
        ArrayNode a = f.arrayNode();
        ArrayNode b = f.arrayNode();
        List<Integer> inA = new ArrayList<>();
        List<Integer> inB = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.blank()) {
                continue;
            }
            ObjectNode node = node(row);
            switch (row.in()) {
                case "a" -> {
                    a.add(node);
                    inA.add(i + 1);
                }
                case "b" -> {
                    b.add(node);
                    inB.add(i + 1);
                }
                default -> {
                    origins.put("filter.conditions[" + top.size() + "]", i + 1);
                    top.add(node);
                }
            }
        }
        addGroup(top, a, matchA, inA, origins);
        addGroup(top, b, matchB, inB, origins);
        ObjectNode filter = f.objectNode().put("match", match);
        filter.set("conditions", top);
        return new Built(filter, origins);
    }

    record Built(JsonNode json, Map<String, Integer> origins) {

        /** The row a refused part came from; 0 when it is no row's (the filter as a whole). */
        int rowOf(String path) {
            int best = 0;
            int length = -1;
            for (Map.Entry<String, Integer> origin : origins.entrySet()) {
                String prefix = origin.getKey();
                if ((path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "["))
                        && prefix.length() > length) {
                    best = origin.getValue();
                    length = prefix.length();
                }
            }
            return best;
        }
    }

    /** A refusal of the filter, said row by row in the page's words. */
    static String refusal(String lang, Built built, DomainException e) {
        SegmentText words = words(lang);
        List<String> lines = new ArrayList<>();
        for (FieldError error : e.fieldErrors()) {
            String why = why(words, error.code());
            int row = built.rowOf(error.field());
            String line = row > 0 ? words.error_row(row, why) : why;
            if (!lines.contains(line)) {
                lines.add(line);
            }
        }
        return lines.isEmpty() ? words.error_conditions() : String.join(" · ", lines);
    }

    static SegmentText words(String lang) {
        return MessageBundles.get(SegmentText.class, Localized.Literal.of(lang));
    }

    private static String why(SegmentText words, String code) {
        return switch (code) {
            case "required" -> words.why_required();
            case "unknown_value", "unknown_operator", "unknown_kind", "unknown_match" -> words.why_unknown_value();
            case "invalid_number" -> words.why_invalid_number();
            case "invalid_date" -> words.why_invalid_date();
            case "out_of_range" -> words.why_out_of_range();
            case "too_long" -> words.why_too_long();
            case "invalid_characters", "invalid_encoding" -> words.why_invalid_characters();
            case "not_allowed" -> words.why_not_allowed();
            case "invalid_tag", "invalid" -> words.why_invalid_tag();
            case "too_many" -> words.why_too_many();
            default -> words.why_other();
        };
    }

    private static void addGroup(ArrayNode top, ArrayNode group, String match, List<Integer> rows,
            Map<String, Integer> origins) {
        if (group.isEmpty()) {
            return;
        }
        String at = "filter.conditions[" + top.size() + "]";
        for (int k = 0; k < rows.size(); k++) {
            origins.put(at + ".conditions[" + k + "]", rows.get(k));
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("kind", "group").put("match", match);
        node.set("conditions", group);
        top.add(node);
    }

    private static ObjectNode node(Row row) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        String[] parts = row.condition().split(":", 2);
        String kind = parts[0];
        node.put("kind", kind);
        if (parts.length > 1) {
            node.put("op", parts[1]);
        }
        String op = parts.length > 1 ? parts[1] : "";
        String value = row.value().strip();
        switch (kind) {
            case "status", "source", "tag" -> {
                ArrayNode values = node.putArray("values");
                Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(values::add);
            }
            case "attribute" -> {
                node.put("key", row.key().strip());
                if (!value.isEmpty() || !(op.equals("exists") || op.equals("not_exists"))) {
                    node.put("value", value);
                }
            }
            case "signup" -> node.put("value", value);
            case "engagement" -> {
                if (!value.isEmpty() || op.equals("opened") || op.equals("not_opened") || op.equals("clicked")
                        || op.equals("not_clicked")) {
                    node.put("issues", value);
                }
            }
            default -> {
                // an unknown kind goes on as typed: the parser refuses it, naming the row
            }
        }
        return node;
    }

    private static Row row(Condition condition, String in) {
        if (condition instanceof Status s) {
            return new Row("status:" + s.op(), "", String.join(", ", s.values()), in);
        } else if (condition instanceof Source s) {
            return new Row("source:" + s.op(), "", String.join(", ", s.values()), in);
        } else if (condition instanceof Tag t) {
            return new Row("tag:" + t.op(), "", String.join(", ", t.values()), in);
        } else if (condition instanceof Attribute a) {
            String value = a.text() != null
                    ? a.text()
                    : a.number() != null ? a.number().toPlainString() : a.date() != null ? a.date().toString() : "";
            return new Row("attribute:" + a.op(), a.key(), value, in);
        } else if (condition instanceof Signup s) {
            return new Row("signup:" + s.op(), "", s.date() != null ? s.date().toString() : String.valueOf(s.days()), in);
        } else if (condition instanceof Engagement e) {
            return new Row("engagement:" + e.op(), "", e.issues() == null ? "" : String.valueOf(e.issues()), in);
        }
        throw new IllegalStateException("a condition the editor cannot show: " + condition);
    }

    private static String at(List<String> list, int i) {
        return list == null || i >= list.size() || list.get(i) == null ? "" : list.get(i);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String orTop(String in) {
        return "a".equals(in) || "b".equals(in) ? in : "top";
    }

    private static String choice(String match, String otherwise) {
        return "all".equals(match) || "any".equals(match) ? match : otherwise;
    }
}
