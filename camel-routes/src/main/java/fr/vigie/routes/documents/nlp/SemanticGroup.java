package fr.vigie.routes.documents.nlp;

/** UMLS semantic groups annotated in the QUAERO French Medical Corpus, the label set of the NER model. */
public enum SemanticGroup {
    /** Anatomy. */
    ANAT,
    /** Chemicals and drugs. */
    CHEM,
    /** Devices. */
    DEVI,
    /** Disorders. */
    DISO,
    /** Geographic areas. */
    GEOG,
    /** Living beings. */
    LIVB,
    /** Objects. */
    OBJC,
    /** Phenomena. */
    PHEN,
    /** Physiology. */
    PHYS,
    /** Procedures. */
    PROC
}
