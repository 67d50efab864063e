package io.vpclattice.multicluster.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Built-in Kubernetes objects checked against the Kubernetes API's own model (fabric8's classes, generated from the
 * API's OpenAPI definitions): every field must be one the API defines, of its type. fabric8 keeps fields it does not
 * know in {@code additionalProperties} instead of refusing them, so those are walked and reported.
 */
public final class KubernetesSchemas {
    private KubernetesSchemas() {}

    private static final Map<String, Class<?>> KINDS = Map.of(
            "v1:Namespace", Namespace.class,
            "v1:Service", Service.class,
            "v1:ServiceAccount", ServiceAccount.class,
            "apps/v1:Deployment", Deployment.class,
            "networking.k8s.io/v1:NetworkPolicy", NetworkPolicy.class);

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** Whether the kind is one this checks. */
    public static boolean knows(String apiVersion, String kind) {
        return KINDS.containsKey(apiVersion + ":" + kind);
    }

    /** What is wrong with {@code object}: fields the API does not define, values of the wrong type; empty if nothing. */
    public static List<String> problems(Map<String, Object> object) {
        String key = object.get("apiVersion") + ":" + object.get("kind");
        Class<?> type = KINDS.get(key);
        if (type == null) {
            return List.of("no model for " + key);
        }
        Object model;
        try {
            model = STRICT.convertValue(integral(object), type);
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        var problems = new ArrayList<String>();
        walk(model, key, problems);
        return problems;
    }

    /**
     * The object with whole numbers as ints: the plan holds every number as a long or a double (8080.0), which the
     * model's int-or-string fields refuse though the program wrote 8080.
     */
    private static Object integral(Object value) {
        if (value instanceof Number number
                && number.doubleValue() == Math.rint(number.doubleValue())
                && number.doubleValue() >= Integer.MIN_VALUE
                && number.doubleValue() <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new java.util.LinkedHashMap<Object, Object>();
            map.forEach((k, v) -> copy.put(k, integral(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(KubernetesSchemas::integral).toList();
        }
        return value;
    }

    private static void walk(Object node, String path, List<String> problems) {
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.")) {
            if (node instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    walk(item, path + "[" + i++ + "]", problems);
                }
            } else if (node instanceof Map<?, ?> map && !path.endsWith("additionalProperties")) {
                map.forEach((k, v) -> walk(v, path + "." + k, problems));
            }
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet()
                            .forEach(field -> problems.add(path + "." + field + ": not a field of "
                                    + node.getClass().getSimpleName()));
                }
            } else {
                walk(value, path + "." + propertyName(getter), problems);
            }
        }
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
