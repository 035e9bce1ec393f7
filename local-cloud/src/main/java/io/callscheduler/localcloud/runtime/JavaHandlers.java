package io.callscheduler.localcloud.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.callscheduler.emulators.LocalFunction;
import io.callscheduler.localcloud.template.SamTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

/**
 * Loads a Java Lambda handler ({@code package.Class::method}) into this JVM, as the Lambda Java runtime
 * would, but configured from an environment map instead of the process environment: every function of the
 * template runs side by side in one JVM with its own settings. A handler therefore needs a public
 * constructor taking {@code Map<String, String>} (the environment).
 *
 * <p>{@link RequestStreamHandler}s get the raw payload; {@link RequestHandler}s get it deserialised with
 * the runtime's own serialisers ({@code aws-lambda-java-serialization}), so events look exactly as they do
 * on AWS.
 */
public final class JavaHandlers {
    private JavaHandlers() {
    }

    /**
     * @param function    the template's function: its handler, memory and timeout
     * @param environment the function's environment
     * @throws IllegalArgumentException when the handler cannot be loaded, with the reason
     */
    public static LocalFunction load(SamTemplate.Function function, String functionArn, Map<String, String> environment) {
        String className = function.handlerClass();
        String methodName = function.handlerMethod();
        Object instance = instantiate(className, environment);
        ContextFactory contexts = new ContextFactory(function.name(), functionArn, function.memoryMb(), function.timeoutSeconds());
        if (instance instanceof RequestStreamHandler stream && methodName.equals("handleRequest")) {
            return payload -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(payload), out, contexts.next());
                return out.toByteArray();
            };
        }
        if (instance instanceof RequestHandler<?, ?> && methodName.equals("handleRequest")) {
            return typedHandler(instance, handlerMethod(instance.getClass(), methodName), contexts);
        }
        throw new IllegalArgumentException(function.handler() + ": the local cloud runs RequestHandler and RequestStreamHandler"
                + " implementations with method handleRequest");
    }

    private static Object instantiate(String className, Map<String, String> environment) {
        try {
            Class<?> type = Class.forName(className);
            Constructor<?> constructor = type.getConstructor(Map.class);
            return constructor.newInstance(environment);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("handler class " + className + " is not on the classpath", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " needs a public constructor taking the environment"
                    + " (Map<String, String>) to run in the local cloud", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(className + " failed to initialise: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create " + className + ": " + e, e);
        }
    }

    /** The concrete (non-bridge) {@code handleRequest(Input, Context)}, whose parameter type says how to deserialise. */
    private static Method handlerMethod(Class<?> type, String name) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && m.getParameterCount() == 2
                        && m.getParameterTypes()[1] == Context.class)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " has no " + name + "(input, Context)"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static LocalFunction typedHandler(Object instance, Method method, ContextFactory contexts) {
        ClassLoader loader = instance.getClass().getClassLoader();
        PojoSerializer input = LambdaEventSerializers.serializerFor(method.getParameterTypes()[0], loader);
        PojoSerializer output = LambdaEventSerializers.serializerFor(method.getReturnType(), loader);
        RequestHandler handler = (RequestHandler) instance;
        return payload -> {
            Object result = handler.handleRequest(input.fromJson(new ByteArrayInputStream(payload)), contexts.next());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            output.toJson(result, out);
            return out.toByteArray();
        };
    }
}
