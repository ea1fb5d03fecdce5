package dev.brokersandbox.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void theArchivesGoWhereTheBrokersRuntimeIsUnpacked() {
        assertThat(CacheDirectory.root(System.getProperties(), System.getenv())).isEqualTo(dev.brokersandbox.internal.CacheDirectory.root());
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        Properties system = new Properties();
        system.setProperty("brokersandbox.cache.dir", dir.resolve("property").toString());
        assertThat(CacheDirectory.root(system, Map.of("BROKERSANDBOX_CACHE_DIR", dir.resolve("env").toString())))
                .isEqualTo(dir.resolve("property"));
    }

    @Test
    void withoutConfigurationItIsTheXdgCacheDirectory() {
        Properties system = new Properties();
        system.setProperty("os.name", "Linux");
        system.setProperty("user.home", dir.toString());
        system.setProperty("java.io.tmpdir", dir.toString());
        system.setProperty("user.name", "ann");
        assertThat(CacheDirectory.root(system, Map.of("XDG_CACHE_HOME", dir.resolve("xdg").toString())))
                .isEqualTo(dir.resolve("xdg").resolve("broker-sandbox"));
        assertThat(CacheDirectory.root(system, Map.of())).isEqualTo(dir.resolve(".cache").resolve("broker-sandbox"));
    }
}
