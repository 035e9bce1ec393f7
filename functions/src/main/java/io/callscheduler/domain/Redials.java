package io.callscheduler.domain;

import io.callscheduler.model.Call;

/** Arranges the next attempt of a call an outcome sent back to SCHEDULED for a redial. */
final class Redials {
    private static final System.Logger LOG = System.getLogger(Redials.class.getName());

    private Redials() {
    }

    static void arrange(DialTriggers triggers, Call call) {
        if (triggers == null) {
            return; // the status-sync sweep dispatches it when due
        }
        try {
            triggers.arrange(call, "redial", false);
        } catch (DependencyUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "call " + call.id() + ": could not schedule its redial; "
                    + "the status-sync sweep will dispatch it: " + e.getMessage());
        }
    }
}
