package fr.vigie.server.geo;

import fr.vigie.server.geo.DzAssociations.Association;
import java.util.List;

/**
 * What one association pass over the hospitals found and did ({@code $associate-dz}, or the pass that follows DZ
 * changes).
 *
 * @param dryRun whether the pass only reported (nothing written)
 * @param maxDistanceMetres the reach used: DZs farther than this are not associated
 * @param checked hospitals read (every Location typed v3-RoleCode HOSP)
 * @param unchanged active hospitals whose association was already their nearest active DZ
 * @param inactive hospitals skipped because they are not in service (status other than active, or tagged obsolete):
 *     their association, if any, is left as it was
 * @param withoutPosition active hospitals skipped because they have no position
 * @param conflicts hospitals written by someone else while the pass ran (their own write re-associated them)
 * @param hospitals one entry per hospital that got, changed or lost its DZ, and per active hospital with no DZ within
 *     reach
 */
public record AssociationReport(
        boolean dryRun,
        double maxDistanceMetres,
        int checked,
        int unchanged,
        int inactive,
        int withoutPosition,
        int conflicts,
        List<Entry> hospitals) {

    public AssociationReport {
        hospitals = List.copyOf(hospitals);
    }

    /** How a hospital's association changed. */
    public enum Outcome {
        /** Had no DZ, now has its nearest. */
        ASSOCIATED("associated"),
        /** Had a DZ that is no longer its nearest active one (a closer DZ, its DZ retired or moved, it moved). */
        CHANGED("changed"),
        /** Had a DZ, and no active DZ is within reach any more. */
        REMOVED("removed"),
        /** Has no DZ and none is within reach. */
        NONE_IN_REACH("none-in-reach");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * One hospital of the report.
     *
     * @param hospitalId id of the hospital Location
     * @param hospitalName its name
     * @param outcome what happened
     * @param association its DZ after the pass (null for removed and none-in-reach)
     * @param previous its DZ before the pass (null for associated and none-in-reach)
     */
    public record Entry(
            String hospitalId, String hospitalName, Outcome outcome, Association association, Association previous) {}

    /** Number of entries with this outcome. */
    public long count(Outcome outcome) {
        return hospitals.stream().filter(entry -> entry.outcome() == outcome).count();
    }
}
