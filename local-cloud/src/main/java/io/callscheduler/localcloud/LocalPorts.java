package io.callscheduler.localcloud;

import io.callscheduler.localcloud.LocalCloud.LocalCloudException;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ports the options choose: a port in use is an error naming the option that sets it and another to try. */
final class LocalPorts {
    private final LocalCloudOptions options;

    LocalPorts(LocalCloudOptions options) {
        this.options = options;
    }

    /** Fails before anything starts if a port is taken, naming the option that sets it. */
    void checkFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("--api-port", options.apiPort());
        ports.put("--aws-port", options.awsPort());
        ports.put("--web-port", options.webPort());
        if (options.callApiUrl() == null) {
            ports.put("--call-api-port", options.callApiPort());
        }
        if (options.dynamoDbPort() != 0) {
            ports.put("--dynamodb-port", options.dynamoDbPort());
        }
        ports.forEach((option, port) -> {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(options.host(), port));
            } catch (IOException e) {
                throw inUse(option, port);
            }
        });
    }

    @FunctionalInterface
    interface Binder<T> {
        T bind() throws IOException;
    }

    /** Starts a server on the port an option sets; taken meanwhile, it fails as {@link #checkFree} would. */
    <T> T bind(String option, int port, Binder<T> binder) throws IOException {
        try {
            return binder.bind();
        } catch (BindException e) {
            throw inUse(option, port);
        }
    }

    private LocalCloudException inUse(String option, int port) {
        return new LocalCloudException("port " + port + " on " + options.host() + " is already in use (" + option
                + "). Stop whatever holds it, or choose another port: " + option + " " + (port + 1));
    }
}
