package fr.vigie.routes.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Test sink for feed handlers: keeps what a handler reported, by row, and the order rows were reported in. */
public final class RecordingSink implements ImportSink {

    public final Map<RowRef, List<? extends IBaseResource>> accepted = new LinkedHashMap<>();
    public final Map<RowRef, String> rejected = new LinkedHashMap<>();
    public final Map<RowRef, String> warnings = new LinkedHashMap<>();
    public final List<RowRef> order = new ArrayList<>();

    @Override
    public void accept(RowRef row, List<? extends IBaseResource> resources) {
        order.add(row);
        accepted.put(row, resources);
    }

    @Override
    public void reject(RowRef row, String reason) {
        order.add(row);
        rejected.put(row, reason);
    }

    @Override
    public void warn(RowRef row, String message) {
        warnings.merge(row, message, (a, b) -> a + "; " + b);
    }
}
