package dev.brokersandbox.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrepareFastStartMojoTest {

    @Test
    void ciIsRecognisedByItsConventionalVariable() {
        assertThat(PrepareFastStartMojo.onCi(Map.of("CI", "true"))).isTrue();
        assertThat(PrepareFastStartMojo.onCi(Map.of("CI", "TRUE "))).isTrue();
        assertThat(PrepareFastStartMojo.onCi(Map.of("CI", "false"))).isFalse();
        assertThat(PrepareFastStartMojo.onCi(Map.of())).isFalse();
    }
}
