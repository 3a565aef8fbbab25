package dev.gazette.issue;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and timings of composing, rendering, scheduling and showing issues. */
@ConfigMapping(prefix = "gazette.issue")
interface IssueConfig {

    /** The longest Markdown body, in characters; longer ones get 413 {@code body_too_large}. */
    @WithDefault("200000")
    int maxBodyChars();

    /** The longest writer template source, in characters. */
    @WithDefault("100000")
    int maxTemplateChars();

    /** The largest image upload, in bytes; larger ones get 413 {@code image_too_large}. */
    @WithDefault("5242880")
    int maxImageBytes();

    /** How many loop iterations one render of a writer template may take, all loops together. */
    @WithDefault("10000")
    int templateMaxIterations();

    /**
     * How many expressions one render of a writer template may evaluate inside its loops, all
     * loops together (each iteration counts its body's expressions); more gets 422
     * {@code template_too_costly} before the loop starts.
     */
    @WithDefault("100000")
    int templateMaxEvaluations();

    /** How many characters one render of a writer template may produce. */
    @WithDefault("1000000")
    int templateMaxOutputChars();

    /** How many previews and test sends render at the same time; each takes a thread while it renders. */
    @WithDefault("2")
    int renderThreads();

    /** How many previews and test sends may wait for a render thread; more get 503 {@code render_busy}. */
    @WithDefault("32")
    int renderQueue();

    /**
     * How long a preview or test send may wait for and take to render: one that waited that long
     * gets 503 {@code render_busy}, one that rendered that long 422 {@code template_too_costly}.
     */
    @WithDefault("PT10S")
    Duration renderTimeout();

    /** Above this many bytes of HTML, Gmail clips a message: the render carries a warning. */
    @WithDefault("104448")
    int sizeWarningBytes();

    /** How many addresses one test send may go to. */
    @WithDefault("10")
    int maxTestRecipients();

    /** Test sends per writer and minute. */
    @WithDefault("30")
    int testSendsPerMinute();

    /** A reader's repeated views of an issue within this window count once. */
    @WithDefault("PT30M")
    Duration viewWindow();

    /** How often the scheduler looks for due issues (also read by {@code @Scheduled}). */
    @WithDefault("10s")
    String schedulePoll();

    /** How many due issues one scheduler run starts at most. */
    @WithDefault("100")
    int scheduleBatch();
}
