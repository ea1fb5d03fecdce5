package dev.brokersandbox.standalone;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link Launcher} run on a thread of this JVM, as {@code java -jar} would run it, with its output captured. */
final class RunningLauncher implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Launcher launcher = new Launcher(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private RunningLauncher(String... args) {
        Thread thread = new Thread(() -> exit.complete(launcher.run(args)), "launcher-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts the launcher and waits until it printed its banner, or failed. */
    static RunningLauncher start(String... args) throws Exception {
        RunningLauncher running = new RunningLauncher(args);
        long deadline = System.nanoTime() + START.toNanos();
        while (!running.out().contains("Stop with Ctrl+C.") && !running.exit.isDone()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The launcher printed no banner within " + START.toSeconds() + " s; out: "
                        + running.out() + " err: " + running.err());
            }
            Thread.sleep(20);
        }
        return running;
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The launcher's exit code once it ended by itself (a failed start), waiting at most {@link #STOP}. */
    int exitCode() throws Exception {
        return exit.get(STOP.toSeconds(), TimeUnit.SECONDS);
    }

    /** Ctrl+C, then the exit code. */
    int stop() throws Exception {
        launcher.requestStop();
        return exitCode();
    }

    int statusPort() {
        return bannerNumber("http://127\\.0\\.0\\.1:(\\d+)/");
    }

    int amqpPort() {
        return bannerNumber("AMQP 0-9-1 \\(RabbitMQ clients\\)\\s+127\\.0\\.0\\.1:(\\d+)");
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + bannerNumber("Kafka\\s+127\\.0\\.0\\.1:(\\d+)");
    }

    private int bannerNumber(String regex) {
        Matcher m = Pattern.compile(regex).matcher(out());
        if (!m.find()) {
            throw new AssertionError("The banner has no match for " + regex + ":\n" + out());
        }
        return Integer.parseInt(m.group(1));
    }

    @Override
    public void close() throws Exception {
        if (!exit.isDone()) {
            stop();
        }
    }
}
