package dev.gazette.core;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A {@code TIMESTAMPTZ} column as a native query hands it back (whichever type the driver chose), as an instant. */
public final class SqlTimes {

    private SqlTimes() {
    }

    /** The instant of a column's value; null for SQL NULL. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        return value instanceof OffsetDateTime o ? o.toInstant() : ((Timestamp) value).toInstant();
    }
}
