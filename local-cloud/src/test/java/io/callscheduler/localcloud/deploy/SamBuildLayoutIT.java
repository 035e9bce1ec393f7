package io.callscheduler.localcloud.deploy;

import io.callscheduler.emulators.DynamoDbLocalServer;
import io.callscheduler.emulators.HttpJson;
import io.callscheduler.localcloud.template.SamTemplate;
import io.callscheduler.localcloud.testing.AwsTools;
import io.callscheduler.localcloud.testing.Templates;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code sam build} does with {@code CodeUri: functions} (aws-lambda-builders' JavaMavenWorkflow),
 * step by step, without the SAM CLI: copy {@code functions/} alone to a scratch directory, run
 * {@code mvn clean install} and {@code mvn dependency:copy-dependencies -DincludeScope=runtime
 * -Dmdep.prependGroupId=true} there, and lay out {@code target/classes} plus {@code target/dependency} as
 * {@code lib/}. Then the result runs on its own: a JVM with only that classpath creates every handler of
 * the template with its no-argument constructor, as Lambda does, and one answers a request from DynamoDB.
 */
class SamBuildLayoutIT {
    private static final Path ROOT = LocalAws.templatePath().getParent();

    @TempDir
    Path work;

    @Test
    void functionsBuildAloneTheWaySamBuildsThemAndTheArtifactRuns() throws Exception {
        Path scratch = work.resolve("scratch");
        copyTree(ROOT.resolve("functions"), scratch, Set.of(".aws-sam", ".git", "target"));

        String build = run(scratch, maven("clean", "install"));
        // Copied out alone, the module builds without its parent and skips the tests that need the emulators.
        assertThat(build).contains("BUILD SUCCESS").contains("Tests are skipped.");
        run(scratch, maven("dependency:copy-dependencies", "-DincludeScope=runtime", "-Dmdep.prependGroupId=true"));

        Path artifact = work.resolve("artifact");
        copyTree(scratch.resolve("target/classes"), artifact, Set.of());
        copyTree(scratch.resolve("target/dependency"), artifact.resolve("lib"), Set.of());
        try (Stream<Path> lib = Files.list(artifact.resolve("lib"))) {
            List<String> jars = lib.map(jar -> jar.getFileName().toString()).toList();
            assertThat(jars).contains("software.amazon.awssdk.url-connection-client-2.57.8.jar")
                    .noneMatch(jar -> jar.contains("apache-client") || jar.contains("netty-nio-client"))
                    .noneMatch(jar -> jar.contains("DynamoDBLocal") || jar.contains("junit") || jar.contains("aws-emulators"));
        }

        SamTemplate template = Templates.forStack("http://localhost:4566");
        try (DynamoDbLocalServer dynamoDb = DynamoDbLocalServer.startInMemory()) {
            for (var table : template.tables().entrySet()) {
                dynamoDb.createTable(table.getKey(), HttpJson.MAPPER.valueToTree(table.getValue()));
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", artifact + File.pathSeparator + artifact.resolve("lib") + File.separator + "*",
                    ROOT.resolve("local-cloud/src/test/resources/sam-artifact/HandlerSmokeCheck.java").toString()));
            template.functions().forEach(function -> command.add(function.handlerClass()));
            // Every function's variables: one process creates them all, and each needs its own (the fan-out its queue).
            Map<String, String> environment = new HashMap<>();
            template.functions().forEach(function -> environment.putAll(function.environment()));
            environment.putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                    "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.uri().toString(),
                    // What `sam local` gives a declared variable it cannot resolve; the SDK alone would fail on it.
                    "AWS_ENDPOINT_URL", ""));

            String output = run(work, command, environment);

            assertThat(output.lines().filter(line -> line.startsWith("created "))).hasSize(template.functions().size());
            assertThat(output).contains("GET /calls/no-such-call -> 404");
        }
    }

    private static List<String> maven(String... goals) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B"));
        // The same local repository as this build, so nothing is downloaded twice.
        String repository = System.getProperty("maven.repo.local");
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        command.addAll(List.of(goals));
        return command;
    }

    private static String run(Path directory, List<String> command) throws IOException, InterruptedException {
        return run(directory, command, Map.of());
    }

    private static String run(Path directory, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        return AwsTools.run(directory, null, environment, 0, command);
    }

    /** Copies a directory, leaving out the top-level entries named (SAM's CopySourceAction leaves out .aws-sam and .git). */
    private static void copyTree(Path from, Path to, Set<String> leftOut) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(path);
                if (relative.getNameCount() > 0 && leftOut.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
