package fr.vigie.routes.common;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Test writer behaving like an idempotent server: a resource is created the first time its conditional URL is
 * seen and unchanged afterwards. Rows are buffered until {@link Session#flush()}, like {@link FhirWriter}.
 */
class RecordingWriter implements ImportWriter {

    private final Set<String> stored = new HashSet<>();

    @Override
    public String target() {
        return "https://fhir.example.org/fhir";
    }

    @Override
    public synchronized Session open(ImportProgress progress) {
        return new Session() {
            private final Map<RowRef, List<? extends IBaseResource>> pending = new LinkedHashMap<>();

            @Override
            public void write(RowRef row, List<? extends IBaseResource> resources) {
                pending.put(row, resources);
            }

            @Override
            public void flush() {
                pending.forEach((row, resources) -> {
                    RowOutcome outcome = RowOutcome.UNCHANGED;
                    for (IBaseResource resource : resources) {
                        boolean added;
                        synchronized (RecordingWriter.this) {
                            added = stored.add(BusinessIdentifiers.conditionalUrl(resource));
                        }
                        outcome = outcome.combine(added ? RowOutcome.CREATED : RowOutcome.UNCHANGED);
                    }
                    progress.record(row, outcome);
                });
                pending.clear();
            }
        };
    }

    synchronized int stored() {
        return stored.size();
    }
}
