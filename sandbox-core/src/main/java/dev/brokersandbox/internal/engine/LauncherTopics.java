package dev.brokersandbox.internal.engine;

import java.util.List;
import java.util.Map;

import dev.brokersandbox.SandboxException;

/**
 * A reuse launcher's topics, created and deleted by the launcher through its status port. A fresh
 * test JVM then needs no Kafka Admin client before its first test: building one, connecting it and
 * its round trips (list, delete, create, describe) were about 1 s of the 2.5 s a fresh JVM took to its
 * first test in reuse mode (profiled on a busy 2-core machine).
 */
final class LauncherTopics implements RemoteTopics {

    private final ManagementClient http;
    private final String path;
    private final long pid;

    LauncherTopics(String statusUrl, String path, long pid) {
        this.http = new ManagementClient(statusUrl, "guest", "guest"); // the endpoint, on loopback only, asks none
        this.path = path;
        this.pid = pid;
    }

    @Override
    public void recreate(List<Map<String, Object>> topics) {
        call("PUT", topics, "create topics " + topics.stream().map(t -> t.get("name")).toList());
    }

    @Override
    public void delete(List<String> names) {
        call("DELETE", names, "delete topics " + names);
    }

    private void call(String method, Object body, String what) {
        ManagementClient.Response response = http.send(method, path, body);
        if (response.status() / 100 != 2) {
            throw new SandboxException("The reuse launcher pid " + pid + " could not " + what + " (" + response.status()
                    + "): " + response.body().strip() + ". Its log is reuse-launcher.log beside "
                    + ReuseLauncher.stateFile() + "; stop it (kill " + pid + ") to have a new one started.");
        }
    }
}
