package fr.vigie.server.los;

import fr.vigie.server.triage.FrenchLevel;
import fr.vigie.server.triage.TriageEngine;
import fr.vigie.server.triage.TriageInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Coding;

/**
 * Features of the inpatient length-of-stay model (days), trained from the server's own finished inpatient
 * Encounters by {@code $los-train}: {@code age} (years), {@code sexMale}, one indicator per arrival group (as
 * {@link fr.vigie.server.triage.TriageFeatures}), {@code triageLevel} (KTAS 1–5 from the Encounter's {@code
 * priority} or the {@code triageLevel} parameter, else missing), {@code diagnosisCount}, and one indicator per
 * CIM-10 letter {@code diagnosis:A} … {@code diagnosis:Z} (the letter broadly gives the chapter: J respiratory, I
 * circulatory, S and T injuries...), all missing when no diagnosis is known.
 */
public final class InpatientLos {

    /** Arrival groups, as in the triage features. */
    static final List<String> ARRIVAL_GROUPS =
            List.of("walk-in", "private-vehicle", "public-ambulance", "private-ambulance", "other");

    /** Feature names in vector order. */
    public static final List<String> NAMES = names();

    private InpatientLos() {}

    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of("age", "sexMale"));
        ARRIVAL_GROUPS.forEach(group -> names.add("arrival:" + group));
        names.add("triageLevel");
        names.add("diagnosisCount");
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            names.add("diagnosis:" + letter);
        }
        return List.copyOf(names);
    }

    /** The feature vector (NaN = missing). */
    public static float[] vector(TriageInput input, FrenchLevel level, List<Coding> diagnosis) {
        float[] x = new float[NAMES.size()];
        int i = 0;
        x[i++] = input.age() == null ? Float.NaN : input.age();
        x[i++] = "male".equals(input.sex()) ? 1f : "female".equals(input.sex()) ? 0f : Float.NaN;
        String group = arrivalGroup(input.arrivalMode());
        for (String candidate : ARRIVAL_GROUPS) {
            x[i++] = group == null ? Float.NaN : candidate.equals(group) ? 1f : 0f;
        }
        x[i++] = level == null ? Float.NaN : TriageEngine.toKtas(level);
        x[i++] = diagnosis.isEmpty() ? Float.NaN : diagnosis.size();
        List<Character> letters = new ArrayList<>();
        for (Coding coding : diagnosis) {
            String code =
                    coding.getCode() == null ? "" : coding.getCode().trim().toUpperCase(Locale.ROOT);
            if (!code.isEmpty()) {
                letters.add(code.charAt(0));
            }
        }
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            x[i++] = diagnosis.isEmpty() ? Float.NaN : letters.contains(letter) ? 1f : 0f;
        }
        return x;
    }

    private static String arrivalGroup(String arrivalMode) {
        if (arrivalMode == null) {
            return null;
        }
        return switch (arrivalMode) {
            case "walk-in", "private-vehicle", "public-ambulance", "private-ambulance", "other" -> arrivalMode;
            case "smur", "helicopter" -> "public-ambulance";
            case "police" -> "other";
            default -> null;
        };
    }
}
