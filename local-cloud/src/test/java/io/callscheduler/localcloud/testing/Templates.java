package io.callscheduler.localcloud.testing;

import io.callscheduler.localcloud.template.SamTemplate;
import io.callscheduler.testing.LocalAws;

import java.util.Map;

/** The repository's template.yaml, resolved as the local cloud resolves it. */
public final class Templates {
    /** The stack name everything defaults to: samconfig.toml, the local cloud, the LocalStack files. */
    public static final String STACK = "call-scheduler";

    private Templates() {
    }

    /** The page's origin off AWS (the local cloud's and LocalStack's page on :8080), as README's commands pass it. */
    public static final String PAGE_ORIGIN = "http://localhost:8080";

    /**
     * For the stack {@value #STACK} in us-east-1, account 000000000000, its queues under {@code awsUrl}, the
     * page at {@link #PAGE_ORIGIN} (on AWS the origin defaults to the stack's CloudFront URL).
     */
    public static SamTemplate forStack(String awsUrl) {
        return SamTemplate.read(LocalAws.templatePath(), Map.of("AllowedOrigin", PAGE_ORIGIN),
                new SamTemplate.Environment(STACK, "us-east-1", "000000000000", awsUrl));
    }
}
