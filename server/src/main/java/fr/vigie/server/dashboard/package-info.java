/**
 * The static {@code /dashboard} pages (under {@code static/dashboard/} on the classpath): each page reads the FHIR
 * API with a bearer token it signs in for (shared script {@code /dashboard/common/vigie-dashboard.js}); charts come
 * from the ECharts WebJar. Pages and scripts are public, data is not.
 */
package fr.vigie.server.dashboard;
