package fr.vigie.routes.common;

/**
 * Told about every import that completed (HTTP, async job or inbox), after its rows were written and before the
 * caller gets the report; the server uses it to refresh statistics derived from imported resources. A listener that
 * fails is logged and does not fail the import.
 */
@FunctionalInterface
public interface ImportListener {

    void imported(ImportReport report);
}
