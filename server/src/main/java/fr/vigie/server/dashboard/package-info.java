/**
 * The missions dashboard ({@code /dashboard/missions}): a static page (under {@code static/dashboard/}) that charts SMUR
 * helicopter mission statistics read from the FHIR API ({@code MeasureReport} searches) with ECharts from its WebJar,
 * and the small controller that serves it with its security headers and tells it where to get a token.
 */
package fr.vigie.server.dashboard;
