/**
 * Emergency triage groundwork (issue 7): vital signs and their units, physiological plausibility checks, the
 * NEWS2 score, documented safety rules, the KTAS data set reader, evaluation metrics and the bilingual complaint
 * categoriser. Plain Java with no HAPI or Spring types, so it can be tested, trained and benchmarked without a
 * server; the {@code $triage} operation will build on it.
 */
package fr.vigie.server.triage;
