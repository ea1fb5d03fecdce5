package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every socket the brokers listen on is bound to 127.0.0.1, never to the wildcard address. */
class LoopbackOnlyTest {

    private static final String LISTEN = "0A";
    /** ::ffff:a.b.c.d, how Java's dual-stack sockets bound to an IPv4 address appear in /proc/net/tcp6. */
    private static final String V4_MAPPED = "0000000000000000FFFF0000";

    @Test
    void everyListeningSocketOfThisJvmIsOnLoopback() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc to list this JVM's sockets");
        try (Sandbox sandbox = Sandbox.builder().start()) {
            List<String> listeners = listeningAddressesOfThisProcess();
            assertThat(listeners)
                    .as("listening sockets of this JVM (hex address:port from /proc/net/tcp and tcp6)")
                    .hasSizeGreaterThanOrEqualTo(3)
                    .allMatch(address -> address.startsWith("0100007F:"), "is on 127.0.0.1");
            assertThat(listeners).contains(String.format("0100007F:%04X", sandbox.amqp().port()));
            int kafkaPort = Integer.parseInt(sandbox.kafka().bootstrapServers().split(":")[1]);
            assertThat(listeners).contains(String.format("0100007F:%04X", kafkaPort));
        }
    }

    /** Local addresses of sockets in state LISTEN whose inode is one of this process's file descriptors. */
    private static List<String> listeningAddressesOfThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing: not a listener of interest
                }
            });
        }
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    addresses.add(f[1].startsWith(V4_MAPPED) ? f[1].substring(V4_MAPPED.length()) : f[1]);
                }
            }
        }
        return addresses;
    }
}
