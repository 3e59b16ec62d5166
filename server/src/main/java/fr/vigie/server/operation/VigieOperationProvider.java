package fr.vigie.server.operation;

/**
 * Marker for plain providers of Vigie's custom FHIR operations ({@code $nearest-dz}, {@code $triage}...). A Spring
 * bean implementing it is registered on the FHIR endpoint and so appears in the CapabilityStatement with its
 * OperationDefinition. Resource-typed operations use HAPI's {@code @Operation(type = ...)} on the plain provider.
 */
public interface VigieOperationProvider {}
