package fr.vigie.server.config;

/**
 * Marker for HAPI server interceptors (classes with {@code @Hook} or {@code @Interceptor} methods) that
 * {@link FhirServletConfig} registers on the FHIR endpoint. Declaring an interceptor as a bean implementing this
 * interface is the only registration step.
 */
public interface FhirServerInterceptor {}
