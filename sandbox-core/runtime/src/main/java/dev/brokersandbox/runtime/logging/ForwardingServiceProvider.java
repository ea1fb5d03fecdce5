package dev.brokersandbox.runtime.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The runtime's own SLF4J binding (found through {@code META-INF/services}): the brokers log
 * through the runtime's SLF4J 2, and this hands each line to the user's SLF4J, whatever its
 * version (1.7 or 2.x) and backend. Levels are the user's backend's: a logger set to WARN
 * there costs the broker nothing below WARN here.
 */
public final class ForwardingServiceProvider implements SLF4JServiceProvider {

    private final ILoggerFactory loggerFactory = name -> new ForwardingLogger(name, LogSink.logger(name));
    private final IMarkerFactory markerFactory = new BasicMarkerFactory();
    private final MDCAdapter mdcAdapter = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }
}
