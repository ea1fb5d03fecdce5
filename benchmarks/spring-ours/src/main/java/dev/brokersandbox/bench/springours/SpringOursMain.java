package dev.brokersandbox.bench.springours;

import java.util.Map;

import dev.brokersandbox.bench.common.JUnitRun;
import dev.brokersandbox.bench.common.Report;
import org.springframework.boot.SpringBootVersion;

/**
 * Our side of the Spring measure: the ten-class Spring suite in a fresh JVM ({@code BENCH} lines as
 * the other sides); mode {@code suite} starts the brokers in the JVM, {@code suite-reuse} attaches
 * to this machine's reuse launcher.
 */
public final class SpringOursMain {

    private SpringOursMain() {
    }

    public static void main(String[] args) {
        Report.put("main_ms", Report.sinceJvmStartMs());
        String mode = args.length == 0 ? "suite" : args[0];
        switch (mode) {
            case "suite" -> { }
            // A system property, as a user's -D or junit-platform.properties: Spring builds the application
            // context before JUnit hands the extension the launcher's configuration parameters.
            case "suite-reuse" -> System.setProperty("brokersandbox.reuse", "true");
            default -> throw new IllegalArgumentException("unknown mode " + mode + ": suite or suite-reuse");
        }
        JUnitRun.run(SpringSuiteFixture.CLASSES, Map.of());
        Report.put("spring_boot_version", SpringBootVersion.getVersion());
        Report.put("junit_version", org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion());
        Report.put("done", 1);
        // The application context and the brokers close in the shutdown hooks, after the figures.
        System.exit(0);
    }
}
