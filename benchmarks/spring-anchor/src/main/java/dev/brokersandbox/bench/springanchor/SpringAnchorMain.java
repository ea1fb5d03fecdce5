package dev.brokersandbox.bench.springanchor;

import java.util.Map;

import dev.brokersandbox.bench.common.JUnitRun;
import dev.brokersandbox.bench.common.Report;
import org.springframework.boot.SpringBootVersion;

/**
 * The anchor's side of the Spring measure: the ten-class Spring suite with @EmbeddedKafka in a
 * fresh JVM, sharing one cached context ({@code suite}) or a context per class ({@code suite-dirties}).
 */
public final class SpringAnchorMain {

    private SpringAnchorMain() {
    }

    public static void main(String[] args) {
        Report.put("main_ms", Report.sinceJvmStartMs());
        String mode = args.length == 0 ? "suite" : args[0];
        switch (mode) {
            case "suite" -> JUnitRun.run(SpringSuiteFixture.CLASSES, Map.of());
            case "suite-dirties" -> JUnitRun.run(DirtiesSuiteFixture.CLASSES, Map.of());
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        Report.put("spring_boot_version", SpringBootVersion.getVersion());
        Report.put("junit_version", org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion());
        Report.put("done", 1);
        System.exit(0);
    }
}
