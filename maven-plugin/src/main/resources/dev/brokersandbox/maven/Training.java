// Run by broker-sandbox:prepare-fast-start as a single-file source program, with
// -XX:ArchiveClassesAtExit, to fill a class data sharing archive with the brokers' classes.
//
// Why a source file and a class loader of its own: a dynamic archive that holds a class of the
// class path is only valid where the class path starts with the same entries, and a test JVM's
// starts with target/test-classes, a non-empty directory, which the JDK refuses in an archive's
// class path (the dump ends the JVM with "Cannot have non-empty directory in paths"). Run this way,
// the JVM has no class path of its own: the archive holds the JDK's classes and the brokers'
// runtime (loaded by a class loader of the sandbox, found again by name, size and CRC), and a test
// JVM can use it whatever its class path.
//
// Arguments: the test class path's jars. It runs the standalone launcher's --demo from them: both
// brokers, a Kafka and an AMQP round trip, stop.

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

public class Training {
    public static void main(String[] jars) throws Exception {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = Path.of(jars[i]).toUri().toURL();
        }
        ClassLoader loader = new URLClassLoader(urls, ClassLoader.getSystemClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        loader.loadClass("dev.brokersandbox.standalone.Launcher")
                .getMethod("main", String[].class)
                .invoke(null, (Object) new String[] {"--demo"});
    }
}
