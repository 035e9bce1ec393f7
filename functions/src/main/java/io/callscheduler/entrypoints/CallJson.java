package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.model.Call;
import io.callscheduler.store.Page;
import io.callscheduler.views.CallViews;

/** The API's JSON view of calls: {@link CallViews}, which the call events' {@code data} shares. */
final class CallJson {
    static final ObjectMapper MAPPER = CallViews.MAPPER;

    private CallJson() {
    }

    /** A call with its history, as GET /calls/{id} returns it. */
    static ObjectNode full(Call call) {
        return CallViews.full(call);
    }

    /** A call without its history, as lists return it. */
    static ObjectNode summary(Call call) {
        return CallViews.summary(call);
    }

    static ObjectNode page(Page<Call> page) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode items = node.putArray("items");
        page.items().forEach(call -> items.add(summary(call)));
        node.put("nextToken", page.nextToken());
        return node;
    }
}
