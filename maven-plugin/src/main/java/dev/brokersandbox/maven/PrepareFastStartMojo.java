package dev.brokersandbox.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;

/**
 * Sets the {@code argLine} property that Surefire and Failsafe read (as JaCoCo's
 * {@code prepare-agent} does) so test JVMs start the brokers fast:
 * <ul>
 *   <li>{@code -XX:TieredStopAtLevel=1}: no C2, which takes about a third of the CPU of a cold start
 *       and pays only in JVMs that run far longer than a test suite;</li>
 *   <li>{@code -XX:SharedArchiveFile=<archive>}: the brokers' classes, already parsed and verified,
 *       from a class data sharing archive in the user's cache directory ({@code mvn clean} keeps it).
 *       The first build that needs one makes it, in a JVM of its own that starts the brokers once
 *       (a few seconds, once per JDK and sandbox version).</li>
 * </ul>
 * The flags are appended to the property's value: keep {@code <argLine>@{argLine} ...</argLine>}
 * if you configure Surefire's argLine yourself. A flag the argLine already sets
 * ({@code TieredStopAtLevel}, {@code -Xshare}, {@code SharedArchiveFile}, ...) is left to it. A build
 * never fails because of this goal: what it cannot do, it reports as a warning and leaves out.
 */
@Mojo(name = "prepare-fast-start", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES,
        requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class PrepareFastStartMojo extends AbstractMojo {

    /** Set to {@code trained}, {@code reused} or {@code none} after the goal, for whoever wants to know. */
    static final String STATE_PROPERTY = "brokersandbox.cds.state";
    private static final String SANDBOX_GROUP = "dev.brokersandbox";
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Leaves the argLine as it is. */
    @Parameter(property = "brokersandbox.fastStart.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Class data sharing: {@code auto} (the default) uses the archive, and makes it when missing,
     * except on CI ({@code CI=true}, as GitHub Actions, GitLab CI and most others set), where it uses
     * an archive restored from a cache but makes none: a fresh CI machine would pay the training in
     * every build and profit in none. {@code on} makes it on CI too; {@code off} adds no archive.
     */
    @Parameter(property = "brokersandbox.cds", defaultValue = "auto")
    private String cds;

    /** Adds {@code -XX:TieredStopAtLevel=1} (C1 only). */
    @Parameter(property = "brokersandbox.c1", defaultValue = "true")
    private boolean c1;

    /** The property to append to: {@code argLine} for Surefire and Failsafe. */
    @Parameter(property = "brokersandbox.propertyName", defaultValue = "argLine")
    private String propertyName;

    /**
     * The {@code java} that runs the tests, when Surefire's {@code jvm} names another than Maven's own
     * or the JDK toolchain's: the archive is made with it, as an archive only serves the JDK that
     * made it. Default: the JDK toolchain's {@code java} when the build selected one (as Surefire
     * does), else Maven's own.
     */
    @Parameter(property = "brokersandbox.jvm")
    private File jvm;

    /** Where archives are kept; default: the sandbox's cache directory ({@code brokersandbox.cache.dir}). */
    @Parameter(property = "brokersandbox.cache.dir")
    private File cacheDirectory;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Component
    private ToolchainManager toolchains;

    @Override
    public void execute() throws MojoExecutionException {
        Properties properties = project.getProperties();
        String argLine = properties.getProperty(propertyName);
        // Defined in every case, so that a Surefire <argLine>@{argLine} ...</argLine> never passes "@{argLine}" on.
        properties.setProperty(propertyName, argLine == null ? "" : argLine);
        if (skip) {
            getLog().info("Broker Sandbox fast start skipped");
            return;
        }
        List<Path> jars = testJars();
        List<Path> sandboxJars = sandboxJars();
        if (sandboxJars.isEmpty()) {
            getLog().info("Broker Sandbox fast start: no " + SANDBOX_GROUP + " jar on the test class path, argLine left as it is");
            return;
        }
        boolean addC1 = c1 && !JvmFlags.userChoseCompiler(argLine);
        Path archive = JvmFlags.userChoseCds(argLine) ? null : archive(sandboxJars, jars);
        String updated = JvmFlags.append(argLine, addC1, archive);
        properties.setProperty(propertyName, updated);
        getLog().info("Broker Sandbox fast start: " + propertyName + " set to " + updated);
        for (String ignoring : ArgLineUsers.ignoring(project.getBuildPlugins(), propertyName)) {
            getLog().warn("Broker Sandbox fast start: " + ignoring + " sets <argLine> without @{" + propertyName
                    + "}, so its test JVMs do not get these flags; begin it with @{" + propertyName + "}");
        }
    }

    /** The archive to use, made now if missing and allowed; null for none. */
    private Path archive(List<Path> sandboxJars, List<Path> jars) throws MojoExecutionException {
        String mode = cds == null ? "auto" : cds.trim().toLowerCase(Locale.ROOT);
        if (!List.of("auto", "on", "off").contains(mode)) {
            throw new MojoExecutionException("<cds>" + cds + "</cds> (or -Dbrokersandbox.cds) of broker-sandbox:prepare-fast-start: "
                    + "use auto (the default), on or off");
        }
        project.getProperties().setProperty(STATE_PROPERTY, "none");
        if (mode.equals("off")) {
            return null;
        }
        Path java = java();
        Path root = cacheDirectory != null ? cacheDirectory.toPath()
                : CacheDirectory.root(System.getProperties(), System.getenv());
        if (root == null) {
            getLog().warn("Broker Sandbox fast start: found no writable cache directory for the class data sharing archive; "
                    + "set -D" + CacheDirectory.PROPERTY + "=<a writable directory>. Tests run without it.");
            return null;
        }
        try {
            Path javaHome = java.toRealPath().getParent().getParent(); // /usr/bin/java is often a link into a JDK
            ArchiveStore store = new ArchiveStore(root);
            Path archive = store.archive("test", ArchiveKey.of(javaHome, sandboxJars, CdsTraining.source()));
            if (ArchiveStore.ready(archive)) {
                ArchiveStore.touch(archive);
                project.getProperties().setProperty(STATE_PROPERTY, "reused");
                return archive;
            }
            if (mode.equals("auto") && onCi(System.getenv())) {
                getLog().info("Broker Sandbox fast start: on CI (CI=true) no class data sharing archive is made "
                        + "(cache " + store.archive("test", "*") + " between builds, or set -Dbrokersandbox.cds=on)");
                return null;
            }
            return train(store, archive, java, root, jars);
        } catch (IOException e) {
            getLog().warn("Broker Sandbox fast start: no class data sharing archive (" + e.getMessage() + "); tests run without it");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while making the class data sharing archive", e);
        }
    }

    private Path train(ArchiveStore store, Path archive, Path java, Path root, List<Path> jars)
            throws IOException, InterruptedException {
        return ArchiveStore.locked(archive, TRAINING_TIMEOUT.plusMinutes(1), () -> {
            if (ArchiveStore.ready(archive)) { // another build made it while this one waited
                project.getProperties().setProperty(STATE_PROPERTY, "reused");
                return archive;
            }
            getLog().info("Broker Sandbox fast start: making a class data sharing archive (once per JDK and sandbox version) in " + archive);
            long start = System.nanoTime();
            Path written = store.temporary(archive);
            CdsTraining.run(java, jars, written, Path.of(project.getBuild().getDirectory(), "broker-sandbox-cds"), root,
                    TRAINING_TIMEOUT);
            ArchiveStore.adopt(written, archive);
            store.clean("test");
            getLog().info("Broker Sandbox fast start: archive made in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            project.getProperties().setProperty(STATE_PROPERTY, "trained");
            return archive;
        });
    }

    /** The test JVM's java: as Surefire picks it (its own jvm parameter aside, which the user repeats in ours). */
    private Path java() {
        if (jvm != null) {
            return jvm.toPath();
        }
        Toolchain jdk = toolchains == null || session == null ? null : toolchains.getToolchainFromBuildContext("jdk", session);
        String fromToolchain = jdk == null ? null : jdk.findTool("java");
        return fromToolchain != null ? Path.of(fromToolchain) : Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static boolean onCi(Map<String, String> environment) {
        return "true".equalsIgnoreCase(environment.getOrDefault("CI", "").trim());
    }

    private List<Path> testJars() throws MojoExecutionException {
        try {
            List<Path> jars = new ArrayList<>();
            for (String element : project.getTestClasspathElements()) {
                Path path = Path.of(element);
                if (Files.isRegularFile(path)) {
                    jars.add(path);
                }
            }
            return jars;
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the test class path of " + project.getId() + " is not resolved", e);
        }
    }

    private List<Path> sandboxJars() {
        List<Path> jars = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (SANDBOX_GROUP.equals(artifact.getGroupId()) && artifact.getFile() != null && artifact.getFile().isFile()
                    && (artifact.getArtifactId().equals("sandbox-core") || artifact.getArtifactId().equals("sandbox-runtime"))) {
                jars.add(artifact.getFile().toPath());
            }
        }
        jars.sort(null);
        return jars;
    }
}
