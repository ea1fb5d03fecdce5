package dev.brokersandbox.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;

import org.apache.maven.model.Build;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareFastStartMojoTest {

    @TempDir
    Path dir;

    @Test
    void ciIsRecognisedByItsConventionalVariable() {
        assertThat(PrepareFastStartMojo.onCi(Map.of("CI", "true"))).isTrue();
        assertThat(PrepareFastStartMojo.onCi(Map.of("CI", "TRUE "))).isTrue();
        assertThat(PrepareFastStartMojo.onCi(Map.of("CI", "false"))).isFalse();
        assertThat(PrepareFastStartMojo.onCi(Map.of())).isFalse();
    }

    @Test
    void aSkippedGoalStillDefinesTheArgLineSoThatAtArgLineResolves() throws Exception {
        MavenProject project = project();
        PrepareFastStartMojo mojo = mojo(project);
        set(mojo, "skip", true);

        mojo.execute();

        assertThat(project.getProperties().getProperty("argLine")).isEmpty();
    }

    @Test
    void withoutTheSandboxOnTheTestClassPathTheArgLineStaysAsItWas() throws Exception {
        MavenProject project = project();
        project.getProperties().setProperty("argLine", "-Xmx1g");

        mojo(project).execute();

        assertThat(project.getProperties().getProperty("argLine")).isEqualTo("-Xmx1g");
    }

    private MavenProject project() {
        MavenProject project = new MavenProject();
        Build build = new Build();
        build.setDirectory(dir.resolve("target").toString());
        build.setOutputDirectory(dir.resolve("target/classes").toString());
        build.setTestOutputDirectory(dir.resolve("target/test-classes").toString());
        project.setBuild(build);
        return project;
    }

    private static PrepareFastStartMojo mojo(MavenProject project) throws ReflectiveOperationException {
        PrepareFastStartMojo mojo = new PrepareFastStartMojo();
        set(mojo, "project", project);
        set(mojo, "propertyName", "argLine");
        set(mojo, "cds", "auto");
        set(mojo, "c1", true);
        return mojo;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
