package fr.vigie.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import fr.vigie.server.AbstractFhirIT;
import fr.vigie.server.TestTokens;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboards in a real headless browser: Debian's {@code chromium} driven through its {@code chromedriver} by
 * Selenium (nothing downloaded: both paths are given explicitly, so Selenium Manager never runs), signed in as the
 * read-only client {@code vigie-dashboard}.
 *
 * <p>Without {@code chromium} and {@code chromium-driver} the browser tests fail with what to install (CI installs
 * them, see {@code .ci/run}); a developer without them may skip these tests explicitly with
 * {@code -Dvigie.it.browser.skip=true}. Paths: {@code -Dvigie.it.chromium} (default {@code /usr/bin/chromium}) and
 * {@code -Dvigie.it.chromedriver} ({@code /usr/bin/chromedriver}). Screenshots go to {@code target/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractDashboardIT extends AbstractFhirIT {

    static final String SKIP_PROPERTY = "vigie.it.browser.skip";
    protected static final Duration WAIT = Duration.ofSeconds(60);
    protected static final String SECRET = TestTokens.SECRETS.get("vigie-dashboard");

    protected final HttpClient http = HttpClient.newHttpClient();
    private WebDriver driver;
    private Path userDataDir;

    @AfterAll
    void quitBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (userDataDir != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(userDataDir);
        }
    }

    /** Opens a dashboard page with an empty session: the sign-in form shows. */
    protected WebDriver open(String path) throws IOException {
        WebDriver browser = browser();
        browser.get(serverUrl() + path);
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        return browser;
    }

    protected HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverUrl() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The browser, started once; fails with what to install when Chromium or its driver is missing. */
    protected WebDriver browser() throws IOException {
        if (driver != null) {
            return driver;
        }
        Assumptions.assumeThat(Boolean.getBoolean(SKIP_PROPERTY))
                .as("browser tests skipped on request (-D%s=true)", SKIP_PROPERTY)
                .isFalse();
        Path chromium = executable("vigie.it.chromium", "/usr/bin/chromium", "chromium");
        Path chromedriver = executable("vigie.it.chromedriver", "/usr/bin/chromedriver", "chromium-driver");
        userDataDir = Files.createTempDirectory("vigie-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,3400",
                "--user-data-dir=" + userDataDir);
        Files.createDirectories(Path.of("target"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        driver = new ChromeDriver(service, options);
        return driver;
    }

    private static Path executable(String property, String defaultPath, String debianPackage) {
        Path path = Path.of(System.getProperty(property, defaultPath));
        if (!Files.isExecutable(path)) {
            fail(path + " is missing: the dashboard tests drive Debian's Chromium. Install it (apt-get install"
                    + " chromium chromium-driver), point -D" + property + " at it, or skip the browser tests with -D"
                    + SKIP_PROPERTY + "=true. Package: " + debianPackage);
        }
        return path;
    }

    protected static void signIn(WebDriver browser, String secret) {
        new WebDriverWait(browser, WAIT)
                .until(d -> d.findElement(By.id("client-secret")).isDisplayed());
        browser.findElement(By.id("client-secret")).sendKeys(secret);
        browser.findElement(By.id("signin-button")).click();
    }

    protected static void waitFor(WebDriver browser, String css, String expected) {
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> css + " should read " + expected + "; status: "
                        + browser.findElement(By.id("status")).getText())
                .until(d -> expected.equals(d.findElement(By.cssSelector(css)).getText()));
    }

    protected static void waitForView(WebDriver browser, String view) {
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> "the page should show " + view + "; status: "
                        + browser.findElement(By.id("status")).getText() + "; error: "
                        + browser.findElement(By.id("load-error")).getText())
                .until(d -> view.equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
    }

    protected static String text(WebDriver browser, String css) {
        return normalise(browser.findElement(By.cssSelector(css)).getText());
    }

    protected static String caption(WebDriver browser, String tableId) {
        return text(browser, "#" + tableId + " caption");
    }

    /** A table's rows as the user reads them (header, body, footer), spaces normalised. */
    @SuppressWarnings("unchecked")
    protected static List<List<String>> table(WebDriver browser, String id) {
        Object rows = ((JavascriptExecutor) browser)
                .executeScript(
                        "const t = document.getElementById(arguments[0]);"
                                + " return t ? [...t.rows].map(r => [...r.cells].map(c => c.innerText)) : null;",
                        id);
        assertThat(rows).as("table #" + id).isNotNull();
        return ((List<List<String>>) rows)
                .stream()
                        .map(row ->
                                row.stream().map(AbstractDashboardIT::normalise).toList())
                        .toList();
    }

    /** French number formats use narrow no-break spaces; tests compare with plain ones. */
    protected static String normalise(String text) {
        return text.replace('\u202f', ' ').replace('\u00a0', ' ').strip();
    }

    /** Saves what the browser shows to {@code target/<name>.png}. */
    protected static void screenshot(WebDriver browser, String name) {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), Path.of("target", name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
