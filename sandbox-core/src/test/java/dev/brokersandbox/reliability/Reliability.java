package dev.brokersandbox.reliability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A class of the reliability group: tagged {@code reliability}, which sandbox-core's POM runs in a
 * JVM of its own with a temp directory of its own ({@code target/reliability-tmp}), so that the
 * threads, files and temp entries a test counts are the group's alone. Alone:
 * {@code mvn -pl sandbox-core test-compile surefire:test@reliability}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("reliability")
@ExtendWith(Reliability.TempDirectory.class)
public @interface Reliability {

    /** Creates the temp directory the POM names: a clean build has not made it yet. */
    final class TempDirectory implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            Files.createDirectories(Footprint.temp());
        }
    }
}
