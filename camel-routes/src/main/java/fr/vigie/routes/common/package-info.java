/**
 * The import framework shared by every feed: one {@link fr.vigie.routes.common.FeedHandler} bean per feed parses
 * files into FHIR resources, {@link fr.vigie.routes.common.ImportService} runs imports (HTTP, inbox, asynchronous
 * jobs) and produces an {@link fr.vigie.routes.common.ImportReport}, {@link fr.vigie.routes.common.FhirWriter}
 * writes rows as conditional updates in FHIR transactions, and {@link fr.vigie.routes.common.InboxRoute} watches one
 * folder per feed.
 */
package fr.vigie.routes.common;
