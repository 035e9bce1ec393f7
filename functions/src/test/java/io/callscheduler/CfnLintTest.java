package io.callscheduler;

import io.callscheduler.testing.ExternalTools;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** template.yaml passes cfn-lint (which also runs the SAM transform), with no errors and no warnings. */
class CfnLintTest {
    @Test
    void templatePassesCfnLint() throws Exception {
        String cfnLint = ExternalTools.require("cfn-lint", "install it with 'pip install cfn-lint'");
        Process process = new ProcessBuilder(cfnLint, LocalAws.templatePath().toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
