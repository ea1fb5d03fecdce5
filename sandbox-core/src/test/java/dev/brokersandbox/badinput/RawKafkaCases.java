package dev.brokersandbox.badinput;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import dev.brokersandbox.badinput.KafkaBadInputTest.Case;

/**
 * The bad-input catalogue's Kafka cases on a raw socket: bytes that are not a Kafka request, a
 * request Kafka cannot take, a connection the client half-closes, many quick connections. Kafka
 * answers what it cannot read by ending the socket without a word.
 */
final class RawKafkaCases {

    private RawKafkaCases() {
    }

    @FunctionalInterface
    private interface Send {
        String answer(RawKafka kafka) throws IOException;
    }

    static List<Case> cases(Supplier<String> bootstrapServers, Duration wait) {
        return List.of(
                raw("an HTTP request", bootstrapServers, wait,
                        kafka -> kafka.raw("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(US_ASCII)).answer(),
                        "end"),
                raw("a TLS client hello", bootstrapServers, wait,
                        kafka -> kafka.raw(new byte[] {0x16, 3, 1, 0, (byte) 0xa5, 1, 0, 0, (byte) 0xa1, 3, 3}).answer(),
                        "end"),
                raw("a request size of 2 GiB", bootstrapServers, wait,
                        kafka -> kafka.raw(new byte[] {0x7f, -1, -1, -1, 0, 18, 0, 0}).answer(), "end"),
                raw("a negative request size", bootstrapServers, wait,
                        kafka -> kafka.raw(new byte[] {-1, -1, -1, -2, 0, 18, 0, 0}).answer(), "end"),
                raw("a request of an API key Kafka does not have", bootstrapServers, wait,
                        kafka -> kafka.request(new byte[] {0x27, 0x0f, 0, 0, 0, 0, 0, 1, 0, 0}).answer(), "end"),
                raw("a request header cut short", bootstrapServers, wait,
                        kafka -> kafka.request(new byte[] {0, 18, 0}).answer(), "end"),
                raw("an ApiVersions request of a version Kafka does not have", bootstrapServers, wait,
                        kafka -> kafka.request(RawKafka.apiVersions(127, 7)).apiVersionsAnswer(),
                        "correlation id 7, error 35, ApiVersions 0 to 5"),
                raw("nothing, then the client's end of the socket closed", bootstrapServers, wait,
                        kafka -> kafka.endOutput().answer(), "end"),
                raw("half a request size, then the client's end closed", bootstrapServers, wait,
                        kafka -> kafka.raw(new byte[] {0, 0}).endOutput().answer(), "end"),
                raw("half a request, then the client's end closed", bootstrapServers, wait,
                        kafka -> kafka.raw(new byte[] {0, 0, 0, 20, 0, 18}).endOutput().answer(), "end"),
                new Case("a thousand quick connections, each asking for the API versions", () -> {
                    int answered = 0;
                    for (int i = 0; i < 1_000; i++) {
                        try (RawKafka kafka = new RawKafka(bootstrapServers.get(), wait)) {
                            if (kafka.request(RawKafka.apiVersions(0, i)).apiVersionsAnswer()
                                    .startsWith("correlation id " + i + ", error 0, ")) {
                                answered++;
                            }
                        }
                    }
                    return answered + " answered";
                }, "1000 answered"));
    }

    private static Case raw(String name, Supplier<String> bootstrapServers, Duration wait, Send send, String answer) {
        return new Case(name, () -> {
            try (RawKafka kafka = new RawKafka(bootstrapServers.get(), wait)) {
                return send.answer(kafka);
            }
        }, answer);
    }
}
