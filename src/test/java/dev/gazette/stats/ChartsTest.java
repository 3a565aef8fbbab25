package dev.gazette.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The inline SVG charts: one shape per value, labels escaped, drawn within the view box. */
class ChartsTest {

    @Test
    void barsDrawOneBarPerValueAndNegativeOnesBelowTheAxis() {
        String svg = Charts.bars("Tips <per> month", List.of("2026-10", "2026-11", "2026-12"), List.of(3.0, 0.0, -2.0));
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("aria-label=\"Tips &lt;per&gt; month\"")
                .doesNotContain("<per>");
        assertThat(svg.split("<rect class=\"bar\"", -1)).hasSize(4);
        assertThat(svg).contains("fill=\"#cf222e\"><title>2026-12: -2</title>");
    }

    @Test
    void linesDrawOnePolylinePerSeriesWithALegend() {
        String svg = Charts.lines("Growth", List.of("11-01", "11-02"),
                List.of(new Charts.Series("new", List.of(1.0, 4.0)), new Charts.Series("<b>", List.of(0.0, 2.0))));
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        assertThat(svg).contains(">new</text>").contains("&lt;b&gt;").doesNotContain("<b>");
        // the largest value at the top of the plot (y 28), zero at its bottom (y 184)
        assertThat(svg).contains("points=\"48.0,145.0 468.0,28.0\"").contains("points=\"48.0,184.0 468.0,106.0\"");
    }

    @Test
    void numbersReadWell() {
        assertThat(Charts.number(1234567)).isEqualTo("1,234,567");
        assertThat(Charts.number(0.25)).isEqualTo("0.250");
        assertThat(Charts.number(12.345)).isEqualTo("12.3");
    }
}
