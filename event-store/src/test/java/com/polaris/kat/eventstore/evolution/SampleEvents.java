package com.polaris.kat.eventstore.evolution;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Every event type of the contract, and a filled-in instance of each, for pinning samples. */
final class SampleEvents {

    private SampleEvents() {
    }

    /**
     * Every event record: the records nested in a {@code …Events} class under {@code com.polaris.kat.events},
     * less the value records that only serve as a component of another one there (e.g. a series' class day).
     */
    static List<Class<?>> eventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*Events\\$[A-Za-z0-9]+")));
        List<Class<?>> types = new java.util.ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("com.polaris.kat.events")) {
            Class<?> c = load(candidate.getBeanClassName());
            if (c.isRecord()) {
                types.add(c);
            }
        }
        Set<Class<?>> components = new java.util.HashSet<>();
        for (Class<?> t : types) {
            for (RecordComponent c : t.getRecordComponents()) {
                components.add(c.getType());
                if (c.getGenericType() instanceof ParameterizedType p) {
                    for (Type a : p.getActualTypeArguments()) {
                        if (a instanceof Class<?> k) {
                            components.add(k);
                        }
                    }
                }
            }
        }
        types.removeIf(components::contains);
        types.sort(Comparator.comparing(Class::getName));
        return types;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An instance of {@code type} with every component filled in (no nulls, one element per list). */
    static Object instance(Class<?> type) {
        return value(type, type, "sample");
    }

    private static Object value(Type generic, Class<?> raw, String name) {
        if (raw == String.class) {
            return name + "-1";
        }
        if (raw == int.class || raw == Integer.class) {
            return 3;
        }
        if (raw == long.class || raw == Long.class) {
            return 12_345L;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == BigDecimal.class) {
            return new BigDecimal("8");
        }
        if (raw == Instant.class) {
            return Instant.parse("2023-10-10T16:04:00Z");
        }
        if (raw == LocalDate.class) {
            return LocalDate.parse("2023-10-10");
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            Object one = value(element, rawOf(element), name);
            return Set.class.isAssignableFrom(raw) ? Set.of(one) : List.of(one);
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type[] kv = ((ParameterizedType) generic).getActualTypeArguments();
            return Map.of(value(kv[0], rawOf(kv[0]), name + "-key"), value(kv[1], rawOf(kv[1]), name));
        }
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = value(components[i].getGenericType(), components[i].getType(), components[i].getName());
            }
            try {
                Constructor<?> c = raw.getDeclaredConstructor(types);
                c.setAccessible(true);
                return c.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build a sample " + raw.getName(), e);
            }
        }
        // value objects with a static factory of one long (Money.ofCents) or one String
        for (var m : raw.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isStatic(m.getModifiers()) && m.getReturnType() == raw && m.getParameterCount() == 1) {
                try {
                    if (m.getParameterTypes()[0] == long.class) {
                        return m.invoke(null, 12_345L);
                    }
                    if (m.getParameterTypes()[0] == String.class) {
                        return m.invoke(null, name);
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // try the next factory
                }
            }
        }
        throw new IllegalStateException("no sample value for " + raw.getName() + " (" + name + "): teach SampleEvents");
    }

    private static Class<?> rawOf(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
    }
}
