package dev.brokersandbox.runtime.journal;

import java.util.Collection;
import java.util.List;

import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.plugin.ConfiguredObjectRegistration;

/** Tells Qpid's type registry about {@link JournalVirtualHost}; registered in {@code META-INF/services}. */
public final class JournalRegistration implements ConfiguredObjectRegistration {

    @Override
    public Collection<Class<? extends ConfiguredObject>> getConfiguredObjectClasses() {
        return List.of(JournalVirtualHost.class);
    }

    @Override
    public String getType() {
        return "broker-sandbox-journal";
    }
}
