package io.callscheduler.series;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.domain.IdempotentCreates;
import io.callscheduler.testing.TestDays;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A POST /series retried with its Idempotency-Key after the first request wrote the series but not its first call. */
class SeriesCreateKeysTest {
    /** A Monday ahead, at noon UTC: the series below dial at 13:00 UTC from that day. */
    private static final LocalDate DAY = TestDays.quietMonday();
    private static final Instant NOW = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);

    @Test
    void aRetryAfterTheFirstRequestsRollFailedAnswersItsSeriesWithTheFirstCallCreatedOnce() {
        SeriesFixture app = new SeriesFixture(NOW, CallingWindow.ANY);
        SeriesRequest request = SeriesFixture.daily("UTC", "13:00", DAY.toString());
        // What the first request left when its roll answered 503: the series and its key's record, no call.
        Series written = new Series("5a0c1c1e-0000-4000-8000-000000000001", SeriesStatus.ACTIVE, request.rule(),
                request.callFields(), null, null, null, List.of(), null, null, null, NOW, NOW, 1);
        app.store.insert(written, new SeriesIdempotencyRecord("retry-after-503", SeriesCreateKeys.fingerprint(request),
                written.id(), NOW.plus(IdempotentCreates.RETENTION)));

        SeriesService.Created retry = app.service.create(request, "retry-after-503");
        SeriesService.Created again = app.service.create(request, "retry-after-503");

        assertThat(retry.replayed()).isTrue();
        assertThat(retry.series().id()).isEqualTo(written.id());
        assertThat(retry.series().currentCallId()).isNotNull();
        assertThat(again.series().currentCallId()).isEqualTo(retry.series().currentCallId());
        assertThat(app.seriesCalls(written.id())).hasSize(1);
        assertThat(app.service.list(null, null).items()).hasSize(1);
    }
}
