package dev.gazette.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a declined renewal is tried again: offsets from the first decline, such as {@code
 * 1d,3d,5d,7d} (days, hours or minutes), strictly increasing. After the last offset's try is
 * declined too, the membership ends.
 */
record DunningSchedule(List<Duration> offsets) {

    private static final Pattern ONE = Pattern.compile("([0-9]{1,5})([dhm])");

    DunningSchedule {
        offsets = List.copyOf(offsets);
    }

    /** Parses {@code gazette.membership.dunning}; a bad value stops the start rather than retrying at random. */
    static DunningSchedule parse(String value) {
        List<Duration> offsets = new ArrayList<>();
        for (String part : (value == null ? "" : value).split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            Matcher m = ONE.matcher(p);
            if (!m.matches()) {
                throw new IllegalArgumentException("gazette.membership.dunning: '" + p + "' is not like 3d, 12h or 30m");
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
            if (d.isZero() || (!offsets.isEmpty() && d.compareTo(offsets.get(offsets.size() - 1)) <= 0)) {
                throw new IllegalArgumentException("gazette.membership.dunning: offsets must grow, and be above zero");
            }
            offsets.add(d);
        }
        return new DunningSchedule(offsets);
    }

    /** When the try after {@code attemptsDone} retries is due, or empty when none is left. */
    Optional<Instant> next(Instant pastDueSince, int attemptsDone) {
        return attemptsDone < offsets.size() ? Optional.of(pastDueSince.plus(offsets.get(attemptsDone))) : Optional.empty();
    }
}
