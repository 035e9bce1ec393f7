package io.callscheduler.emulators.usage;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * DynamoDB's billed work, in on-demand request units, assuming items of at most 1 KB written and 4 KB read
 * (a call item is well under both): a write of one item is 1 write unit, an item of a transaction 2; a strongly
 * consistent read (GetItem, or a Query or Scan page) 1 read unit, an eventually consistent one half, an item
 * read in a transaction 2. Not counted: the extra writes DynamoDB bills for global secondary indexes.
 */
public final class DynamoDbUsage {
    private final LongAdder itemWrites = new LongAdder();
    private final LongAdder transactionItemWrites = new LongAdder();
    private final LongAdder strongReads = new LongAdder();
    private final LongAdder eventualReads = new LongAdder();
    private final LongAdder transactionItemReads = new LongAdder();

    void itemWrites(long items) {
        itemWrites.add(items);
    }

    void transactionItemWrites(long items) {
        transactionItemWrites.add(items);
    }

    void read(boolean consistent) {
        (consistent ? strongReads : eventualReads).increment();
    }

    void transactionItemReads(long items) {
        transactionItemReads.add(items);
    }

    /** Write request units so far. */
    public long writeUnits() {
        return itemWrites.sum() + 2 * transactionItemWrites.sum();
    }

    /** Read request units so far. */
    public double readUnits() {
        return strongReads.sum() + eventualReads.sum() / 2.0 + 2 * transactionItemReads.sum();
    }

    Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new TreeMap<>();
        snapshot.put("itemWrites", itemWrites.sum());
        snapshot.put("transactionItemWrites", transactionItemWrites.sum());
        snapshot.put("writeRequestUnits", writeUnits());
        snapshot.put("stronglyConsistentReads", strongReads.sum());
        snapshot.put("eventuallyConsistentReads", eventualReads.sum());
        snapshot.put("transactionItemReads", transactionItemReads.sum());
        snapshot.put("readRequestUnits", readUnits());
        return snapshot;
    }
}
