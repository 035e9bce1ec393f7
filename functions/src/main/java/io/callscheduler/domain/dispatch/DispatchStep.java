package io.callscheduler.domain.dispatch;

/** One named step of the dispatch pipeline. */
@FunctionalInterface
interface DispatchStep {
    /** Lets the dial on: what a step returns when the next step is to run. */
    DispatchOutcome GO_ON = null;

    /** @return {@link #GO_ON}, or the outcome that ends this dispatch */
    DispatchOutcome apply(Dial dial);
}
