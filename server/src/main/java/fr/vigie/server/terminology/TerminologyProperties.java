package fr.vigie.server.terminology;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Terminology loading settings, bound from {@code vigie.terminology.*}.
 *
 * @param loadOnStartup load the built-in CodeSystems, ValueSets, ConceptMaps and NamingSystems at start (default true)
 * @param cim10File optional path to a full CIM-10 FR code list (CSV with columns {@code code,code_atih,libelle,niveau},
 *     the format of ATIH-derived lists); when set it replaces the built-in chapter-J fragment under the same URL
 * @param cim10Version version given to the CodeSystem built from {@code cim10File} (default {@code 2025})
 */
@Validated
@ConfigurationProperties("vigie.terminology")
public record TerminologyProperties(
        @DefaultValue("true") boolean loadOnStartup,
        @DefaultValue("") String cim10File,
        @DefaultValue("2025") String cim10Version) {}
