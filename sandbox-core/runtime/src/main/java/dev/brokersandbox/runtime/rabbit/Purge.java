package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.queue.QueueEntry;
import org.apache.qpid.server.txn.AutoCommitTransaction;
import org.apache.qpid.server.txn.ServerTransaction;

/**
 * RabbitMQ's queue.purge: the ready messages go; those delivered and not yet acknowledged stay their
 * consumers', and come back with a reject or a recover. Qpid's purge also marks those for deletion
 * once they are settled, so a recover after a purge found nothing.
 */
final class Purge {

    private Purge() {
    }

    /** Removes the messages of {@code queue} that no consumer holds; how many. */
    static long readyMessages(Queue<?> queue) {
        ServerTransaction transaction = new AutoCommitTransaction(queue.getVirtualHost().getMessageStore());
        long purged = 0;
        for (QueueEntry entry = queue.getLeastSignificantOldestEntry(); entry != null; entry = entry.getNextValidEntry()) {
            if (entry.isAvailable() && entry.acquire()) {
                QueueEntry ready = entry;
                transaction.dequeue(entry.getEnqueueRecord(), new ServerTransaction.Action() {
                    @Override
                    public void postCommit() {
                        ready.delete();
                    }

                    @Override
                    public void onRollback() {
                        ready.release();
                    }
                });
                purged++;
            }
        }
        return purged;
    }
}
