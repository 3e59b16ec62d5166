package fr.vigie.server.config;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binstore.DatabaseBinaryContentStorageSvcImpl;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * HAPI FHIR JPA storage for R4: the persistence unit, the transaction manager and the storage settings.
 *
 * <p>The database itself comes from Spring Boot's {@code spring.datasource.*} (profile {@code h2} or
 * {@code postgres}); Hibernate settings, including the HAPI dialect, come from {@code spring.jpa.properties.*}.
 * Batch2 is imported because reindexing after a SearchParameter change and {@code $expunge} run as Batch2 jobs;
 * they talk through HAPI's in-memory broker ({@link SubscriptionChannelConfig}).
 */
@Configuration
@EnableTransactionManagement
@EnableConfigurationProperties({FhirProperties.class, JpaProperties.class})
@Import({
    JpaR4Config.class,
    HapiJpaConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    ThreadPoolFactoryConfig.class,
    SubscriptionChannelConfig.class
})
public class JpaConfig {

    @Bean
    public JpaStorageSettings jpaStorageSettings(FhirProperties fhir) {
        JpaStorageSettings settings = new JpaStorageSettings();
        settings.setAllowExternalReferences(fhir.allowExternalReferences());
        // No fetch-size maximum (HAPI's default): capped at max-page-size it ended every search at 500 results, so a
        // client paging a larger result stopped there and the forecaster's history searches read 500 of 1,461 daily
        // reports (the demo model could not be trained). Page size stays capped by max-page-size (paging provider);
        // the search cache fills in HAPI's prefetch steps, not all at once.
        // Missing-field indexing makes ":missing" searches work; the cost is a few rows per resource.
        settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.ENABLED);
        // Imports rely on conditional references (Location?identifier=...) resolving inside transactions.
        settings.setAllowInlineMatchUrlReferences(true);
        settings.setEnforceReferentialIntegrityOnWrite(true);
        settings.setEnforceReferentialIntegrityOnDelete(true);
        settings.setAutoCreatePlaceholderReferenceTargets(false);
        // Conditional create/update by business identifier is how every feed stays idempotent.
        settings.setMatchUrlCacheEnabled(true);
        settings.setDeleteExpungeEnabled(false);
        settings.setExpungeEnabled(false);
        // _content / _text searches (DocumentReference full text, issue 6). What is indexed is chosen per type by
        // fr.vigie.server.documents.DocumentTextIndexer: the extracted text of documents, nothing for other types.
        settings.setHibernateSearchIndexFullText(true);
        return settings;
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    @Primary
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            DataSource dataSource,
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            JpaProperties jpaProperties) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);
        Properties properties = new Properties();
        properties.putAll(jpaProperties.getProperties());
        factory.setJpaProperties(properties);
        return factory;
    }

    @Bean
    @Primary
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    @Lazy
    public IBinaryStorageSvc binaryStorageSvc() {
        return new DatabaseBinaryContentStorageSvcImpl();
    }
}
