package dev.brokersandbox.runtime.journal;

import java.util.Map;

import org.apache.qpid.server.model.AbstractConfiguredObjectTypeFactory;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.VirtualHostNode;

/**
 * Lets Qpid create {@link JournalVirtualHost}s by type name. Qpid generates such factories with an
 * annotation processor that is not published; this is the hand-written equivalent, registered in
 * {@code META-INF/services}.
 */
public final class JournalVirtualHostFactory extends AbstractConfiguredObjectTypeFactory<JournalVirtualHost> {

    public JournalVirtualHostFactory() {
        super(JournalVirtualHost.class);
    }

    @Override
    protected JournalVirtualHost createInstance(Map<String, Object> attributes, ConfiguredObject<?> parent) {
        return new JournalVirtualHost(attributes, (VirtualHostNode<?>) parent);
    }
}
