package io.callscheduler.benchmark;

/**
 * On-demand prices in us-east-1 (x86 Lambda, REST API, standard SQS queue), free tiers left out, as looked up
 * on 2026-12-06; each one's source is in BENCHMARKS.md ("AWS cost per call"). Beside them, for scale, what the
 * provider charges for the call itself.
 */
final class AwsPrices {
    private AwsPrices() {
    }

    /** Lambda duration, US$ per GB-second (x86). */
    static final double LAMBDA_GB_SECOND = 0.0000166667;
    /** Lambda requests, US$ per invocation ($0.20 per million). */
    static final double LAMBDA_REQUEST = 0.20 / 1e6;
    /** DynamoDB on-demand, US$ per write request unit ($0.625 per million since the price cut of 1 Nov 2024). */
    static final double DYNAMODB_WRITE_UNIT = 0.625 / 1e6;
    /** DynamoDB on-demand, US$ per read request unit ($0.125 per million). */
    static final double DYNAMODB_READ_UNIT = 0.125 / 1e6;
    /** EventBridge Scheduler, US$ per invocation ($1.00 per million after 14 million free a month); API calls free. */
    static final double SCHEDULER_INVOCATION = 1.00 / 1e6;
    /** SQS standard queue, US$ per request ($0.40 per million). */
    static final double SQS_REQUEST = 0.40 / 1e6;
    /** Secrets Manager, US$ per API call ($0.05 per 10,000). */
    static final double SECRETS_MANAGER_CALL = 0.05 / 10_000;
    /** API Gateway REST API, US$ per request ($3.50 per million, first 333 million a month). */
    static final double API_GATEWAY_REQUEST = 3.50 / 1e6;
    /** Twilio Programmable Voice, US$ for one minute of an outbound call to a US number. */
    static final double TWILIO_US_OUTBOUND_MINUTE = 0.014;
    /** Our own AWS cost per call may be at most this share of that minute. */
    static final double TARGET_SHARE_OF_TWILIO_MINUTE = 0.01;

    /** Each price with its source and the day it was taken, as BENCHMARKS.md lists them. */
    static final String SOURCES = """
            ### AWS cost per call: prices used

            On-demand, us-east-1, free tiers left out; taken on 2026-12-06 from the pages below (as stored by the
            project's search tool, or from their last known state where the page was not available; check them
            before relying on a figure).

            | Price | US$ | Source |
            |---|---|---|
            | Lambda duration, x86 | 0.0000166667 per GB-s | aws.amazon.com/lambda/pricing |
            | Lambda requests | 0.20 per million | aws.amazon.com/lambda/pricing |
            | DynamoDB on-demand writes | 0.625 per million write request units | aws.amazon.com/dynamodb/pricing/on-demand (halved on 1 Nov 2024, AWS announcement of 14 Nov 2024) |
            | DynamoDB on-demand reads | 0.125 per million read request units | the same |
            | EventBridge Scheduler invocations | 1.00 per million (14 million a month free); API calls not billed | aws.amazon.com/eventbridge/pricing |
            | SQS standard requests | 0.40 per million | aws.amazon.com/sqs/pricing |
            | Secrets Manager API calls | 0.05 per 10,000 (plus 0.40 per secret a month) | aws.amazon.com/secrets-manager/pricing |
            | API Gateway REST requests | 3.50 per million (first 333 million a month) | aws.amazon.com/api-gateway/pricing |
            | Twilio, outbound call to a US number | 0.0140 per minute (pay as you go; 0.013 in Twilio's older volume-pricing example) | twilio.com/en-us/voice/pricing/us |

            Counted from `/_local/usage` (see the README); not counted: writes to the two global secondary indexes,
            items over 1 KB written or 4 KB read, Lambda init time, CloudWatch Logs, storage, and the status sync's
            fixed cost (a run a minute, whatever the calls).
            """;
}
