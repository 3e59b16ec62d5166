package fr.vigie.routes.documents.nlp;

/**
 * Assertion status of a fact in its sentence (in the spirit of NegEx / ConText). Only {@link #PRESENT} facts describe
 * the patient's current state; a consumer must not assert the others as present (issue 6 item 4).
 */
public enum Assertion {
    /** Stated as present now ("fièvre à 39", "FC 110"). */
    PRESENT,
    /** Stated as absent ("pas de fièvre", "apyrétique", "absence de douleur thoracique"). */
    NEGATED,
    /** Suspected or to rule out ("suspicion de", "probable", "?", "à éliminer"). */
    HYPOTHETICAL,
    /** Part of the patient's past history ("antécédents", "ATCD", "aux antécédents de"). */
    HISTORY,
    /** Concerns a relative, not the patient ("antécédents familiaux", "mère diabétique"). */
    FAMILY_HISTORY
}
