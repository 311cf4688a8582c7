package dev.sqlpack.connector.sideinput.snapshot;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs refresh attempts after a delay, one at a time. Tests inject a manual implementation. */
public interface RefreshScheduler extends AutoCloseable {

    void schedule(Runnable task, Duration delay);

    @Override
    void close();

    /** One daemon thread, whose context class loader is {@code classLoader} (formats, file systems). */
    static RefreshScheduler daemonThread(String name, ClassLoader classLoader) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setContextClassLoader(classLoader);
            return t;
        });
        return new RefreshScheduler() {
            @Override
            public void schedule(Runnable task, Duration delay) {
                if (!executor.isShutdown()) {
                    executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
