package com.quimbi.crm.devstack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Child processes outlive a JVM that exits without closing them (a failed test, Ctrl-C, SIGTERM to the
 * supervisor). One shutdown hook closes whatever is still open, newest first, so services stop before
 * the servers they use.
 */
final class Reaper {

    private static final Set<AutoCloseable> OPEN = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private Reaper() {
    }

    static synchronized void register(AutoCloseable closeable) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Reaper::closeAll, "devstack-reaper"));
            hookInstalled = true;
        }
        OPEN.add(closeable);
    }

    static synchronized void unregister(AutoCloseable closeable) {
        OPEN.remove(closeable);
    }

    private static void closeAll() {
        List<AutoCloseable> open;
        synchronized (Reaper.class) {
            open = new ArrayList<>(OPEN).reversed();
        }
        for (AutoCloseable closeable : open) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("devstack: failed to stop " + closeable + ": " + e);
            }
        }
    }
}
