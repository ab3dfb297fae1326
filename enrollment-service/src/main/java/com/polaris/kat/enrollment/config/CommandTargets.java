package com.polaris.kat.enrollment.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import javax.annotation.Nonnull;
import java.lang.reflect.Field;

/**
 * Which aggregate a command targets: the field its class marks {@code @TargetAggregateIdentifier} (and
 * {@code @TargetAggregateVersion}, when marked), as Axon's {@link AnnotationCommandTargetResolver} reads
 * them, with the fields found once per command class instead of by scanning the class's annotations for
 * every command (issue 12's profile: 2 % of a registration's request thread). A command class whose
 * target is not a field (an annotated method, or none) is left to Axon's resolver, with its errors
 * ({@code IllegalArgumentException} naming the class when there is no target).
 * <p>
 * Used for every aggregate (a {@link CommandTargetResolver} bean, which Axon's Spring configuration takes
 * for each aggregate) and by the web layer's {@code CommandSender}.
 */
public final class CommandTargets implements CommandTargetResolver {

    private final AnnotationCommandTargetResolver annotations = AnnotationCommandTargetResolver.builder().build();
    private final ClassValue<TargetFields> fields = new ClassValue<>() {
        @Override
        protected TargetFields computeValue(Class<?> type) {
            return TargetFields.of(type);
        }
    };

    /**
     * @return the target aggregate's id (the field's value as text) and expected version (null: any)
     * @throws IllegalArgumentException when the command names no target (Axon's message)
     */
    @Override
    public VersionedAggregateIdentifier resolveTarget(@Nonnull CommandMessage<?> command) {
        TargetFields target = fields.get(command.getPayloadType());
        if (target == null) {
            return annotations.resolveTarget(command);
        }
        Object payload = command.getPayload();
        Object id = read(target.identifier(), payload);
        if (id == null) {
            return annotations.resolveTarget(command); // Axon's error for a command without a target
        }
        Object version = target.version() == null ? null : read(target.version(), payload);
        return new VersionedAggregateIdentifier(id, version == null ? null
                : version instanceof Number n ? n.longValue() : Long.parseLong(version.toString()));
    }

    private static Object read(Field field, Object payload) {
        try {
            return field.get(payload);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("The target of " + payload.getClass().getSimpleName() + " cannot be read", e);
        }
    }

    /** The annotated fields of one command class; null when its target is not a field (left to Axon's resolver). */
    private record TargetFields(Field identifier, Field version) {
        static TargetFields of(Class<?> type) {
            Field identifier = null;
            Field version = null;
            for (Field field : ReflectionUtils.fieldsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(field, TargetAggregateIdentifier.class)) {
                    identifier = identifier == null ? ReflectionUtils.ensureAccessible(field) : identifier;
                } else if (AnnotationUtils.isAnnotationPresent(field, TargetAggregateVersion.class)) {
                    version = version == null ? ReflectionUtils.ensureAccessible(field) : version;
                }
            }
            for (java.lang.reflect.Method method : ReflectionUtils.methodsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(method, TargetAggregateIdentifier.class)
                        || AnnotationUtils.isAnnotationPresent(method, TargetAggregateVersion.class)) {
                    return null;
                }
            }
            return identifier == null ? null : new TargetFields(identifier, version);
        }
    }
}
