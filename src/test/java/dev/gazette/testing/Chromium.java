package dev.gazette.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for browser tests, in a fresh profile that reaches nothing but this
 * machine. Skips the test when the browser is not installed, except under {@code CI=true}, where
 * that is a failure. Start it from {@code @BeforeEach}: from {@code @BeforeAll} a skip is not reported.
 */
public final class Chromium implements AutoCloseable {

    /** Debian's paths, unless the environment names others. */
    private static final Path BINARY = Path.of(System.getenv().getOrDefault("GAZETTE_TEST_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(
            System.getenv().getOrDefault("GAZETTE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final WebDriver driver;
    private final Path profile;

    private Chromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Chromium start() throws IOException {
        boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + BINARY + " or " + DRIVER
                    + " is missing: apt-get install -y chromium chromium-driver fonts-nanum");
        }
        Assumptions.assumeTrue(installed, "Browser test skipped: " + BINARY + " and " + DRIVER
                + " are needed (apt-get install -y chromium chromium-driver fonts-nanum)");
        Path profile = Files.createTempDirectory("gazette-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=1000,1600", "--lang=ko-KR",
                "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Keeps what the browser shows as {@code target/screenshots/<name>}; returns the file. */
    public Path screenshot(String name) throws IOException {
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        return Files.copy(shot, screenshots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
