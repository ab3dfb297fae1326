package com.polaris.kat.enrollment.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code @NotBlank} on a request field means it holds something a reader can see: not null, and not only white space of
 * any kind or characters that draw nothing ({@code InvisibleCharacters.blank}: U+200B, a no-break space, a variation
 * selector…). Hibernate Validator's own check counts only what {@code String.trim} removes, so a fresh reviewer's class-day
 * move and make-up cancellation with the reason U+200B were recorded, for participants and auditors to read nothing. One
 * rule for every {@code @NotBlank} field of the service (reasons, titles, names, ids), replacing the built-in validator; the
 * answer stays {@code 400 invalid-request} naming the field, as for an empty one.
 */
public class VisibleNotBlank implements ConstraintValidator<NotBlank, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return !com.polaris.kat.security.strict.InvisibleCharacters.blank(value);
    }

    /** Registers the validator for {@code @NotBlank} in place of Hibernate Validator's (Spring Boot's validator bootstrap). */
    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        static ValidationConfigurationCustomizer visibleNotBlankValidation() {
            return configuration -> {
                HibernateValidatorConfiguration hibernate = (HibernateValidatorConfiguration) configuration;
                ConstraintMapping mapping = hibernate.createConstraintMapping();
                mapping.constraintDefinition(NotBlank.class).includeExistingValidators(false).validatedBy(VisibleNotBlank.class);
                hibernate.addMapping(mapping);
            };
        }
    }
}
