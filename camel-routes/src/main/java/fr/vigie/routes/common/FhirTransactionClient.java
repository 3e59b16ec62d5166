package fr.vigie.routes.common;

import org.hl7.fhir.r4.model.Bundle;

/**
 * The one call {@link FhirWriter} makes on a FHIR server, kept behind an interface so the batching and
 * classification logic is tested without a server.
 */
public interface FhirTransactionClient {

    /** Base URL of the server written to. */
    String baseUrl();

    /**
     * Posts a transaction Bundle and returns the transaction-response Bundle.
     *
     * @throws ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException when the server refuses it (with its
     *     OperationOutcome) or cannot be reached ({@link ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException})
     */
    Bundle transaction(Bundle transaction);
}
