/**
 * French clinical NLP for patient-record documents (issue 6 item 3): sentences (OpenNLP), rule-based tokens, vital
 * signs with UCUM units and FHIR vital-signs LOINC codes, assertion context (negation, hypothesis, history, family
 * history), age, sex, arrival mode and chief complaint, diagnoses coded in CIM-10 FR, prescription lines coded with
 * BDPM CIS codes, and medical entities from an OpenNLP NER model trained on QUAERO. Plain Java: no Spring, no Camel, no
 * HAPI types, so it can be tested, trained and evaluated on its own. Entry point: {@link
 * fr.vigie.routes.documents.nlp.ClinicalNlp#analyze(String)}.
 */
package fr.vigie.routes.documents.nlp;
