package dev.brokersandbox.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Finds Surefire and Failsafe configurations whose own {@code <argLine>} replaces the property the
 * goal sets: the one mistake that silently loses the flags (JaCoCo users meet it as a missing report).
 */
final class ArgLineUsers {

    private static final Set<String> TEST_PLUGINS = Set.of("maven-surefire-plugin", "maven-failsafe-plugin");

    private ArgLineUsers() {
    }

    /** "maven-surefire-plugin" or "maven-failsafe-plugin (execution it)" for each that ignores the property. */
    static List<String> ignoring(List<Plugin> plugins, String property) {
        List<String> found = new ArrayList<>();
        for (Plugin plugin : plugins) {
            if (!TEST_PLUGINS.contains(plugin.getArtifactId())) {
                continue;
            }
            if (ignores(plugin.getConfiguration(), property)) {
                found.add(plugin.getArtifactId());
            }
            for (PluginExecution execution : plugin.getExecutions()) {
                if (ignores(execution.getConfiguration(), property)) {
                    found.add(plugin.getArtifactId() + " (execution " + execution.getId() + ")");
                }
            }
        }
        return found;
    }

    private static boolean ignores(Object configuration, String property) {
        if (!(configuration instanceof Xpp3Dom dom) || dom.getChild("argLine") == null) {
            return false;
        }
        String argLine = dom.getChild("argLine").getValue();
        return argLine != null && !argLine.contains("@{" + property + "}") && !argLine.contains("${" + property + "}");
    }
}
