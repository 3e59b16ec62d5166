package fr.vigie.server.triage;

/** The arrival-mode CodeSystem of the terminology module. */
public final class ArrivalModeSystem {

    /** Canonical URL. */
    public static final String URL = "https://vigie.example.org/fhir/CodeSystem/arrival-mode";

    private ArrivalModeSystem() {}
}
