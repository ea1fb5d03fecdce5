package dev.brokersandbox.runtime.journal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The journal's file format, free of Qpid types: an append-only log of committed transactions.
 * Each transaction is its message, enqueue and dequeue records followed by a commit marker, written
 * with one {@code write} and forced to disk before the commit returns. Reading stops at the first
 * transaction without its marker (a crash in mid-write), so a torn tail is ignored, never half-applied.
 */
final class JournalFile implements AutoCloseable {

    private static final int MAGIC = 0x42534a31; // "BSJ1"
    private static final byte MESSAGE = 'M';
    private static final byte ENQUEUE = 'E';
    private static final byte DEQUEUE = 'D';
    private static final byte COMMIT = 'C';

    /** A stored message: Qpid's metadata (type ordinal first) and its content, as bytes. */
    record StoredRecord(long id, byte[] metaData, byte[] content) {
    }

    record Instance(UUID queue, long messageId) {
    }

    /** What the journal holds once every committed transaction is applied: only what is still enqueued. */
    record Contents(List<StoredRecord> messages, List<Instance> instances) {
    }

    private final FileChannel channel;

    private JournalFile(FileChannel channel) {
        this.channel = channel;
    }

    /** Reads {@code file} (a missing one is empty) and applies its committed transactions. */
    static Contents read(Path file) throws IOException {
        Map<Long, StoredRecord> messages = new LinkedHashMap<>();
        Set<Instance> instances = new LinkedHashSet<>();
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of());
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a Broker Sandbox message journal");
            }
            Map<Long, StoredRecord> pendingMessages = new LinkedHashMap<>();
            List<Instance> pendingEnqueues = new ArrayList<>();
            List<Instance> pendingDequeues = new ArrayList<>();
            while (true) {
                int type;
                try {
                    type = in.read();
                    if (type < 0) {
                        break;
                    }
                    switch (type) {
                        case MESSAGE -> {
                            long id = in.readLong();
                            byte[] meta = readBytes(in);
                            pendingMessages.put(id, new StoredRecord(id, meta, readBytes(in)));
                        }
                        case ENQUEUE -> pendingEnqueues.add(readInstance(in));
                        case DEQUEUE -> pendingDequeues.add(readInstance(in));
                        case COMMIT -> {
                            messages.putAll(pendingMessages);
                            instances.addAll(pendingEnqueues);
                            pendingDequeues.forEach(instances::remove);
                            pendingMessages.clear();
                            pendingEnqueues.clear();
                            pendingDequeues.clear();
                        }
                        default -> throw new IOException(file + " is damaged: unknown record type " + type);
                    }
                } catch (EOFException tornTail) {
                    break;
                }
            }
        }
        Set<Long> live = new LinkedHashSet<>();
        instances.forEach(i -> live.add(i.messageId()));
        List<StoredRecord> liveMessages = new ArrayList<>();
        for (long id : live) {
            StoredRecord message = messages.get(id);
            if (message == null) {
                throw new IOException(file + " is damaged: message " + id + " is enqueued but was never stored");
            }
            liveMessages.add(message);
        }
        return new Contents(liveMessages, List.copyOf(instances));
    }

    /**
     * Replaces {@code file} with a journal holding exactly {@code contents} (written beside it and
     * moved into place, so a crash leaves the old or the new one), and opens it for appending.
     */
    static JournalFile rewrite(Path file, Contents contents) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Transaction all = new Transaction();
        contents.messages().forEach(all::message);
        contents.instances().forEach(i -> all.enqueue(i.queue(), i.messageId()));
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, ByteBuffer.allocate(4).putInt(0, MAGIC));
            if (!all.isEmpty()) {
                writeFully(out, all.toBuffer());
            }
            out.force(true);
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new JournalFile(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    /** Appends one committed transaction and forces it to disk. */
    synchronized void append(Transaction transaction) throws IOException {
        writeFully(channel, transaction.toBuffer());
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }

    private static Instance readInstance(DataInputStream in) throws IOException {
        return new Instance(new UUID(in.readLong(), in.readLong()), in.readLong());
    }

    /** The records of one transaction, in the order they happened, ready to append. */
    static final class Transaction {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        void message(StoredRecord message) {
            write(() -> {
                out.writeByte(MESSAGE);
                out.writeLong(message.id());
                out.writeInt(message.metaData().length);
                out.write(message.metaData());
                out.writeInt(message.content().length);
                out.write(message.content());
            });
        }

        void enqueue(UUID queue, long messageId) {
            instance(ENQUEUE, queue, messageId);
        }

        void dequeue(UUID queue, long messageId) {
            instance(DEQUEUE, queue, messageId);
        }

        boolean isEmpty() {
            return bytes.size() == 0;
        }

        private void instance(byte type, UUID queue, long messageId) {
            write(() -> {
                out.writeByte(type);
                out.writeLong(queue.getMostSignificantBits());
                out.writeLong(queue.getLeastSignificantBits());
                out.writeLong(messageId);
            });
        }

        ByteBuffer toBuffer() {
            byte[] records = bytes.toByteArray();
            byte[] withCommit = Arrays.copyOf(records, records.length + 1);
            withCommit[records.length] = COMMIT;
            return ByteBuffer.wrap(withCommit);
        }

        private void write(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new IllegalStateException("cannot happen: writing to memory", e);
            }
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
