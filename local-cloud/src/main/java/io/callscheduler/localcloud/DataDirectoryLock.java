package io.callscheduler.localcloud;

import io.callscheduler.localcloud.LocalCloud.LocalCloudException;
import io.callscheduler.localcloud.data.DataFolder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;

/** One local cloud per data directory: two would fire the same schedules twice. Closing releases it. */
final class DataDirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws LocalCloudException when another local cloud holds it */
    static DataDirectoryLock acquire(DataFolder folder) throws IOException {
        FileChannel channel = folder.open(".lock", StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new LocalCloudException("another local cloud is using " + folder.path() + "; stop it, or pass a different --data-dir");
        }
        return new DataDirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
