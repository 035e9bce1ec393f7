package io.callscheduler.emulators.mappings;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.LocalFunction;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A function for the mappings' tests: reads each event with Lambda's own Java type and deserialiser (so a wrong
 * shape fails), keeps it, and answers as {@code behaviour} says (throw, or return a response).
 */
final class ToyFunction<E> implements LocalFunction {
    interface Behaviour<E> {
        /** @return the response JSON, or null for none */
        String answer(E event, int invocation) throws Exception;
    }

    final List<E> events = new CopyOnWriteArrayList<>();
    private final Class<E> type;
    private final Behaviour<E> behaviour;

    ToyFunction(Class<E> type, Behaviour<E> behaviour) {
        this.type = type;
        this.behaviour = behaviour;
    }

    static <E> ToyFunction<E> registered(LambdaEmulator lambda, String name, Class<E> type, Behaviour<E> behaviour) {
        ToyFunction<E> function = new ToyFunction<>(type, behaviour);
        lambda.register(new LambdaEmulator.FunctionInfo(name, "toy::handleRequest", "java17", 128, 30, Map.of()), function);
        return function;
    }

    @Override
    public byte[] invoke(byte[] payload) throws Exception {
        E event = LambdaEventSerializers.serializerFor(type, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(payload));
        events.add(event);
        String response = behaviour.answer(event, events.size());
        return response == null ? new byte[0] : response.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
