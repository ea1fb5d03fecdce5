package dev.brokersandbox.runtime.journal;

import java.nio.file.Path;
import java.util.Map;

import org.apache.qpid.server.model.ManagedObject;
import org.apache.qpid.server.model.VirtualHostNode;
import org.apache.qpid.server.store.MessageStore;
import org.apache.qpid.server.virtualhost.AbstractVirtualHost;

/**
 * A Qpid virtual host whose persistent messages live in a {@link JournalMessageStore}. The journal's
 * path comes from the context variable {@value #JOURNAL_PATH}.
 */
@ManagedObject(category = false, type = JournalVirtualHost.TYPE)
public final class JournalVirtualHost extends AbstractVirtualHost<JournalVirtualHost> {

    public static final String TYPE = "BrokerSandboxJournal";
    public static final String JOURNAL_PATH = "brokersandbox.journal.path";

    JournalVirtualHost(Map<String, Object> attributes, VirtualHostNode<?> node) {
        super(attributes, node);
    }

    @Override
    protected MessageStore createMessageStore() {
        String path = getContextValue(String.class, JOURNAL_PATH);
        if (path == null || path.isEmpty()) {
            throw new IllegalStateException("Virtual host " + getName() + " of type " + TYPE
                    + " needs the context variable " + JOURNAL_PATH);
        }
        return new JournalMessageStore(Path.of(path));
    }
}
