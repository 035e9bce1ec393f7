package io.callscheduler.emulators;

import io.callscheduler.localhttp.AllowedHosts;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * DynamoDB Local's own port answers only a {@code Host} that names the address it listens on, as every other local
 * server does (421 otherwise, nothing read): a web page that points its own name at 127.0.0.1 (DNS rebinding) cannot
 * read the table through it any more than through :4566.
 */
final class DynamoDbHostGuard extends Handler.Wrapper {
    private final AllowedHosts hosts;

    DynamoDbHostGuard(Handler wrapped, AllowedHosts hosts) {
        super(wrapped);
        this.hosts = hosts;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!hosts.allows(request.getHeaders().get(HttpHeader.HOST))) {
            Response.writeError(request, response, callback, 421, "this server answers only to its own host names");
            return true;
        }
        return super.handle(request, response, callback);
    }
}
