package dev.gazette.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gazette.core.DomainException;
import dev.gazette.core.FieldError;
import dev.gazette.segment.SegmentFilter.Attribute;
import dev.gazette.segment.SegmentFilter.AttributeOp;
import dev.gazette.segment.SegmentFilter.Condition;
import dev.gazette.segment.SegmentFilter.Engagement;
import dev.gazette.segment.SegmentFilter.EngagementOp;
import dev.gazette.segment.SegmentFilter.Group;
import dev.gazette.segment.SegmentFilter.Match;
import dev.gazette.segment.SegmentFilter.SetOp;
import dev.gazette.segment.SegmentFilter.Signup;
import dev.gazette.segment.SegmentFilter.SignupOp;
import dev.gazette.segment.SegmentFilter.Source;
import dev.gazette.segment.SegmentFilter.Status;
import dev.gazette.segment.SegmentFilter.Tag;
import dev.gazette.segment.SegmentFilter.TagOp;
import dev.gazette.subscriber.Audience;

/**
 * Reads a filter from JSON, strictly: known kinds, operators and fields only, every size bounded,
 * every value checked for its kind. What it refuses comes back as one {@code validation_failed}
 * naming each wrong field by its path ({@code filter.conditions[1].value}), and nothing is stored.
 * {@link #json} writes a filter back in the same form, which is how it is stored.
 */
final class FilterParser {

    private static final Set<String> STATUSES = Set.of("pending", "active", "unsubscribed", "bounced", "complained");
    private static final Set<String> SOURCES = Set.of("form", "import", "api");
    private static final Set<String> GROUP_FIELDS = Set.of("kind", "match", "conditions");
    private static final Set<String> LIST_FIELDS = Set.of("kind", "op", "values");
    private static final Set<String> ATTRIBUTE_FIELDS = Set.of("kind", "op", "key", "value");
    private static final Set<String> SIGNUP_FIELDS = Set.of("kind", "op", "value");
    private static final Set<String> ENGAGEMENT_FIELDS = Set.of("kind", "op", "issues");
    /** A number typed into a condition: digits enough for any amount, never a huge one to compare. */
    private static final int MAX_NUMBER_CHARS = 30;

    private final List<FieldError> errors = new ArrayList<>();
    private int conditions;

    private FilterParser() {
    }

    /** The filter in {@code node} (the field {@code field} of a request), or a refusal naming every wrong part. */
    static SegmentFilter parse(String field, JsonNode node) {
        FilterParser parser = new FilterParser();
        SegmentFilter filter = null;
        if (node == null || node.isNull() || node.isMissingNode()) {
            parser.error(field, "required", "is required");
        } else if (!node.isObject()) {
            parser.error(field, "invalid_type", "must be an object with match and conditions");
        } else {
            parser.fields(field, node, Set.of("match", "conditions"));
            Match match = parser.match(field, node);
            List<Condition> conditions = parser.conditions(field, node, 1, true);
            filter = new SegmentFilter(match, conditions);
        }
        if (!parser.errors.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, "validation_failed", "The filter has invalid parts",
                    parser.errors.size() > 20 ? parser.errors.subList(0, 20) : parser.errors, null);
        }
        return filter;
    }

    private Match match(String path, JsonNode node) {
        JsonNode value = node.get("match");
        if (value == null || value.isNull()) {
            return Match.all;
        }
        return named(path + ".match", value, Match.class, "unknown_match", Match.all);
    }

    private List<Condition> conditions(String path, JsonNode node, int depth, boolean top) {
        JsonNode list = node.get("conditions");
        String at = path + ".conditions";
        if (list == null || list.isNull()) {
            if (!top) {
                error(at, "required", "a group needs conditions");
            }
            return List.of();
        }
        if (!list.isArray()) {
            error(at, "invalid_type", "must be a list");
            return List.of();
        }
        if (!top && list.isEmpty()) {
            error(at, "required", "a group needs conditions");
        }
        List<Condition> parsed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (++conditions > SegmentFilter.MAX_CONDITIONS) {
                error(at, "too_many", "a filter has at most " + SegmentFilter.MAX_CONDITIONS + " conditions");
                break;
            }
            Condition condition = condition(at + "[" + i + "]", list.get(i), depth);
            if (condition != null) {
                parsed.add(condition);
            }
        }
        return parsed;
    }

    private Condition condition(String path, JsonNode node, int depth) {
        if (!node.isObject()) {
            error(path, "invalid_type", "must be an object");
            return null;
        }
        JsonNode kind = node.get("kind");
        if (kind == null || !kind.isTextual()) {
            error(path + ".kind", "required", "is required");
            return null;
        }
        return switch (kind.asText()) {
            case "group" -> group(path, node, depth);
            case "status" -> {
                fields(path, node, LIST_FIELDS);
                yield new Status(named(path + ".op", node.get("op"), SetOp.class, "unknown_operator", null),
                        values(path, node, v -> STATUSES.contains(v) ? v : null));
            }
            case "source" -> {
                fields(path, node, LIST_FIELDS);
                yield new Source(named(path + ".op", node.get("op"), SetOp.class, "unknown_operator", null),
                        values(path, node, v -> SOURCES.contains(v) ? v : null));
            }
            case "tag" -> tag(path, node);
            case "attribute" -> attribute(path, node);
            case "signup" -> signup(path, node);
            case "engagement" -> engagement(path, node);
            default -> {
                error(path + ".kind", "unknown_kind",
                        "must be one of group, status, tag, attribute, source, signup, engagement");
                yield null;
            }
        };
    }

    private Condition group(String path, JsonNode node, int depth) {
        fields(path, node, GROUP_FIELDS);
        if (depth + 1 > SegmentFilter.MAX_DEPTH) {
            error(path, "too_deep", "groups nest at most " + (SegmentFilter.MAX_DEPTH - 1) + " levels deep");
            return null;
        }
        return new Group(match(path, node), conditions(path, node, depth + 1, false));
    }

    private Condition tag(String path, JsonNode node) {
        fields(path, node, LIST_FIELDS);
        TagOp op = named(path + ".op", node.get("op"), TagOp.class, "unknown_operator", null);
        List<String> values = values(path, node, v -> v);
        try {
            values = List.of(Audience.normalTags(path + ".values", values));
        } catch (DomainException e) {
            errors.addAll(e.fieldErrors());
        }
        return new Tag(op, values);
    }

    private Condition attribute(String path, JsonNode node) {
        fields(path, node, ATTRIBUTE_FIELDS);
        AttributeOp op = named(path + ".op", node.get("op"), AttributeOp.class, "unknown_operator", null);
        String key = text(path + ".key", node.get("key"), true);
        if (key != null && key.isBlank()) {
            error(path + ".key", "required", "is required");
        }
        JsonNode value = node.get("value");
        if (op == null) {
            return null;
        }
        if (op.valueless()) {
            if (value != null && !value.isNull()) {
                error(path + ".value", "not_allowed", "exists and not_exists take no value");
            }
            return new Attribute(key, op, null, null, null);
        }
        if (op.numeric()) {
            return new Attribute(key, op, null, number(path + ".value", value), null);
        }
        if (op.dated()) {
            return new Attribute(key, op, null, null, date(path + ".value", value));
        }
        return new Attribute(key, op, text(path + ".value", value, true), null, null);
    }

    private Condition signup(String path, JsonNode node) {
        fields(path, node, SIGNUP_FIELDS);
        SignupOp op = named(path + ".op", node.get("op"), SignupOp.class, "unknown_operator", null);
        if (op == null) {
            return null;
        }
        JsonNode value = node.get("value");
        if (op.dated()) {
            return new Signup(op, date(path + ".value", value), null);
        }
        return new Signup(op, null, whole(path + ".value", value, 1, SegmentFilter.MAX_DAYS));
    }

    private Condition engagement(String path, JsonNode node) {
        fields(path, node, ENGAGEMENT_FIELDS);
        EngagementOp op = named(path + ".op", node.get("op"), EngagementOp.class, "unknown_operator", null);
        if (op == null) {
            return null;
        }
        JsonNode issues = node.get("issues");
        if (!op.counted()) {
            if (issues != null && !issues.isNull()) {
                error(path + ".issues", "not_allowed", "only opened and clicked count the last issues");
            }
            return new Engagement(op, null);
        }
        return new Engagement(op, whole(path + ".issues", issues, 1, SegmentFilter.MAX_ISSUES));
    }

    /** A list of known values: at least one, at most {@link SegmentFilter#MAX_VALUES}, each accepted by {@code known}. */
    private List<String> values(String path, JsonNode node, Function<String, String> known) {
        JsonNode list = node.get("values");
        String at = path + ".values";
        if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
            error(at, "required", "needs at least one value");
            return List.of();
        }
        if (!list.isArray()) {
            error(at, "invalid_type", "must be a list");
            return List.of();
        }
        if (list.size() > SegmentFilter.MAX_VALUES) {
            error(at, "too_many", "at most " + SegmentFilter.MAX_VALUES + " values");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String value = text(at + "[" + i + "]", list.get(i), true);
            if (value == null) {
                continue;
            }
            String accepted = known.apply(value);
            if (accepted == null) {
                error(at + "[" + i + "]", "unknown_value", "is not one of the values this kind knows");
            } else if (!values.contains(accepted)) {
                values.add(accepted);
            }
        }
        return values;
    }

    private <E extends Enum<E>> E named(String path, JsonNode node, Class<E> type, String code, E otherwise) {
        if (node == null || node.isNull()) {
            if (otherwise == null) {
                error(path, "required", "is required");
            }
            return otherwise;
        }
        if (node.isTextual()) {
            for (E value : type.getEnumConstants()) {
                if (value.name().equals(node.asText())) {
                    return value;
                }
            }
        }
        error(path, code, "is not a known " + (code.equals("unknown_match") ? "match (all, any)" : "operator of this kind"));
        return otherwise;
    }

    /** A single-line text of at most {@link SegmentFilter#MAX_TEXT} characters, without control characters. */
    private String text(String path, JsonNode node, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                error(path, "required", "is required");
            }
            return null;
        }
        if (!node.isTextual() && !node.isNumber() && !node.isBoolean()) {
            error(path, "invalid_type", "must be a text");
            return null;
        }
        String text = node.asText();
        if (text.codePointCount(0, text.length()) > SegmentFilter.MAX_TEXT) {
            error(path, "too_long", "has at most " + SegmentFilter.MAX_TEXT + " characters");
            return null;
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            // PostgreSQL text cannot hold NUL, and no attribute a form or import writes holds the others
            error(path, "invalid_characters", "must not contain control characters");
            return null;
        }
        return text;
    }

    private BigDecimal number(String path, JsonNode node) {
        String text = text(path, node, true);
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_NUMBER_CHARS) {
            error(path, "out_of_range", "is too long a number");
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(text.strip());
            if (Math.abs(number.scale()) > MAX_NUMBER_CHARS) {
                error(path, "out_of_range", "is too large or too precise a number");
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            error(path, "invalid_number", "must be a number");
            return null;
        }
    }

    private LocalDate date(String path, JsonNode node) {
        String text = text(path, node, true);
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            if (date.getYear() < 1900 || date.getYear() > 9999) {
                error(path, "out_of_range", "must be a day between 1900 and 9999");
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            error(path, "invalid_date", "must be a day as YYYY-MM-DD");
            return null;
        }
    }

    private Integer whole(String path, JsonNode node, int min, int max) {
        if (node == null || node.isNull()) {
            error(path, "required", "is required");
            return null;
        }
        String text = node.isTextual() ? node.asText().strip() : node.isIntegralNumber() ? node.asText() : null;
        if (text == null || !text.matches("[0-9]{1,9}")) {
            error(path, text != null && text.matches("-?[0-9]+") ? "out_of_range" : "invalid_number",
                    "must be a whole number from " + min + " to " + max);
            return null;
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            error(path, "out_of_range", "must be from " + min + " to " + max);
            return null;
        }
        return value;
    }

    /** Refuses fields a condition of this kind does not have: a typo must not widen a filter silently. */
    private void fields(String path, JsonNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                error(path + "." + (name.length() > 40 ? name.substring(0, 40) : name), "unknown_field",
                        "is not a field of this kind");
            }
        }
    }

    private void error(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
    }

    /** The filter as JSON, in the form {@link #parse} reads (and the database stores). */
    static ObjectNode json(SegmentFilter filter) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("match", filter.match().name());
        ArrayNode list = node.putArray("conditions");
        filter.conditions().forEach(c -> list.add(json(c)));
        return node;
    }

    private static ObjectNode json(Condition condition) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (condition instanceof Group g) {
            node.put("kind", "group").put("match", g.match().name());
            ArrayNode list = node.putArray("conditions");
            g.conditions().forEach(c -> list.add(json(c)));
        } else if (condition instanceof Status s) {
            values(node.put("kind", "status").put("op", s.op().name()), s.values());
        } else if (condition instanceof Source s) {
            values(node.put("kind", "source").put("op", s.op().name()), s.values());
        } else if (condition instanceof Tag t) {
            values(node.put("kind", "tag").put("op", t.op().name()), t.values());
        } else if (condition instanceof Attribute a) {
            node.put("kind", "attribute").put("op", a.op().name()).put("key", a.key());
            if (a.text() != null) {
                node.put("value", a.text());
            } else if (a.number() != null) {
                node.put("value", a.number().toPlainString());
            } else if (a.date() != null) {
                node.put("value", a.date().toString());
            }
        } else if (condition instanceof Signup s) {
            node.put("kind", "signup").put("op", s.op().name())
                    .put("value", s.date() != null ? s.date().toString() : String.valueOf(s.days()));
        } else if (condition instanceof Engagement e) {
            node.put("kind", "engagement").put("op", e.op().name());
            if (e.issues() != null) {
                node.put("issues", e.issues());
            }
        }
        return node;
    }

    private static void values(ObjectNode node, List<String> values) {
        ArrayNode list = node.putArray("values");
        values.forEach(list::add);
    }
}
