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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;

/**
 * Which aggregate a command targets: the member its class marks {@code @TargetAggregateIdentifier} (and
 * {@code @TargetAggregateVersion}, when marked), read as Axon's {@link AnnotationCommandTargetResolver}
 * reads them, with the members found once per command class instead of by scanning the class's
 * annotations for every command (issue 12's profile: 2 % of a registration's request thread). A command
 * without a target gets Axon's resolver's error ({@code IllegalArgumentException} naming the class).
 * <p>
 * Used for every aggregate (a {@link CommandTargetResolver} bean, which Axon's Spring configuration takes
 * for each aggregate) and by the web layer's {@code CommandSender}.
 */
public final class CommandTargets implements CommandTargetResolver {

    private final AnnotationCommandTargetResolver annotations = AnnotationCommandTargetResolver.builder().build();
    private final ClassValue<TargetMembers> members = new ClassValue<>() {
        @Override
        protected TargetMembers computeValue(Class<?> type) {
            return TargetMembers.of(type);
        }
    };

    /**
     * @return the target aggregate's id and expected version (null: any)
     * @throws IllegalArgumentException when the command names no target (Axon's message)
     */
    @Override
    public VersionedAggregateIdentifier resolveTarget(@Nonnull CommandMessage<?> command) {
        TargetMembers target = members.get(command.getPayloadType());
        Object payload = command.getPayload();
        Object id = target.identifier() == null ? null : read(target.identifier(), payload);
        if (id == null) {
            return annotations.resolveTarget(command); // Axon's error for a command without a target
        }
        Object version = target.version() == null ? null : read(target.version(), payload);
        return new VersionedAggregateIdentifier(id, version == null ? null
                : version instanceof Number n ? n.longValue() : Long.parseLong(version.toString()));
    }

    private static Object read(Member member, Object payload) {
        try {
            return member instanceof Method m ? m.invoke(payload) : ((Field) member).get(payload);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information from a command", e);
        }
    }

    /**
     * The annotated members of one command class, as Axon's resolver picks them: the first annotated method,
     * else the first annotated field (a record component's annotation is on both); null where none is.
     */
    private record TargetMembers(Member identifier, Member version) {
        static TargetMembers of(Class<?> type) {
            return new TargetMembers(annotated(type, TargetAggregateIdentifier.class), annotated(type, TargetAggregateVersion.class));
        }

        private static Member annotated(Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation) {
            for (Method method : ReflectionUtils.methodsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                    return ReflectionUtils.ensureAccessible(method);
                }
            }
            for (Field field : ReflectionUtils.fieldsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                    return ReflectionUtils.ensureAccessible(field);
                }
            }
            return null;
        }
    }
}
