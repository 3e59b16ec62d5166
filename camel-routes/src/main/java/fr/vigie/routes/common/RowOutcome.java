package fr.vigie.routes.common;

/**
 * What writing one row did on the FHIR server. A row with several resources is {@link #CREATED} if any was
 * created, else {@link #UPDATED} if any changed, else {@link #UNCHANGED}: see {@link #combine(RowOutcome)}.
 */
public enum RowOutcome {
    UNCHANGED,
    UPDATED,
    CREATED;

    /** The outcome of a row holding both this resource outcome and {@code other}. */
    public RowOutcome combine(RowOutcome other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
