package dev.gazette.engagement;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Comments, likes, feedback and notes: limits and windows. */
@ConfigMapping(prefix = "gazette.engagement")
interface EngagementConfig {

    /** How long after writing a reader may still edit or delete their comment. */
    @WithDefault("PT15M")
    Duration editWindow();

    /** The longest comment, in characters of Markdown. */
    @WithDefault("5000")
    int commentMaxLength();

    /** How long the links that confirm a comment or a note by email stay valid. */
    @WithDefault("P2D")
    Duration confirmTtl();

    /** Comments per client address and minute. */
    @WithDefault("10")
    int commentsPerMinute();

    /** Likes and unlikes per client address and minute. */
    @WithDefault("30")
    int likesPerMinute();

    /** Notes per client address and minute. */
    @WithDefault("5")
    int notesPerMinute();

    /** Tips started per client address and minute. */
    @WithDefault("10")
    int tipsPerMinute();

    /** Feedback answers per client address and minute. */
    @WithDefault("30")
    int feedbackPerMinute();

    /** The most coffees one tip may buy. */
    @WithDefault("100")
    int maxCoffees();
}
