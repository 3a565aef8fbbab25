package dev.gazette.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.eclipse.microprofile.config.ConfigProvider;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for browser tests, with a fresh profile and no calls to outside
 * hosts. Tests do not start it themselves: {@link Browser} starts one per test run and hands it to
 * each test as a parameter.
 */
public final class Chromium implements AutoCloseable {

    /** A computer's window and a phone's, for the pages' screenshots. */
    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    /** Debian's paths, unless the environment names others. */
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("GAZETTE_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(
            System.getenv().getOrDefault("GAZETTE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Dimension WINDOW = new Dimension(1000, 1600);

    private final WebDriver driver;
    private final Path profile;

    private Chromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static Chromium start() throws IOException {
        Path profile = Files.createTempDirectory("gazette-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=" + WINDOW.width + "," + WINDOW.height, "--lang=ko-KR",
                "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, profile);
    }

    /** What one test left behind goes before the next: its page, its window size, its cookies. */
    void reset() {
        driver.get("about:blank");
        driver.manage().window().setSize(WINDOW);
        driver.manage().deleteAllCookies();
        consoleErrors();
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the application under test and waits for its heading. */
    public void open(String path) {
        driver.get(url(path));
        waitFor(d -> !d.findElements(By.cssSelector("h1")).isEmpty());
    }

    /** The browser holds this account's session, as the login form would have left it. */
    public void logIn(String token) {
        driver.get(url("/login"));
        driver.manage().addCookie(new Cookie("gazette_session", token));
    }

    /**
     * Waits, up to a loaded machine's patience, until the page shows what the test waits for. An
     * element that went away while it was looked at (the page was replaced by a form's answer) is
     * looked for again.
     */
    public void waitFor(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /**
     * What the pages wrote to the console as errors since the last call (failed scripts, failed
     * loads, uncaught exceptions); reading them empties the list.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .toList();
    }

    /** The page is no wider than the window: nothing scrolls sideways on a phone. */
    public long pageWidth() {
        return (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
    }

    private static String url(String path) {
        String base = ConfigProvider.getConfig().getOptionalValue("test.url", String.class)
                .orElseThrow(() -> new IllegalStateException("no test.url: not inside a Quarkus test"));
        return base.replaceAll("/$", "") + path;
    }

    /**
     * The page as a writer meets it: axe finds nothing serious, no script failed, it fits a phone;
     * screenshots at a computer's and a phone's width under {@code target/screenshots/<name>-desktop.png}
     * and {@code -phone.png}. The window is left at a computer's width.
     */
    public void checkPage(String name) throws IOException {
        Accessibility.assertNoSeriousViolations(driver);
        List<String> errors = consoleErrors();
        if (!errors.isEmpty()) {
            throw new AssertionError("console errors on " + driver.getCurrentUrl() + ": " + errors);
        }
        screenshot(name + "-desktop.png");
        driver.manage().window().setSize(PHONE);
        screenshot(name + "-phone.png");
        long width = pageWidth();
        driver.manage().window().setSize(DESKTOP);
        if (width > PHONE.width) {
            throw new AssertionError(driver.getCurrentUrl() + " is " + width + " px wide on a " + PHONE.width + " px phone");
        }
    }

    /** Keeps a screenshot of the page as a test artifact under {@code target/screenshots/}. */
    public Path screenshot(String name) throws IOException {
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        return Files.copy(shot, screenshots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
