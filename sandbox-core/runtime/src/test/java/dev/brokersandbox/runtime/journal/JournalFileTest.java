package dev.brokersandbox.runtime.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFileTest {

    private static final UUID QUEUE = UUID.randomUUID();
    private static final UUID OTHER_QUEUE = UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void aMissingJournalIsEmpty() throws IOException {
        JournalFile.Contents contents = JournalFile.read(dir.resolve("messages.journal"));

        assertThat(contents.messages()).isEmpty();
        assertThat(contents.instances()).isEmpty();
    }

    @Test
    void onlyMessagesStillEnqueuedSomewhereAreRead() throws IOException {
        Path file = dir.resolve("messages.journal");
        try (JournalFile journal = JournalFile.rewrite(file, new JournalFile.Contents(List.of(), List.of()))) {
            JournalFile.Transaction publish = new JournalFile.Transaction();
            publish.message(message(1, "one"));
            publish.enqueue(QUEUE, 1);
            publish.enqueue(OTHER_QUEUE, 1);
            publish.message(message(2, "two"));
            publish.enqueue(QUEUE, 2);
            journal.append(publish);
            JournalFile.Transaction consume = new JournalFile.Transaction();
            consume.dequeue(QUEUE, 1);
            consume.dequeue(QUEUE, 2);
            journal.append(consume);
        }

        JournalFile.Contents contents = JournalFile.read(file);

        assertThat(contents.instances()).containsExactly(new JournalFile.Instance(OTHER_QUEUE, 1));
        assertThat(contents.messages()).singleElement()
                .satisfies(m -> assertThat(new String(m.content())).isEqualTo("one"));
    }

    @Test
    void aTransactionCutOffByACrashIsIgnoredWholeAndTheOnesBeforeItKept() throws IOException {
        Path file = dir.resolve("messages.journal");
        try (JournalFile journal = JournalFile.rewrite(file, new JournalFile.Contents(List.of(), List.of()))) {
            JournalFile.Transaction publish = new JournalFile.Transaction();
            publish.message(message(1, "kept"));
            publish.enqueue(QUEUE, 1);
            journal.append(publish);
        }
        JournalFile.Transaction torn = new JournalFile.Transaction();
        torn.message(message(2, "torn"));
        torn.enqueue(QUEUE, 2);
        torn.dequeue(QUEUE, 1);
        byte[] whole = torn.toBuffer().array();
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 1), StandardOpenOption.APPEND);

        JournalFile.Contents contents = JournalFile.read(file);

        assertThat(contents.instances()).containsExactly(new JournalFile.Instance(QUEUE, 1));
        assertThat(contents.messages()).extracting(m -> new String(m.content())).containsExactly("kept");
    }

    @Test
    void rewritingKeepsExactlyTheContentsAndAppendsAfterThem() throws IOException {
        Path file = dir.resolve("messages.journal");
        JournalFile.Contents live = new JournalFile.Contents(List.of(message(7, "seven")),
                List.of(new JournalFile.Instance(QUEUE, 7)));
        try (JournalFile journal = JournalFile.rewrite(file, live)) {
            JournalFile.Transaction more = new JournalFile.Transaction();
            more.message(message(8, "eight"));
            more.enqueue(QUEUE, 8);
            journal.append(more);
        }

        assertThat(JournalFile.read(file).instances())
                .containsExactly(new JournalFile.Instance(QUEUE, 7), new JournalFile.Instance(QUEUE, 8));
        assertThat(Files.exists(dir.resolve("messages.journal.next"))).isFalse();
    }

    @Test
    void aFileThatIsNoJournalIsRefusedByName() throws IOException {
        Path file = Files.writeString(dir.resolve("messages.journal"), "not a journal");

        assertThatThrownBy(() -> JournalFile.read(file))
                .hasMessage(file + " is not a Broker Sandbox message journal");
    }

    private static JournalFile.StoredRecord message(long id, String content) {
        return new JournalFile.StoredRecord(id, new byte[] {0, 1, 2}, content.getBytes());
    }
}
