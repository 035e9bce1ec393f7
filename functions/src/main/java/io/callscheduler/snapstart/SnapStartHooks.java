package io.callscheduler.snapstart;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.crac.RestoreException;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lambda SnapStart's runtime hooks for one container. Lambda snapshots the initialized JVM once per published
 * version and restores that one snapshot into every new execution environment, so:
 * <ul>
 *   <li>before the snapshot, {@code priming} does at init what would otherwise fall on the first invocation
 *       (class loading, Jackson, the SDK's request path), and never opens a connection, which the snapshot
 *       would freeze half-open;</li>
 *   <li>after each restore, {@code renewals} re-create what must not be shared between restored copies or
 *       outlive the snapshot: cached credentials and pooled connections.</li>
 * </ul>
 * Outside a CRaC runtime the hooks are registered and never called; tests call them directly.
 */
public final class SnapStartHooks implements Resource {
    private static final System.Logger LOG = System.getLogger(SnapStartHooks.class.getName());
    /** CRaC holds registered resources weakly: these strong references keep them for the container's life. */
    private static final Set<SnapStartHooks> REGISTERED = ConcurrentHashMap.newKeySet();

    private final List<Runnable> priming;
    private final List<Runnable> renewals;
    private volatile int primingFailures;

    public SnapStartHooks(List<Runnable> priming, List<Runnable> renewals) {
        this.priming = List.copyOf(priming);
        this.renewals = List.copyOf(renewals);
    }

    /** Registers with the JVM's global CRaC context; a second call does nothing. */
    public SnapStartHooks register() {
        if (REGISTERED.add(this)) {
            Core.getGlobalContext().register(this);
        }
        return this;
    }

    /** Priming only saves time: a step that fails is logged and the snapshot is still taken. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        for (Runnable step : priming) {
            try {
                step.run();
            } catch (RuntimeException | LinkageError e) {
                primingFailures++;
                LOG.log(System.Logger.Level.WARNING, "SnapStart priming step failed; the first invocation pays instead", e);
            }
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "SnapStart priming took " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** How many priming steps failed, for tests. */
    int primingFailures() {
        return primingFailures;
    }

    /**
     * Every renewal runs even if one fails, and then the restore fails: an environment that may still hold
     * the snapshot's credentials or connections should not take invocations (Lambda reports the error).
     */
    @Override
    public void afterRestore(Context<? extends Resource> context) throws RestoreException {
        RestoreException failure = null;
        for (Runnable renewal : renewals) {
            try {
                renewal.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = new RestoreException();
                }
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
