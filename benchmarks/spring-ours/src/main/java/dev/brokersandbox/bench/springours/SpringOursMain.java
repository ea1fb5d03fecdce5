package dev.brokersandbox.bench.springours;

import java.util.Map;

import dev.brokersandbox.bench.common.JUnitRun;
import dev.brokersandbox.bench.common.Report;
import org.springframework.boot.SpringBootVersion;

/** Our side of the Spring measure: the ten-class Spring suite in a fresh JVM ({@code BENCH} lines as the other sides). */
public final class SpringOursMain {

    private SpringOursMain() {
    }

    public static void main(String[] args) {
        Report.put("main_ms", Report.sinceJvmStartMs());
        JUnitRun.run(SpringSuiteFixture.CLASSES, Map.of());
        Report.put("spring_boot_version", SpringBootVersion.getVersion());
        Report.put("junit_version", org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion());
        Report.put("done", 1);
        // The application context and the brokers close in the shutdown hooks, after the figures.
        System.exit(0);
    }
}
