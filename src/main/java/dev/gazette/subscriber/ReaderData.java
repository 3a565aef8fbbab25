package dev.gazette.subscriber;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What another feature keeps about one subscriber, for their own data export: comments, tips and
 * notes (engagement), deliveries, opens and clicks (delivery). Features provide it as beans; the
 * export asks every one of them.
 */
public interface ReaderData {

    /** The subscriber a section is asked for. */
    record Subject(long publicationId, long subscriberId, String email, String emailHash) {
    }

    /**
     * The sections this feature holds for the subscriber, each a name (such as {@code comments})
     * and its rows as JSON-ready maps, in a stable order.
     */
    Map<String, List<Map<String, Object>>> of(Subject subject);

    /**
     * Native query rows as JSON-ready maps under these names, in order; timestamps become instants
     * (whichever Java type the driver chose).
     */
    static List<Map<String, Object>> rows(List<?> rows, String... names) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] columns = row instanceof Object[] array ? array : new Object[]{row};
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                Object value = columns[i];
                if (value instanceof Timestamp t) {
                    value = t.toInstant();
                } else if (value instanceof OffsetDateTime o) {
                    value = o.toInstant();
                }
                map.put(names[i], value);
            }
            out.add(map);
        }
        return out;
    }
}
