package org.opensmm.web;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's headless chromium driven through Debian's chromedriver (Selenium), against a panel on 127.0.0.1. Waits are
 * generous: the machine may be loaded.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    final ChromeDriver driver;
    final String base;

    Browser(String base) {
        this.base = base;
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-dev-shm-usage", "--window-size=1280,900");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
    }

    void open(String path) { driver.get(base + path); }

    WebElement find(String css) { return waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css))); }

    boolean present(String css) { return !driver.findElements(By.cssSelector(css)).isEmpty(); }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    /** Clicks and waits until the browser is on a new page (the old one's body went stale). */
    void submit(String css) {
        WebElement body = driver.findElement(By.tagName("body"));
        find(css).click();
        // any error about the old body means it is gone: mid-navigation chromedriver may say "does not belong to the
        // document" instead of "stale element"
        waitFor().until(d -> {
            try {
                body.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }

    /** A bounded wait; an element replaced while it is read (a form swapped in place by the script) is read again. */
    WebDriverWait waitFor() {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    String path() { return driver.getCurrentUrl().substring(base.length()); }

    Object script(String js, Object... args) { return ((JavascriptExecutor) driver).executeAsyncScript(js, args); }

    void screenshots(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            for (int width : new int[] {1280, 360}) {
                driver.manage().window().setSize(new Dimension(width, 900));
                driver.navigate().refresh();
                byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
                Files.write(SCREENSHOTS.resolve(name + "-" + width + ".png"), png);
            }
            driver.manage().window().setSize(new Dimension(1280, 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver raw() { return driver; }

    @Override public void close() { driver.quit(); }
}
