package fr.vigie.server.triage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a {@link TriageInput} into the numeric feature vector of the triage and emergency length-of-stay models.
 * Missing values are {@link Float#NaN}, which XGBoost treats as missing (it learns a default branch per split), so
 * nothing is imputed.
 *
 * <p>Features, in order: {@code age} (years); {@code sexMale} (1 male, 0 female, missing for other or unknown);
 * one indicator per arrival group {@code arrival:walk-in}, {@code arrival:private-vehicle}, {@code
 * arrival:public-ambulance} (also SMUR and helicopter, the public emergency services), {@code
 * arrival:private-ambulance}, {@code arrival:other} (also police), all missing when the mode is unknown; {@code
 * injury} (1/0); {@code heartRate}, {@code respiratoryRate} (/min), {@code systolicBloodPressure}, {@code
 * diastolicBloodPressure} (mm[Hg]), {@code bodyTemperature} (Cel), {@code oxygenSaturation} (%); {@code
 * consciousness} (A 0, new confusion or V 1, P 2, U 3); {@code painScore} (0–10); {@code news2} (NEWS2 total on what
 * was measured, a lower bound when values are missing); {@code shockIndex} (heart rate / systolic); then one
 * indicator {@code complaint:<category>} per category of the complaint lexicon ({@link ComplaintCategorizer}), all
 * missing when there is no complaint. The nurse's level is never a feature (see {@link TriageEngine}).
 */
public final class TriageFeatures {

    /** Arrival groups, in feature order. */
    static final List<String> ARRIVAL_GROUPS =
            List.of("walk-in", "private-vehicle", "public-ambulance", "private-ambulance", "other");

    private final ComplaintCategorizer categorizer;
    private final List<String> names;

    /** The features of what is known before triage. */
    public TriageFeatures(ComplaintCategorizer categorizer) {
        this.categorizer = categorizer;
        List<String> list = new ArrayList<>(List.of("age", "sexMale"));
        ARRIVAL_GROUPS.forEach(group -> list.add("arrival:" + group));
        list.addAll(List.of(
                "injury",
                "heartRate",
                "respiratoryRate",
                "systolicBloodPressure",
                "diastolicBloodPressure",
                "bodyTemperature",
                "oxygenSaturation",
                "consciousness",
                "painScore",
                "news2",
                "shockIndex"));
        categorizer.categories().forEach(category -> list.add("complaint:" + category));
        this.names = Collections.unmodifiableList(list);
    }

    /** Feature names, in vector order (they go in the model card). */
    public List<String> names() {
        return names;
    }

    /** The lexicon version the complaint features come from. */
    public String lexiconVersion() {
        return categorizer.version();
    }

    /** The categorizer behind the complaint features. */
    public ComplaintCategorizer categorizer() {
        return categorizer;
    }

    /** The feature vector of an input, NaN for missing values. */
    public float[] vector(TriageInput input) {
        return vector(input, News2.score(input.vitals()).total());
    }

    /** The feature vector of an input whose NEWS2 total is already known. */
    public float[] vector(TriageInput input, int news2) {
        float[] x = new float[names.size()];
        int i = 0;
        x[i++] = value(input.age());
        x[i++] = switch (input.sex() == null ? "" : input.sex()) {
            case "male" -> 1f;
            case "female" -> 0f;
            default -> Float.NaN;
        };
        String group = arrivalGroup(input.arrivalMode());
        for (String candidate : ARRIVAL_GROUPS) {
            x[i++] = group == null ? Float.NaN : candidate.equals(group) ? 1f : 0f;
        }
        x[i++] = input.injury() == null ? Float.NaN : input.injury() ? 1f : 0f;
        VitalSigns v = input.vitals();
        x[i++] = value(v.heartRate());
        x[i++] = value(v.respiratoryRate());
        x[i++] = value(v.systolic());
        x[i++] = value(v.diastolic());
        x[i++] = value(v.temperature());
        x[i++] = value(v.oxygenSaturation());
        x[i++] = v.consciousness() == null
                ? Float.NaN
                : switch (v.consciousness()) {
                    case ALERT -> 0f;
                    case NEW_CONFUSION, VOICE -> 1f;
                    case PAIN -> 2f;
                    case UNRESPONSIVE -> 3f;
                };
        x[i++] = value(v.painScore());
        x[i++] = news2;
        x[i++] = v.heartRate() == null || v.systolic() == null ? Float.NaN : (float) (v.heartRate() / v.systolic());
        List<String> categories = categorizer.categorize(input.chiefComplaint());
        for (String category : categorizer.categories()) {
            x[i++] = categories.isEmpty() ? Float.NaN : categories.contains(category) ? 1f : 0f;
        }
        return x;
    }

    /** The arrival group of an arrival-mode code, null when unknown. */
    static String arrivalGroup(String arrivalMode) {
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

    private static float value(Number number) {
        return number == null ? Float.NaN : number.floatValue();
    }
}
