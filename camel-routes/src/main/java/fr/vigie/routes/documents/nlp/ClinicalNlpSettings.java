package fr.vigie.routes.documents.nlp;

import java.nio.file.Path;

/**
 * Where {@link ClinicalNlp} takes its dictionaries and models from. Each path is optional: null means the small
 * built-in resource under {@code classpath:nlp/} (documented with its provenance beside it).
 *
 * @param cim10File a full CIM-10 FR list, CSV {@code code,code_atih,libelle,niveau} (the layout of
 *     {@code shared/data/cim10-fr/cim10_fr_2025_pmsi.csv}); null: the built-in subset {@code nlp/cim10/}. The full list
 *     is not redistributable with Vigie (see SOURCE.txt of the data), hence a configured path
 * @param bdpmSpecialitesFile BDPM {@code CIS_bdpm} as CSV (layout of {@code shared/data/bdpm/bdpm_specialites_2024.csv});
 *     null: the built-in subset {@code nlp/bdpm/}
 * @param bdpmCompositionsFile BDPM {@code CIS_COMPO_bdpm} as CSV (substances, to find a drug named by its substance);
 *     null: the built-in subset, or none when only {@code bdpmSpecialitesFile} is given
 * @param nerModelFile an OpenNLP NER model (.bin) trained on QUAERO; null: the shipped model {@code nlp/models/quaero-ner/1/}
 * @param nerEnabled false to skip the NER model (faster; {@link DocumentFacts#entities()} stays empty)
 */
public record ClinicalNlpSettings(
        Path cim10File, Path bdpmSpecialitesFile, Path bdpmCompositionsFile, Path nerModelFile, boolean nerEnabled) {

    /** Built-in dictionaries and model, NER on. */
    public static ClinicalNlpSettings defaults() {
        return new ClinicalNlpSettings(null, null, null, null, true);
    }

    /** Same settings with NER switched on or off. */
    public ClinicalNlpSettings withNer(boolean enabled) {
        return new ClinicalNlpSettings(cim10File, bdpmSpecialitesFile, bdpmCompositionsFile, nerModelFile, enabled);
    }
}
