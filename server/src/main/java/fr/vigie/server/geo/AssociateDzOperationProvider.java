package fr.vigie.server.geo;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import fr.vigie.server.geo.AssociationReport.Entry;
import fr.vigie.server.geo.DzAssociations.Association;
import fr.vigie.server.operation.VigieOperationProvider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@code POST [base]/Location/$associate-dz}: associates every active hospital with its nearest active dropping zone
 * now ({@link DzAssociator#associateAll}) and reports what changed. Parameter {@code dryRun} (boolean, default false)
 * reports without writing.
 *
 * <p>Answer: {@code Parameters} with
 *
 * <ul>
 *   <li>{@code dryRun} (boolean), {@code maxDistance} (Quantity, m: the reach), and the integer counts {@code checked}
 *       (hospitals read), {@code associated}, {@code changed}, {@code removed}, {@code noneInReach}, {@code
 *       unchanged}, {@code inactive} (not in service, left alone), {@code withoutPosition}, {@code conflicts}
 *       (hospitals written by someone else meanwhile, whose own write re-associated them);
 *   <li>one {@code hospital} per hospital that got, changed or lost its DZ and per active hospital with no DZ within
 *       reach, with parts {@code location} (Reference to the hospital, display = name), {@code outcome} (code: {@code
 *       associated}, {@code changed}, {@code removed}, {@code none-in-reach}), {@code dropZone} and {@code distance}
 *       (the DZ now, metres), {@code previousDropZone} and {@code previousDistance} (the DZ before).
 * </ul>
 */
@Component
public class AssociateDzOperationProvider implements VigieOperationProvider {

    public static final String OPERATION = "$associate-dz";
    public static final String DRY_RUN = "dryRun";

    private static final String UCUM = "http://unitsofmeasure.org";

    private final DzAssociator associator;

    public AssociateDzOperationProvider(DzAssociator associator) {
        this.associator = associator;
    }

    @Description(
            shortDefinition = "Associate hospitals with their nearest dropping zone",
            value = "Gives every active hospital (Location typed v3-RoleCode HOSP) its nearest active dropping zone"
                    + " within reach as extension " + DzAssociations.EXTENSION + " and reports which hospitals got,"
                    + " changed or lost a dropping zone, and which have none within reach")
    @Operation(name = OPERATION, type = Location.class, idempotent = false)
    public Parameters associate(
            @Description(value = "Only report what would change, write nothing (default false)")
                    @OperationParam(name = DRY_RUN, max = 1)
                    BooleanType dryRun) {
        AssociationReport report = associator.associateAll(dryRun != null && dryRun.booleanValue());
        Parameters out = new Parameters();
        out.addParameter().setName(DRY_RUN).setValue(new BooleanType(report.dryRun()));
        out.addParameter()
                .setName("maxDistance")
                .setValue(metres(BigDecimal.valueOf(report.maxDistanceMetres()).setScale(0, RoundingMode.HALF_EVEN)));
        count(out, "checked", report.checked());
        count(out, "associated", report.count(AssociationReport.Outcome.ASSOCIATED));
        count(out, "changed", report.count(AssociationReport.Outcome.CHANGED));
        count(out, "removed", report.count(AssociationReport.Outcome.REMOVED));
        count(out, "noneInReach", report.count(AssociationReport.Outcome.NONE_IN_REACH));
        count(out, "unchanged", report.unchanged());
        count(out, "inactive", report.inactive());
        count(out, "withoutPosition", report.withoutPosition());
        count(out, "conflicts", report.conflicts());
        for (Entry entry : report.hospitals()) {
            Parameters.ParametersParameterComponent hospital =
                    out.addParameter().setName("hospital");
            hospital.addPart()
                    .setName("location")
                    .setValue(new Reference("Location/" + entry.hospitalId()).setDisplay(entry.hospitalName()));
            hospital.addPart()
                    .setName("outcome")
                    .setValue(new CodeType(entry.outcome().code()));
            dropZone(hospital, "dropZone", "distance", entry.association());
            dropZone(hospital, "previousDropZone", "previousDistance", entry.previous());
        }
        return out;
    }

    private static void count(Parameters out, String name, long value) {
        out.addParameter().setName(name).setValue(new IntegerType(Math.toIntExact(value)));
    }

    private static void dropZone(
            Parameters.ParametersParameterComponent hospital, String name, String distance, Association association) {
        if (association == null) {
            return;
        }
        hospital.addPart()
                .setName(name)
                .setValue(new Reference("Location/" + association.dropZoneId()).setDisplay(association.display()));
        hospital.addPart().setName(distance).setValue(metres(association.distanceMetres()));
    }

    private static Quantity metres(BigDecimal value) {
        return new Quantity().setValue(value).setUnit("m").setSystem(UCUM).setCode("m");
    }
}
