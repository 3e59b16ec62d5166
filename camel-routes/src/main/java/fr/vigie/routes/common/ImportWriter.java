package fr.vigie.routes.common;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Writes accepted rows somewhere and records each row's outcome in the import's {@link ImportProgress}. The
 * production implementation is {@link FhirWriter}; tests substitute their own.
 */
public interface ImportWriter {

    /** Where rows go, as shown in reports (a FHIR base URL). May be resolved lazily on first call. */
    String target();

    /** Starts writing one import; the session is used by one thread. */
    Session open(ImportProgress progress);

    /** Writing of one import: rows may be buffered until {@link #flush()}. */
    interface Session {

        /** Writes (or buffers) one row; its outcome or rejection goes to the progress, now or at a later flush. */
        void write(RowRef row, List<? extends IBaseResource> resources);

        /** Writes every buffered row. Called once the handler has finished reading. */
        void flush();
    }
}
