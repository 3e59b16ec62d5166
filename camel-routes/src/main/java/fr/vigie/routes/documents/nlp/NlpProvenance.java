package fr.vigie.routes.documents.nlp;

/**
 * What produced a {@link DocumentFacts}: to be recorded with derived resources (e.g. as {@code Provenance} or a note),
 * since clinical outputs are decision support and must name their basis.
 *
 * @param engine engine name and version, e.g. "vigie-clinical-nlp 1"
 * @param sentenceModel OpenNLP sentence model used, e.g. "opennlp-models-sentdetect-fr 1.3.0"
 * @param nerModel NER model id and version (see its model card), or "none" when NER is disabled
 * @param cim10 CIM-10 dictionary used (built-in subset or the configured file)
 * @param bdpm BDPM dictionary used (built-in subset or the configured files)
 */
public record NlpProvenance(String engine, String sentenceModel, String nerModel, String cim10, String bdpm) {}
