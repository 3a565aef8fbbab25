package dev.gazette.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.WebDriver;

/** axe-core run in the browser's current page: no serious or critical violation of WCAG rules. */
public final class Accessibility {

    private Accessibility() {
    }

    public static void assertNoSeriousViolations(WebDriver browser) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser);
        List<String> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(Accessibility::describe).toList();
        assertThat(serious).as("axe-core on " + browser.getCurrentUrl()).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(3).toList();
    }
}
