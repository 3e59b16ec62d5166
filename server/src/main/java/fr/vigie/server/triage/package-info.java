/**
 * Emergency triage (issue 7, {@code $triage}): vital signs and their units, physiological plausibility checks, the
 * NEWS2 score, documented safety rules, the KTAS data set reader, evaluation metrics, the bilingual complaint
 * categoriser, the XGBoost triage model with its training and evaluation command ({@link
 * fr.vigie.server.triage.TriageModelTool}), and the FHIR operation.
 */
package fr.vigie.server.triage;
