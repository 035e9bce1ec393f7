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

    /** For the stack {@value #STACK} in us-east-1, account 000000000000, its queues under {@code awsUrl}. */
    public static SamTemplate forStack(String awsUrl) {
        return SamTemplate.read(LocalAws.templatePath(), Map.of(),
                new SamTemplate.Environment(STACK, "us-east-1", "000000000000", awsUrl));
    }
}
