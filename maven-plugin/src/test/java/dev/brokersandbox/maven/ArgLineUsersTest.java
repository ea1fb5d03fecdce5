package dev.brokersandbox.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

class ArgLineUsersTest {

    @Test
    void anArgLineThatKeepsThePropertyIsFine() {
        assertThat(ArgLineUsers.ignoring(List.of(plugin("maven-surefire-plugin", "@{argLine} -Xmx1g")), "argLine")).isEmpty();
        assertThat(ArgLineUsers.ignoring(List.of(plugin("maven-failsafe-plugin", "${argLine} -Xmx1g")), "argLine")).isEmpty();
    }

    @Test
    void anArgLineOfItsOwnIsNamed() {
        assertThat(ArgLineUsers.ignoring(List.of(plugin("maven-surefire-plugin", "-Xmx1g")), "argLine"))
                .containsExactly("maven-surefire-plugin");
    }

    @Test
    void anExecutionWithAnArgLineOfItsOwnIsNamedWithItsId() {
        Plugin failsafe = plugin("maven-failsafe-plugin", null);
        PluginExecution execution = new PluginExecution();
        execution.setId("slow-tests");
        execution.setConfiguration(configuration("-Xmx2g"));
        failsafe.addExecution(execution);
        assertThat(ArgLineUsers.ignoring(List.of(failsafe), "argLine")).containsExactly("maven-failsafe-plugin (execution slow-tests)");
    }

    @Test
    void otherPluginsAndNoArgLineAreFine() {
        assertThat(ArgLineUsers.ignoring(List.of(plugin("maven-compiler-plugin", "-Xmx1g"), plugin("maven-surefire-plugin", null)),
                "argLine")).isEmpty();
    }

    private static Plugin plugin(String artifactId, String argLine) {
        Plugin plugin = new Plugin();
        plugin.setArtifactId(artifactId);
        if (argLine != null) {
            plugin.setConfiguration(configuration(argLine));
        }
        return plugin;
    }

    private static Xpp3Dom configuration(String argLine) {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom child = new Xpp3Dom("argLine");
        child.setValue(argLine);
        configuration.addChild(child);
        return configuration;
    }
}
