package dev.gazette.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for browser tests, with a fresh profile and no calls to outside
 * hosts. Skips the test when the browser is not installed, except under {@code CI=true}, where
 * that is a failure. Start it from {@code @BeforeEach} (from {@code @BeforeAll} Surefire reports no
 * test and no reason) and close it from {@code @AfterEach}.
 */
public final class Chromium implements AutoCloseable {

    /** Debian's paths, unless the environment names others. */
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("GAZETTE_TEST_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(
            System.getenv().getOrDefault("GAZETTE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final WebDriver driver;
    private final Path profile;

    private Chromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Chromium startOrSkip() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install -y chromium chromium-driver fonts-nanum");
        }
        Assumptions.assumeTrue(installed, "Browser test skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                + " are needed (apt-get install -y chromium chromium-driver fonts-nanum)");
        Path profile = Files.createTempDirectory("gazette-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=1000,1600", "--lang=ko-KR",
                "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, profile);
    }

    public WebDriver driver() {
        return driver;
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
