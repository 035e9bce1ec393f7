package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A kind of measurement: it drives the running local cloud through the client and adds rows to the report. */
abstract class Measurement {
    static final ObjectMapper JSON = LocalCloudClient.JSON;
    final LocalCloudClient client;
    final Report report;

    Measurement(LocalCloudClient client, Report report) {
        this.client = client;
        this.report = report;
    }
}
