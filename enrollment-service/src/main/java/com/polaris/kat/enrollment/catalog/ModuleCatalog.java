package com.polaris.kat.enrollment.catalog;

import java.math.BigDecimal;
import java.util.Optional;

/** What scheduling a series needs to know about the program's modules. */
public interface ModuleCatalog {

    record ModuleDefinition(String code, String title, BigDecimal ceHours) {
    }

    Optional<ModuleDefinition> find(String moduleCode);
}
