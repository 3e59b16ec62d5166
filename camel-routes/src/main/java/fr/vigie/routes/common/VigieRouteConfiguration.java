package fr.vigie.routes.common;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * The error handling shared by Vigie's routes (route configuration {@value #ID}; a route opts in with
 * {@code .routeConfigurationId(VigieRouteConfiguration.ID)}).
 *
 * <p>No redelivery: a file that failed once fails again, and a FHIR server outage is reported, not hammered.
 * Exceptions stay unhandled so consumers see the exchange as failed (the file consumer then applies
 * {@code moveFailed}). {@link ImportException}s are expected failures already described in the import's report
 * and the {@code .error.txt} sidecar: they are logged on one line, without a stack trace; anything else is a bug
 * and is logged in full.
 */
public class VigieRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "vigie-errors";

    @Override
    public void configuration() {
        // One call per clause: end() does not leave an onException inside a route configuration, so chaining a
        // second onException would only add its class to the first clause.
        RouteConfigurationDefinition configuration = routeConfiguration(ID);
        configuration
                .onException(ImportException.class)
                .handled(false)
                .maximumRedeliveries(0)
                .logStackTrace(false)
                .logExhaustedMessageHistory(false)
                .retriesExhaustedLogLevel(LoggingLevel.WARN);
        configuration
                .onException(Exception.class)
                .handled(false)
                .maximumRedeliveries(0)
                .logStackTrace(true)
                .logExhaustedMessageHistory(true)
                .retriesExhaustedLogLevel(LoggingLevel.ERROR);
    }
}
