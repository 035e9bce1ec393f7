package io.callscheduler.localcloud;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the local cloud is started: ports, data directory, stack name, the template, and the Call API to use.
 * Built from command-line options and the environment ({@code CALL_API_URL}) by {@link #parse}.
 *
 * @param host            address every server binds to
 * @param dynamoDbPort    DynamoDB Local's own port (loopback); 0 picks a free one
 * @param callApiUrl      an external Call API; null starts the simulator on {@code callApiPort}
 * @param statusSyncEvery how often status sync runs; null keeps the template's {@code rate(1 minute)}
 * @param allowedOrigin   the CORS origin given to the functions; null means the web page's own origin
 * @param parameterOverrides values for the template's parameters, as {@code sam deploy --parameter-overrides}
 *                        takes them
 * @param awsSchedulerTiming whether {@code at()} schedules fire somewhere within their minute, as on AWS,
 *                        rather than exactly at their time
 * @param logFormatJson   the functions' log lines as on AWS (Powertools' JSON) rather than text for a person
 * @param requireAwsCredentials whether the AWS endpoint accepts only requests signed with the credentials it
 *                        prints, rather than any (LocalStack's convention)
 */
public record LocalCloudOptions(String host, int apiPort, int awsPort, int webPort, int callApiPort, int dynamoDbPort, Path dataDir,
                                String stackName, Path template, Path webDir, String callApiUrl,
                                Duration statusSyncEvery, String allowedOrigin, Map<String, String> parameterOverrides,
                                boolean awsSchedulerTiming, boolean logFormatJson, boolean requireAwsCredentials) {
    public LocalCloudOptions {
        parameterOverrides = Map.copyOf(parameterOverrides);
    }

    public static final String USAGE = """
            Usage: ./local-cloud.sh [options]

            Runs Call Scheduler on this machine from template.yaml: DynamoDB Local, an AWS endpoint
            (DynamoDB, EventBridge Scheduler, Lambda, SQS), the API, the web page and a Call API simulator.

              --api-port N          the API, as sam local start-api serves it      (default 3000)
              --aws-port N          the AWS endpoint for the SDK and the AWS CLI    (default 4566)
              --web-port N          the web page                                    (default 8080)
              --call-api-port N     the Call API simulator                          (default 5000)
              --call-api-url URL    use this Call API instead of the simulator      (default: $CALL_API_URL)
              --dynamodb-port N     DynamoDB Local itself, beside the AWS endpoint  (default: any free port)
              --data-dir DIR        where tables, schedules and queues persist      (default .local-cloud)
              --stack-name NAME     prefix of every resource name                   (default call-scheduler)
              --status-sync-every D run status sync every D (e.g. 10s) instead of the template's rate(1 minute)
              --allowed-origin O    CORS origin for the API                         (default: the web page's URL)
              --host ADDRESS        address to listen on                            (default 127.0.0.1)
              --scheduler-timing T  exact: at() schedules fire at their time; aws: somewhere within
                                    their minute, as AWS documents                  (default exact)
              --log-format F        text: one line per event, the call id first; json: Powertools'
                                    structured lines, as on AWS                     (default text)
              --require-aws-credentials
                                    the AWS endpoint accepts only requests signed with the key pair it
                                    prints (kept in the data directory)     (default: any credentials)
              --parameter-overrides K=V [K=V ...]
                                    template parameters, as sam deploy takes them (e.g. DialDeadlineMinutes=5,
                                    or CallProvider=twilio to dial through the simulator's Twilio API)
              --template FILE       the SAM template                                (default template.yaml)
              --web-dir DIR         the web page's files                            (default web/ beside the template)
              --help                this text
            """;

    private static final Set<String> WITH_VALUES = Set.of("--api-port", "--aws-port", "--web-port", "--call-api-port",
            "--dynamodb-port", "--call-api-url", "--data-dir", "--stack-name", "--status-sync-every", "--allowed-origin",
            "--host", "--template", "--web-dir", "--scheduler-timing", "--log-format");

    /** A usage error; the message says which option and why. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param env the process environment ({@code CALL_API_URL} selects an external Call API)
     * @throws UsageException on an unknown option or a bad value
     */
    public static LocalCloudOptions parse(List<String> args, Map<String, String> env) {
        String host = "127.0.0.1";
        int apiPort = 3000;
        int awsPort = 4566;
        int webPort = 8080;
        int callApiPort = 5000;
        int dynamoDbPort = 0;
        Path dataDir = Path.of(".local-cloud");
        String stackName = "call-scheduler";
        Path template = null;
        Path webDir = null;
        String callApiUrl = blankToNull(env.get("CALL_API_URL"));
        Duration statusSyncEvery = null;
        String allowedOrigin = null;
        Map<String, String> parameterOverrides = new java.util.LinkedHashMap<>();
        boolean awsSchedulerTiming = false;
        boolean logFormatJson = false;
        boolean requireAwsCredentials = false;
        java.util.ListIterator<String> it = args.listIterator();
        while (it.hasNext()) {
            String option = it.next();
            if (option.equals("--parameter-overrides") || option.startsWith("--parameter-overrides=")) {
                List<String> values = new java.util.ArrayList<>();
                if (option.contains("=")) {
                    values.add(option.substring(option.indexOf('=') + 1));
                }
                while (it.hasNext()) {
                    String next = it.next();
                    if (next.startsWith("--")) {
                        it.previous();
                        break;
                    }
                    values.add(next);
                }
                parameterOverrides.putAll(parameterOverrides(values));
                continue;
            }
            String value = option.contains("=") ? option.substring(option.indexOf('=') + 1) : null;
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (name.equals("--help") || name.equals("-h")) {
                throw new UsageException("");
            }
            if (name.equals("--require-aws-credentials") && value == null) {
                requireAwsCredentials = true;
                continue;
            }
            if (!WITH_VALUES.contains(name)) {
                throw new UsageException("unknown option " + name);
            }
            if (value == null) {
                if (!it.hasNext()) {
                    throw new UsageException(name + " needs a value");
                }
                value = it.next();
            }
            switch (name) {
                case "--api-port" -> apiPort = port(name, value);
                case "--aws-port" -> awsPort = port(name, value);
                case "--web-port" -> webPort = port(name, value);
                case "--call-api-port" -> callApiPort = port(name, value);
                case "--dynamodb-port" -> dynamoDbPort = port(name, value);
                case "--call-api-url" -> callApiUrl = blankToNull(value);
                case "--data-dir" -> dataDir = Path.of(value);
                case "--stack-name" -> stackName = stackName(value);
                case "--status-sync-every" -> statusSyncEvery = duration(name, value);
                case "--allowed-origin" -> allowedOrigin = value;
                case "--host" -> host = value;
                case "--template" -> template = Path.of(value);
                case "--web-dir" -> webDir = Path.of(value);
                case "--scheduler-timing" -> awsSchedulerTiming = schedulerTiming(value);
                case "--log-format" -> logFormatJson = logFormatJson(value);
                default -> throw new IllegalStateException("option " + name + " is listed but not handled");
            }
        }
        if (template == null) {
            template = findTemplate();
        }
        if (!Files.isRegularFile(template)) {
            throw new UsageException("template not found: " + template.toAbsolutePath() + " (--template)");
        }
        if (webDir == null) {
            webDir = template.toAbsolutePath().getParent().resolve("web");
        }
        Set<Integer> taken = new HashSet<>();
        for (int port : callApiUrl == null ? new int[]{apiPort, awsPort, webPort, callApiPort} : new int[]{apiPort, awsPort, webPort}) {
            if (!taken.add(port)) {
                throw new UsageException("port " + port + " is given to two servers; each needs its own");
            }
        }
        return new LocalCloudOptions(host, apiPort, awsPort, webPort, callApiPort, dynamoDbPort, dataDir, stackName, template,
                webDir, callApiUrl, statusSyncEvery, allowedOrigin, parameterOverrides, awsSchedulerTiming, logFormatJson, requireAwsCredentials);
    }

    /**
     * {@code Key=Value} pairs, or CloudFormation's {@code ParameterKey=Key,ParameterValue=Value}; one argument
     * may hold several, separated by spaces (a quoted list).
     */
    static Map<String, String> parameterOverrides(List<String> values) {
        Map<String, String> overrides = new java.util.LinkedHashMap<>();
        for (String value : values) {
            for (String pair : value.trim().split("\\s+")) {
                if (pair.isEmpty()) {
                    continue;
                }
                java.util.regex.Matcher longForm = java.util.regex.Pattern.compile("ParameterKey=([^,]+),ParameterValue=(.*)").matcher(pair);
                int eq = pair.indexOf('=');
                if (longForm.matches()) {
                    overrides.put(longForm.group(1), longForm.group(2));
                } else if (eq > 0) {
                    overrides.put(pair.substring(0, eq), pair.substring(eq + 1));
                } else {
                    throw new UsageException("--parameter-overrides takes Key=Value pairs, not '" + pair + "'");
                }
            }
        }
        if (overrides.isEmpty()) {
            throw new UsageException("--parameter-overrides needs at least one Key=Value");
        }
        return overrides;
    }

    public LocalCloudOptions withParameterOverrides(Map<String, String> overrides) {
        return new LocalCloudOptions(host, apiPort, awsPort, webPort, callApiPort, dynamoDbPort, dataDir, stackName, template, webDir,
                callApiUrl, statusSyncEvery, allowedOrigin, overrides, awsSchedulerTiming, logFormatJson, requireAwsCredentials);
    }

    private static boolean schedulerTiming(String value) {
        return switch (value) {
            case "exact" -> false;
            case "aws" -> true;
            default -> throw new UsageException("--scheduler-timing is exact or aws, not '" + value + "'");
        };
    }

    private static boolean logFormatJson(String value) {
        return switch (value) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new UsageException("--log-format is text or json, not '" + value + "'");
        };
    }

    public LocalCloudOptions withAwsSchedulerTiming(boolean aws) {
        return new LocalCloudOptions(host, apiPort, awsPort, webPort, callApiPort, dynamoDbPort, dataDir, stackName, template, webDir,
                callApiUrl, statusSyncEvery, allowedOrigin, parameterOverrides, aws, logFormatJson, requireAwsCredentials);
    }

    public LocalCloudOptions withRequireAwsCredentials(boolean required) {
        return new LocalCloudOptions(host, apiPort, awsPort, webPort, callApiPort, dynamoDbPort, dataDir, stackName, template, webDir,
                callApiUrl, statusSyncEvery, allowedOrigin, parameterOverrides, awsSchedulerTiming, logFormatJson, required);
    }

    /** The defaults, with the given template; for tests, which then change what they need. */
    public static LocalCloudOptions defaults(Map<String, String> env) {
        return parse(List.of(), env);
    }

    public LocalCloudOptions withPorts(int api, int aws, int web, int callApi) {
        return new LocalCloudOptions(host, api, aws, web, callApi, dynamoDbPort, dataDir, stackName, template, webDir, callApiUrl,
                statusSyncEvery, allowedOrigin, parameterOverrides, awsSchedulerTiming, logFormatJson, requireAwsCredentials);
    }

    public LocalCloudOptions withTemplate(Path file) {
        return new LocalCloudOptions(host, apiPort, awsPort, webPort, callApiPort, dynamoDbPort, dataDir, stackName, file, webDir,
                callApiUrl, statusSyncEvery, allowedOrigin, parameterOverrides, awsSchedulerTiming, logFormatJson, requireAwsCredentials);
    }

    public LocalCloudOptions withDataDir(Path directory) {
        return new LocalCloudOptions(host, apiPort, awsPort, webPort, callApiPort, dynamoDbPort, directory, stackName, template, webDir,
                callApiUrl, statusSyncEvery, allowedOrigin, parameterOverrides, awsSchedulerTiming, logFormatJson, requireAwsCredentials);
    }

    public LocalCloudOptions withCallApiUrl(String url) {
        return new LocalCloudOptions(host, apiPort, awsPort, webPort, callApiPort, dynamoDbPort, dataDir, stackName, template, webDir,
                url, statusSyncEvery, allowedOrigin, parameterOverrides, awsSchedulerTiming, logFormatJson, requireAwsCredentials);
    }

    public LocalCloudOptions withStatusSyncEvery(Duration every) {
        return new LocalCloudOptions(host, apiPort, awsPort, webPort, callApiPort, dynamoDbPort, dataDir, stackName, template, webDir,
                callApiUrl, every, allowedOrigin, parameterOverrides, awsSchedulerTiming, logFormatJson, requireAwsCredentials);
    }

    /**
     * The origins the web page is served from, which the API allows unless told otherwise: every name the
     * local cloud listens on (localhost and 127.0.0.1, plus {@code --host}); any origin when it listens on
     * every interface, as the page's host is then not known in advance.
     */
    public String effectiveAllowedOrigin() {
        if (allowedOrigin != null) {
            return allowedOrigin;
        }
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "*";
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>(List.of("localhost", "127.0.0.1",
                host.contains(":") ? "[" + host + "]" : host));
        return names.stream().map(name -> "http://" + name + ":" + webPort).collect(java.util.stream.Collectors.joining(","));
    }

    private static Path findTemplate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir.resolve("template.yaml");
            }
        }
        return Path.of("template.yaml");
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a port number from 1 to 65535, not '" + value + "'");
        }
    }

    private static String stackName(String value) {
        if (!value.matches("[A-Za-z][A-Za-z0-9-]{0,39}")) {
            throw new UsageException("--stack-name must start with a letter and hold up to 40 letters, digits and"
                    + " hyphens, not '" + value + "'");
        }
        return value;
    }

    private static Duration duration(String option, String value) {
        try {
            Duration duration = Duration.parse("PT" + value.toUpperCase(java.util.Locale.ROOT));
            if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new UsageException(option + " must be at least 1s");
            }
            return duration;
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException(option + " must be a duration such as 10s, 2m or 1m30s, not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
