package fr.vigie.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.server.AbstractFhirIT;
import fr.vigie.server.missions.RegistryWarmUp;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code /dashboard/missions} in a real headless browser (Debian chromium and chromedriver, driven by Selenium; no
 * browser download): signs in with a read-only client, picks the fixture's year and reads the figures shown. The
 * screenshot is kept as {@code target/dashboard-missions.png}.
 */
class MissionsDashboardIT extends AbstractFhirIT {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private void importFixture() throws Exception {
        RegistryWarmUp.validateOnce(baseUrl(), adminAuthorization());
        byte[] csv = Files.readAllBytes(Path.of("src/test/resources/fixtures/registry/dashboard-missions.csv"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(serverUrl() + "/import/registry?format=csv&source=dashboard-missions.csv"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", adminAuthorization())
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"rowsRead\":5").contains("\"rejected\":[]");
    }

    private static WebDriver browser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--window-size=1400,2200");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @Test
    void showsTheMissionFiguresOfTheFixtureAfterSigningIn() throws Exception {
        assertThat(Path.of(CHROMIUM)).as("Debian package chromium").exists();
        assertThat(Path.of(CHROMEDRIVER)).as("Debian package chromium-driver").exists();
        importFixture();
        Path profile = Files.createTempDirectory("vigie-chromium-");
        WebDriver driver = browser(profile);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get(serverUrl() + "/dashboard/missions");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("vigie-signin-form")));

            // a wrong secret is refused on the page, no data shown
            driver.findElement(By.id("vigie-client-id")).clear();
            driver.findElement(By.id("vigie-client-id")).sendKeys("test-ars");
            driver.findElement(By.id("vigie-client-secret")).sendKeys("not-the-secret");
            driver.findElement(By.id("vigie-signin-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("vigie-signin-error"), "refused"));
            assertThat(driver.findElement(By.id("vigie-content")).isDisplayed()).isFalse();

            driver.findElement(By.id("vigie-client-secret")).sendKeys("test-ars-secret");
            driver.findElement(By.id("vigie-signin-button")).click();
            try {
                new WebDriverWait(driver, Duration.ofSeconds(90))
                        .until(ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("#year option[value='2019']")));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("no year 2019 on the page; status: " + text(driver, "status"), e);
            }
            new Select(driver.findElement(By.id("year"))).selectByValue("2019");
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-rendered", "2019"));

            assertThat(text(driver, "kpi-source")).isEqualTo("mission-aggregate");
            assertThat(text(driver, "kpi-total")).isEqualTo("5");
            assertThat(text(driver, "kpi-primary")).isEqualTo("2");
            assertThat(text(driver, "kpi-secondary")).isEqualTo("3");
            assertThat(text(driver, "kpi-primary-share")).isEqualTo("40 %");
            assertThat(text(driver, "kpi-night")).isEqualTo("2");
            assertThat(text(driver, "kpi-flight")).isEqualTo("5");
            // every chart drew a canvas
            assertThat(driver.findElements(By.cssSelector(".chart canvas"))).hasSize(8);

            Path screenshot = Path.of("target", "dashboard-missions.png");
            Files.createDirectories(screenshot.getParent());
            Files.copy(
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                    screenshot,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.quit();
        }
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }
}
