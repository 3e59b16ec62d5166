package fr.vigie.routes.documents;

import fr.vigie.routes.common.ImportAutoConfiguration;
import fr.vigie.routes.documents.nlp.ClinicalNlp;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@code documents} feed ({@link DocumentsFeedHandler}) and the {@link DocumentPipeline} it shares with
 * the server's enrichment of DocumentReferences created through FHIR. The NLP engine is the application's
 * {@link ClinicalNlp} bean when there is one, else one built from {@code vigie.documents.nlp.*}
 * ({@link DocumentProperties.Nlp}), loaded at the first document.
 */
@AutoConfiguration(after = ImportAutoConfiguration.class)
@EnableConfigurationProperties(DocumentProperties.class)
public class DocumentsFeedConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public TextExtractor documentTextExtractor(DocumentProperties properties) {
        return new TextExtractor(properties.ocr());
    }

    @Bean
    @ConditionalOnMissingBean
    public DocumentPipeline documentPipeline(
            DocumentProperties properties, TextExtractor extractor, ObjectProvider<ClinicalNlp> nlp) {
        return new DocumentPipeline(
                properties.maxSize().toBytes(),
                extractor,
                () -> nlp.getIfAvailable(() -> new ClinicalNlp(properties.nlp().settings()))::analyze);
    }

    @Bean
    @ConditionalOnMissingBean
    public DocumentFhirMapper documentFhirMapper() {
        return new DocumentFhirMapper();
    }

    @Bean
    @ConditionalOnMissingBean
    public DocumentsFeedHandler documentsFeedHandler(DocumentPipeline pipeline, DocumentFhirMapper mapper) {
        return new DocumentsFeedHandler(pipeline, mapper);
    }
}
