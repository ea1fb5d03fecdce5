package dev.brokersandbox.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;

import dev.brokersandbox.KafkaUser;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.SandboxException;
import dev.brokersandbox.internal.BrokerLogLevels;
import dev.brokersandbox.internal.engine.ReuseLauncher;
import dev.brokersandbox.internal.management.ManagementApis;
import org.apache.kafka.clients.admin.Admin;
import sun.misc.Signal;

/**
 * {@code java -jar broker-sandbox.jar}: both brokers on the standard ports until Ctrl+C, for demos
 * and classrooms where clients in any language connect to {@code localhost}.
 *
 * <p>Exit codes: 0 after a clean stop (Ctrl+C or SIGTERM) or {@code --help}; 1 when the brokers
 * failed or {@code --status} found no sandbox; 2 for a command line or port it cannot use. With
 * {@code --ctl}, rabbitmqctl's: 0, 64 (usage), 69 (no sandbox), 70 (the command failed).
 */
public final class Launcher {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop = new CountDownLatch(1);

    Launcher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        OptionalInt tuned = TunedJvm.relaunch(args);
        if (tuned.isPresent()) {
            System.exit(tuned.getAsInt());
        }
        Launcher launcher = new Launcher(System.out, System.err);
        TunedJvm.stopWithParent(launcher::requestStop);
        // Ctrl+C and SIGTERM are a request to stop, answered with exit code 0 once everything is closed.
        Signal.handle(new Signal("INT"), s -> launcher.requestStop());
        Signal.handle(new Signal("TERM"), s -> launcher.requestStop());
        System.exit(launcher.run(args));
    }

    void requestStop() {
        stop.countDown();
    }

    int run(String... args) {
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args);
        } catch (LauncherOptions.UsageException e) {
            err.println("broker-sandbox: " + e.getMessage());
            return USAGE;
        }
        if (options.help) {
            out.print(LauncherOptions.USAGE);
            return OK;
        }
        if (options.status) {
            return printStatus(options.statusPort);
        }
        if (options.ctl != null) {
            return control(options.statusPort, options.ctl);
        }
        if (options.verbose) {
            System.setProperty(BrokerLogLevels.VERBOSE_PROPERTY, "true");
        }
        if (options.reuse) {
            var running = ReuseLauncher.read().filter(s -> !ReuseLauncher.isGone(s));
            if (running.isPresent()) {
                out.println("A reuse launcher already runs on this machine: pid " + running.get().pid() + ", version "
                        + running.get().version() + " (" + ReuseLauncher.stateFile() + "). Stop it with kill "
                        + running.get().pid() + " to start another.");
                return OK;
            }
        }
        String busy = busyPort(options);
        if (busy != null) {
            err.println("broker-sandbox: " + busy);
            return USAGE;
        }
        String exposure = exposureWarning(options.bind);
        if (exposure != null) {
            err.println(exposure);
        }
        return serve(options);
    }

    private int serve(LauncherOptions options) {
        long heapBefore = LessonDemo.usedHeap();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long startCall = System.currentTimeMillis();
        Sandbox sandbox;
        try {
            sandbox = build(options).start();
        } catch (SandboxException e) {
            err.println("broker-sandbox: could not start: " + e.getMessage());
            return e.getMessage().contains("already in use") ? USAGE : FAILED;
        }
        int code = OK;
        // Closed in reverse: the status page, its admin client, then the brokers.
        try (sandbox;
             Admin admin = sandbox.hasKafka() ? sandbox.kafka().admin() : null;
             StatusServer status = StatusServer.start(options.statusPort,
                     () -> new StatusReport(sandbox, admin).render(), args -> NodeCommands.run(sandbox, args),
                     sandbox.hasAmqp() ? ManagementApis.of(sandbox.amqp()) : null,
                     options.reuse ? new TopicsEndpoint(sandbox.kafka()) : null)) {
            long ready = System.currentTimeMillis();
            out.printf("%nBoth brokers ready in %d ms (%d ms after the JVM started).%n", ready - startCall,
                    ready - ManagementFactory.getRuntimeMXBean().getStartTime());
            out.print(Banner.text(sandbox, options, status.port()));
            if (options.reuse) {
                ReuseLauncher.register(new ReuseLauncher.State(ReuseLauncher.version(), ProcessHandle.current().pid(),
                        sandbox.kafka().bootstrapServers(), sandbox.kafka().brokerCount(), sandbox.amqp().port(),
                        status.port(), ReuseLauncher.TOPICS_PATH));
                out.println("Reuse mode: test JVMs with brokersandbox.reuse=true attach to these brokers (state file "
                        + ReuseLauncher.stateFile() + ").");
            }
            out.flush();
            if (options.demo) {
                code = demo(sandbox, heapBefore, threadsBefore);
            } else {
                awaitStop();
            }
            out.println("Stopping the brokers...");
        } finally {
            if (options.reuse) {
                ReuseLauncher.unregister(ProcessHandle.current().pid());
            }
        }
        out.println("Stopped." + (options.dataDir == null ? " Temp dirs removed." : " Data kept in " + options.dataDir));
        return code;
    }

    private int demo(Sandbox sandbox, long heapBefore, int threadsBefore) {
        try {
            LessonDemo.run(sandbox, out, heapBefore, threadsBefore);
            return OK;
        } catch (Exception e) {
            err.println("broker-sandbox: the demo failed: " + e);
            return FAILED;
        }
    }

    private static Sandbox.Builder build(LauncherOptions options) {
        Sandbox.Builder builder = Sandbox.builder().bindAddress(options.bind);
        if (options.kafka) {
            builder.kafkaPort(options.kafkaPort).kafkaBrokers(options.kafkaBrokers)
                    .kafka(k -> options.topics.forEach(t -> k.topic(t.name(), t.partitions())));
        }
        if (options.amqp) {
            builder.amqpPort(options.amqpPort)
                    .amqp(a -> options.queues.forEach(q -> a.queue(q.name(), q.durable(), java.util.Map.of())));
        }
        if (options.dataDir != null) {
            builder.dataDirectory(options.dataDir);
        }
        if (options.tls) {
            builder.tls();
        }
        if (options.kafkaSasl != null) {
            List<KafkaUser> users = options.kafkaUsers;
            builder.kafkaSasl(options.kafkaSasl, users.get(0),
                    users.subList(1, users.size()).toArray(KafkaUser[]::new));
        }
        return builder;
    }

    private void awaitStop() {
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int printStatus(int port) {
        try {
            out.print(StatusServer.fetch(port));
            return OK;
        } catch (ConnectException e) {
            err.println("broker-sandbox: no sandbox answers on 127.0.0.1:" + port + "; start one with "
                    + "java -jar broker-sandbox.jar (or pass the --status-port it was started with)");
            return FAILED;
        } catch (IOException e) {
            err.println("broker-sandbox: could not read the status from 127.0.0.1:" + port + ": " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    private int control(int port, List<String> args) {
        try {
            NodeCommands.Result result = StatusServer.control(port, args);
            (result.exitCode() == NodeCommands.OK ? out : err).print(result.output());
            return result.exitCode();
        } catch (ConnectException e) {
            err.println("broker-sandbox: no sandbox answers on 127.0.0.1:" + port + "; start one with "
                    + "java -jar broker-sandbox.jar (or pass the --status-port it was started with, before --ctl)");
            return NodeCommands.UNAVAILABLE;
        } catch (IOException e) {
            err.println("broker-sandbox: could not run " + args + " on 127.0.0.1:" + port + ": " + e.getMessage());
            return NodeCommands.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NodeCommands.FAILED;
        }
    }

    /** Checked before anything starts, so that a busy port leaves nothing half-started and names its flag. */
    private static String busyPort(LauncherOptions o) {
        List<String> busy = new ArrayList<>();
        if (o.amqp) {
            check(o.bind, o.amqpPort, "AMQP", "--amqp-port", busy);
        }
        if (o.kafka) {
            check(o.bind, o.kafkaPort, "Kafka", "--kafka-port", busy);
        }
        check("127.0.0.1", o.statusPort, "the status page", "--status-port", busy);
        return busy.isEmpty() ? null : String.join("; ", busy);
    }

    private static void check(String host, int port, String what, String flag, List<String> busy) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            busy.add("port " + port + " on " + host + " (" + what + ") is already in use; choose another with "
                    + flag + " N, or " + flag + " 0 for a free one");
        }
    }

    /** The warning for a {@code --bind} address other hosts can reach, or null for a loopback one. */
    static String exposureWarning(String bind) {
        return isLoopback(bind) ? null : "WARNING: --bind " + bind + " exposes both brokers, with the well-known "
                + "guest/guest credentials, to every host that can reach this address.";
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
