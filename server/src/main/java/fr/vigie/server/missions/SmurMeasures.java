package fr.vigie.server.missions;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import fr.vigie.mappings.registry.Measures;
import fr.vigie.server.terminology.MeasuresAtStart;
import java.util.List;
import org.hl7.fhir.r4.model.Measure;
import org.springframework.stereotype.Component;

/**
 * Stores the SMUR Measures ({@link Measures#definitions()}) at start, so the {@code measure} canonical of every
 * registry MeasureReport resolves on this server. They declare no groups, on purpose (see {@link Measures}: one group
 * per aircraft, and aircraft are data). Conditional update on {@code url}: an unchanged Measure makes no new version,
 * and a newer Vigie updates the text in place ({@link MeasuresAtStart}).
 */
@Component
public class SmurMeasures extends MeasuresAtStart {

    public SmurMeasures(DaoRegistry daoRegistry) {
        super(daoRegistry);
    }

    @Override
    protected List<Measure> measures() {
        return Measures.definitions();
    }

    @Override
    protected String withoutThem() {
        return "registry reports are stored without them: their canonical does not resolve";
    }
}
