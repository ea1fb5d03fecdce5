package dev.brokersandbox.runtime.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;
import org.apache.qpid.server.message.EnqueueableMessage;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.plugin.MessageMetaDataType;
import org.apache.qpid.server.store.MemoryMessageStore;
import org.apache.qpid.server.store.MessageDurability;
import org.apache.qpid.server.store.MessageEnqueueRecord;
import org.apache.qpid.server.store.MessageHandle;
import org.apache.qpid.server.store.MessageMetaDataTypeRegistry;
import org.apache.qpid.server.store.StorableMessageMetaData;
import org.apache.qpid.server.store.StoreException;
import org.apache.qpid.server.store.StoredMessage;
import org.apache.qpid.server.store.Transaction;
import org.apache.qpid.server.store.TransactionLogResource;
import org.apache.qpid.server.store.handler.MessageInstanceHandler;

/**
 * Qpid's in-memory message store with a journal on disk, so that persistent messages on durable
 * queues survive a restart, as on RabbitMQ. (Qpid 10's own persistent stores, Derby, JDBC and BDB,
 * are not published for 10.x.) Messages are served from memory; every transaction that enqueues or
 * dequeues a persistent message is appended to the journal and forced to disk before it commits, so a
 * publisher confirm means the message is on disk. Opening the store replays the journal and rewrites
 * it with only what is still enqueued.
 */
final class JournalMessageStore extends MemoryMessageStore {

    private final Path file;
    /** Messages whose content is already in the journal; a message on two queues is written once. */
    private final Set<Long> journaled = ConcurrentHashMap.newKeySet();
    private volatile JournalFile journal;

    JournalMessageStore(Path file) {
        this.file = file;
    }

    @Override
    public void openMessageStore(ConfiguredObject<?> parent) {
        super.openMessageStore(parent);
        try {
            Files.createDirectories(file.getParent());
            JournalFile.Contents stored = JournalFile.read(file);
            journal = JournalFile.rewrite(file, restore(stored));
        } catch (IOException e) {
            throw new StoreException("Could not open the message journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads the journal's messages into memory under new ids; Qpid's recoverer then puts them on their queues. */
    private JournalFile.Contents restore(JournalFile.Contents stored) {
        Map<Long, StoredMessage<?>> byOldId = new HashMap<>();
        List<JournalFile.StoredRecord> renumbered = new ArrayList<>();
        for (JournalFile.StoredRecord record : stored.messages()) {
            StoredMessage<?> message = load(record);
            byOldId.put(record.id(), message);
            renumbered.add(new JournalFile.StoredRecord(message.getMessageNumber(), record.metaData(), record.content()));
            journaled.add(message.getMessageNumber());
        }
        Transaction enqueues = super.newTransaction();
        List<JournalFile.Instance> instances = new ArrayList<>();
        for (JournalFile.Instance instance : stored.instances()) {
            StoredMessage<?> message = byOldId.get(instance.messageId());
            enqueues.enqueueMessage(new QueueId(instance.queue()), new Recovered(message));
            instances.add(new JournalFile.Instance(instance.queue(), message.getMessageNumber()));
        }
        enqueues.commitTran();
        return new JournalFile.Contents(renumbered, instances);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private StoredMessage<?> load(JournalFile.StoredRecord record) {
        MessageMetaDataType type = MessageMetaDataTypeRegistry.fromOrdinal(record.metaData()[0] & 0xff);
        StorableMessageMetaData metaData;
        try (QpidByteBuffer buffer = QpidByteBuffer.wrap(record.metaData(), 1, record.metaData().length - 1)) {
            metaData = type.createMetaData(buffer);
        }
        MessageHandle<StorableMessageMetaData> handle = super.addMessage(metaData);
        try (QpidByteBuffer content = QpidByteBuffer.wrap(record.content())) {
            handle.addContent(content);
        }
        return handle.allContentAdded();
    }

    @Override
    public Transaction newTransaction() {
        return new JournaledTransaction(super.newTransaction());
    }

    /**
     * Recovery puts messages back on a queue in the order this reader hands them out: in the order
     * they were published (message ids grow), as RabbitMQ's queues keep it.
     */
    @Override
    public MessageStoreReader newMessageStoreReader() {
        MessageStoreReader memory = super.newMessageStoreReader();
        return new MessageStoreReader() {
            @Override
            public void visitMessages(org.apache.qpid.server.store.handler.MessageHandler handler) {
                memory.visitMessages(handler);
            }

            @Override
            public void visitMessageInstances(MessageInstanceHandler handler) {
                inPublishOrder(memory::visitMessageInstances, handler);
            }

            @Override
            public void visitMessageInstances(TransactionLogResource queue, MessageInstanceHandler handler) {
                inPublishOrder(collector -> memory.visitMessageInstances(queue, collector), handler);
            }

            @Override
            public void visitDistributedTransactions(
                    org.apache.qpid.server.store.handler.DistributedTransactionHandler handler) {
                memory.visitDistributedTransactions(handler);
            }

            @Override
            public StoredMessage<?> getMessage(long messageId) {
                return memory.getMessage(messageId);
            }

            @Override
            public void close() {
                memory.close();
            }
        };
    }

    private static void inPublishOrder(java.util.function.Consumer<MessageInstanceHandler> visit,
                                       MessageInstanceHandler handler) {
        List<MessageEnqueueRecord> all = new ArrayList<>();
        visit.accept(record -> all.add(record));
        all.sort(Comparator.comparingLong(MessageEnqueueRecord::getMessageNumber));
        for (MessageEnqueueRecord record : all) {
            if (!handler.handle(record)) {
                return;
            }
        }
    }

    @Override
    public boolean isPersistent() {
        return true;
    }

    @Override
    public String getStoreLocation() {
        return file.toString();
    }

    @Override
    public void closeMessageStore() {
        JournalFile open = journal;
        journal = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                throw new StoreException("Could not close the message journal " + file, e);
            }
        }
        journaled.clear();
        super.closeMessageStore();
    }

    @Override
    public void onDelete(ConfiguredObject<?> parent) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StoreException("Could not delete the message journal " + file, e);
        }
    }

    /** Records what the memory store's transaction does, and writes it to the journal on commit. */
    private final class JournaledTransaction implements Transaction {
        private final Transaction memory;
        private final JournalFile.Transaction records = new JournalFile.Transaction();
        private final List<Long> newlyJournaled = new ArrayList<>();

        JournaledTransaction(Transaction memory) {
            this.memory = memory;
        }

        @Override
        public MessageEnqueueRecord enqueueMessage(TransactionLogResource queue, EnqueueableMessage message) {
            if (!queue.getMessageDurability().persist(message.isPersistent())) {
                // Transient messages pass through the store only to keep publish order; they never outlive the
                // broker, unless their queue keeps every message (a stream does).
                return memory.enqueueMessage(queue, message);
            }
            long id = message.getMessageNumber();
            if (!journaled.contains(id) && !newlyJournaled.contains(id)) {
                records.message(record(message.getStoredMessage()));
                newlyJournaled.add(id);
            }
            records.enqueue(queue.getId(), id);
            return memory.enqueueMessage(queue, message);
        }

        @Override
        public void dequeueMessage(MessageEnqueueRecord enqueueRecord) {
            long id = enqueueRecord.getMessageNumber();
            if (journaled.contains(id) || newlyJournaled.contains(id)) {
                records.dequeue(enqueueRecord.getQueueId(), id);
            }
            memory.dequeueMessage(enqueueRecord);
        }

        @Override
        public void commitTran() {
            writeToJournal();
            memory.commitTran();
        }

        @Override
        public <X> CompletableFuture<X> commitTranAsync(X val) {
            writeToJournal();
            return memory.commitTranAsync(val);
        }

        private void writeToJournal() {
            if (records.isEmpty()) {
                return;
            }
            JournalFile open = journal;
            if (open == null) {
                throw new StoreException("The message journal " + file + " is closed");
            }
            try {
                open.append(records);
            } catch (IOException e) {
                throw new StoreException("Could not write to the message journal " + file + ": " + e.getMessage(), e);
            }
            journaled.addAll(newlyJournaled);
        }

        @Override
        public void abortTran() {
            memory.abortTran();
        }

        @Override
        public void removeXid(StoredXidRecord record) {
            memory.removeXid(record);
        }

        @Override
        public StoredXidRecord recordXid(long format, byte[] globalId, byte[] branchId, EnqueueRecord[] enqueues,
                                         DequeueRecord[] dequeues) {
            // Distributed (XA) transactions are AMQP 1.0 and 0-10 features; RabbitMQ's 0-9-1 has none.
            return memory.recordXid(format, globalId, branchId, enqueues, dequeues);
        }
    }

    private static JournalFile.StoredRecord record(StoredMessage<?> message) {
        StorableMessageMetaData metaData = message.getMetaData();
        byte[] meta = new byte[1 + metaData.getStorableSize()];
        meta[0] = (byte) metaData.getType().ordinal();
        try (QpidByteBuffer buffer = QpidByteBuffer.wrap(meta, 1, meta.length - 1)) {
            metaData.writeToBuffer(buffer);
        }
        byte[] content = new byte[message.getContentSize()];
        if (content.length > 0) {
            try (QpidByteBuffer buffer = message.getContent(0, content.length)) {
                buffer.copyTo(content);
            }
        }
        return new JournalFile.StoredRecord(message.getMessageNumber(), meta, content);
    }

    /** A queue as the memory store knows it during recovery: by id only. */
    private record QueueId(UUID id) implements TransactionLogResource {
        @Override
        public String getName() {
            return id.toString();
        }

        @Override
        public UUID getId() {
            return id;
        }

        @Override
        public MessageDurability getMessageDurability() {
            return MessageDurability.DEFAULT;
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private record Recovered(StoredMessage message) implements EnqueueableMessage {
        @Override
        public long getMessageNumber() {
            return message.getMessageNumber();
        }

        @Override
        public boolean isPersistent() {
            return true;
        }

        @Override
        public StoredMessage getStoredMessage() {
            return message;
        }
    }
}
