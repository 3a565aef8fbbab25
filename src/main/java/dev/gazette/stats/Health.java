package dev.gazette.stats;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sending health: the hard bounce rate (of the deliveries attempted) and the complaint rate (of the
 * deliveries sent), each against the providers' thresholds: {@code warning} from 0.1%, {@code over}
 * from 0.3% (see {@link StatsConfig}).
 */
public record Health(long attempted, long sent, long bounced, long complaints, double bounceRate,
        double complaintRate, Level bounceLevel, Level complaintLevel, double warningRate, double limitRate) {

    public enum Level {
        ok, warning, over
    }

    /** The worse of the two levels. */
    public Level level() {
        return bounceLevel.compareTo(complaintLevel) >= 0 ? bounceLevel : complaintLevel;
    }

    /** Applies the configured thresholds. */
    @ApplicationScoped
    static class Rules {

        private final StatsConfig config;

        Rules(StatsConfig config) {
            this.config = config;
        }

        Health of(long sent, long failed, long bounced, long complaints) {
            long attempted = sent + failed;
            double bounceRate = StatsSql.rate(bounced, attempted);
            double complaintRate = StatsSql.rate(complaints, sent);
            return new Health(attempted, sent, bounced, complaints, bounceRate, complaintRate, level(bounceRate),
                    level(complaintRate), config.warningRate(), config.limitRate());
        }

        private Level level(double rate) {
            if (rate >= config.limitRate()) {
                return Level.over;
            }
            return rate >= config.warningRate() ? Level.warning : Level.ok;
        }
    }
}
