package io.vpclattice.multicluster.stacks;

import com.fasterxml.jackson.databind.JavaType;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.StackReference;
import io.vpclattice.multicluster.Mappers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack's outputs as one record: each component is one stack output of the same name and type (lists and maps
 * as native outputs, never joined strings), so an output is named once, in the record, and its readers and writers
 * agree on its type at compile time.
 */
final class StackOutputs {
    private StackOutputs() {}

    /**
     * Marks an output that stacks deployed by an older version of the program do not have; a reader gets its
     * empty value instead of a refusal.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface AddedLater {}

    /**
     * Exports every component of the record as a stack output. A component may itself be an {@link Output} (a
     * secret, a value known after creation): it is exported as it is, keeping its secrecy.
     */
    static <R extends Record> void export(Context ctx, Class<R> type, Output<R> outputs) {
        for (RecordComponent component : type.getRecordComponents()) {
            ctx.export(component.getName(), outputs.apply(record -> {
                Object value = valueOf(component, record);
                return value instanceof Output<?> output ? output.applyValue(v -> (Object) v) : Output.of(value);
            }));
        }
    }

    /**
     * Reads every component of the record from another stack's outputs, before any resource is registered.
     *
     * @param stackName how the messages name the other stack, e.g. {@code environment}
     * @throws RunException naming the output and what to run when one is missing or of another type
     */
    static <R extends Record> R read(StackReference reference, Class<R> type, String stackName) {
        RecordComponent[] components = type.getRecordComponents();
        var values = new ArrayList<Object>();
        var types = new ArrayList<Class<?>>();
        for (RecordComponent component : components) {
            Object raw = ClusterFacts.await(reference.getValueAsync(component.getName()));
            values.add(convert(component, raw, stackName));
            types.add(component.getType());
        }
        try {
            return type.getDeclaredConstructor(types.toArray(Class<?>[]::new)).newInstance(values.toArray());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + " from its outputs", e);
        }
    }

    private static Object convert(RecordComponent component, Object raw, String stackName) {
        JavaType target = Mappers.JSON.getTypeFactory().constructType(component.getGenericType());
        boolean addedLater = component.isAnnotationPresent(AddedLater.class);
        String again = "run `pulumi up` on the " + stackName + " stack first (again, after an upgrade of this program)";
        if (raw == null || (raw instanceof String s && s.isEmpty() && !addedLater)) {
            if (!addedLater) {
                throw new RunException(stackName + " output " + component.getName() + " is missing: " + again);
            }
            return emptyOf(target);
        }
        try {
            return Mappers.JSON.convertValue(raw, target);
        } catch (IllegalArgumentException e) {
            throw new RunException(stackName + " output " + component.getName() + " is not a " + describe(target)
                    + " (an older version of the program deployed it): " + again);
        }
    }

    private static Object emptyOf(JavaType type) {
        if (type.isCollectionLikeType()) {
            return List.of();
        }
        if (type.isMapLikeType()) {
            return java.util.Map.of();
        }
        return "";
    }

    private static String describe(JavaType type) {
        if (type.isCollectionLikeType()) {
            return "list";
        }
        return type.isMapLikeType() ? "map" : type.getRawClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
