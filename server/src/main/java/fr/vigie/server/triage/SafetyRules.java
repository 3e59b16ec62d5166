package fr.vigie.server.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Documented safety rules applied before any model: each imposes a most-lenient FRENCH level (the patient is
 * triaged at that level or a more urgent one) when a critical finding is present, so a model can never send an
 * unstable patient to the waiting room. A rule fires only on values that are present; missing values never fire
 * a rule (they are reported by the caller as missing). Values are expected to be plausible already (see {@link
 * PhysiologicalRanges}).
 *
 * <p>Sources. "FRENCH" refers to Taboulet P. et al., "Triage des patients à l'accueil d'une structure d'urgences.
 * Présentation de l'échelle de tri élaborée par la Société française de médecine d'urgence : la FRENCH", Annales
 * françaises de médecine d'urgence, 2019 (scale adopted by the SFMU in 2018): vital distress (coma, shock, respiratory distress)
 * is Tri 1. The numeric thresholds of the level-1 rules are those listed in issue 7, chosen to lie well beyond the
 * NEWS2 red bands; they were not checked against the FRENCH motif grid in this iteration and are to be reviewed by
 * an emergency physician. "NEWS2" refers to the Royal College of Physicians chart (2017, see {@link News2}): an
 * aggregate of 7 or more calls for an emergency response, 5–6 or a single parameter scoring 3 for an urgent
 * response.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>id</th><th>condition</th><th>at most</th><th>source</th></tr>
 *   <tr><td>SR-CONSCIOUSNESS-U</td><td>unresponsive (AVPU U)</td><td>1</td><td>FRENCH (coma)</td></tr>
 *   <tr><td>SR-CONSCIOUSNESS-P</td><td>responds to pain only (AVPU P)</td><td>2</td><td>AVPU P ≈ GCS 8</td></tr>
 *   <tr><td>SR-SPO2-CRITICAL</td><td>SpO2 &lt; 85 %</td><td>1</td><td>FRENCH, issue 7</td></tr>
 *   <tr><td>SR-SBP-CRITICAL</td><td>systolic &lt; 70 mm[Hg]</td><td>1</td><td>FRENCH (shock), issue 7</td></tr>
 *   <tr><td>SR-HR-HIGH</td><td>heart rate &gt; 150 /min</td><td>1</td><td>issue 7</td></tr>
 *   <tr><td>SR-HR-LOW</td><td>heart rate &lt; 40 /min</td><td>1</td><td>issue 7</td></tr>
 *   <tr><td>SR-RR-HIGH</td><td>respiratory rate &gt; 35 /min</td><td>1</td><td>FRENCH, issue 7</td></tr>
 *   <tr><td>SR-RR-LOW</td><td>respiratory rate &lt; 8 /min</td><td>1</td><td>FRENCH (bradypnoea)</td></tr>
 *   <tr><td>SR-NEWS2-HIGH</td><td>NEWS2 ≥ 7</td><td>2</td><td>NEWS2 emergency response</td></tr>
 *   <tr><td>SR-NEWS2-MEDIUM</td><td>NEWS2 5–6</td><td>3A</td><td>NEWS2 urgent response</td></tr>
 *   <tr><td>SR-NEWS2-RED</td><td>any NEWS2 parameter scoring 3</td><td>3A</td><td>NEWS2 urgent response</td></tr>
 * </table>
 */
public final class SafetyRules {

    /** What a rule looks at: the vital signs and their NEWS2 score. */
    public record Context(VitalSigns vitals, News2.Result news2) {}

    /**
     * A safety rule.
     *
     * @param id stable identifier, quoted in the {@code reason} of a triage answer
     * @param level the least urgent FRENCH level allowed when the rule fires
     * @param rationale one line: why
     * @param source where the threshold comes from
     * @param trigger the triggering values as text when the rule fires, null otherwise
     */
    public record Rule(
            String id, FrenchLevel level, String rationale, String source, Function<Context, String> trigger) {}

    /** A rule that fired, with the values that triggered it (e.g. "oxygenSaturation = 82 %"). */
    public record FiredRule(String id, FrenchLevel level, String rationale, String source, String values) {}

    /**
     * The outcome of the rules.
     *
     * @param level the most urgent level imposed by the fired rules, empty when none fired
     * @param fired the fired rules, most urgent first, then in rule order
     * @param news2 the NEWS2 result the rules used
     */
    public record Assessment(Optional<FrenchLevel> level, List<FiredRule> fired, News2.Result news2) {}

    /** Every rule, in evaluation order. */
    public static final List<Rule> RULES = List.of(
            new Rule(
                    "SR-CONSCIOUSNESS-U",
                    FrenchLevel.LEVEL_1,
                    "An unresponsive patient may not protect the airway: immediate care.",
                    "FRENCH 2018: coma is a vital distress (Tri 1)",
                    c -> c.vitals().consciousness() == Consciousness.UNRESPONSIVE ? "consciousness = U" : null),
            new Rule(
                    "SR-CONSCIOUSNESS-P",
                    FrenchLevel.LEVEL_2,
                    "Responding to pain only is a deep alteration of consciousness (about GCS 8).",
                    "AVPU-GCS correspondence; NEWS2 scores it 3",
                    c -> c.vitals().consciousness() == Consciousness.PAIN ? "consciousness = P" : null),
            new Rule(
                    "SR-SPO2-CRITICAL",
                    FrenchLevel.LEVEL_1,
                    "Severe hypoxaemia: respiratory distress.",
                    "FRENCH 2018 respiratory distress (Tri 1); threshold from issue 7",
                    c -> below(c.vitals().oxygenSaturation(), 85, "oxygenSaturation", "%")),
            new Rule(
                    "SR-SBP-CRITICAL",
                    FrenchLevel.LEVEL_1,
                    "Profound hypotension: shock.",
                    "FRENCH 2018 shock (Tri 1); threshold from issue 7",
                    c -> below(c.vitals().systolic(), 70, "systolicBloodPressure", "mm[Hg]")),
            new Rule(
                    "SR-HR-HIGH",
                    FrenchLevel.LEVEL_1,
                    "Extreme tachycardia may be an unstable arrhythmia or decompensated shock.",
                    "issue 7 (beyond the NEWS2 red band ≥ 131)",
                    c -> above(c.vitals().heartRate(), 150, "heartRate", "/min")),
            new Rule(
                    "SR-HR-LOW",
                    FrenchLevel.LEVEL_1,
                    "Extreme bradycardia may be a conduction block with low output.",
                    "issue 7 (NEWS2 red band ≤ 40)",
                    c -> below(c.vitals().heartRate(), 40, "heartRate", "/min")),
            new Rule(
                    "SR-RR-HIGH",
                    FrenchLevel.LEVEL_1,
                    "Extreme tachypnoea: respiratory distress or exhaustion to come.",
                    "FRENCH 2018 respiratory distress (Tri 1); threshold from issue 7",
                    c -> above(c.vitals().respiratoryRate(), 35, "respiratoryRate", "/min")),
            new Rule(
                    "SR-RR-LOW",
                    FrenchLevel.LEVEL_1,
                    "Bradypnoea below 8 /min announces respiratory arrest (opioids, coma).",
                    "French triage-nurse criteria for acute respiratory distress (bradypnoea < 8 /min: tri 1); NEWS2 red band ≤ 8",
                    c -> below(c.vitals().respiratoryRate(), 8, "respiratoryRate", "/min")),
            new Rule(
                    "SR-NEWS2-HIGH",
                    FrenchLevel.LEVEL_2,
                    "NEWS2 of 7 or more: high clinical risk, emergency response.",
                    "RCP NEWS2 2017, Chart 2",
                    c -> c.news2().total() >= 7 ? "NEWS2 = " + c.news2().total() + lowerBound(c.news2()) : null),
            new Rule(
                    "SR-NEWS2-MEDIUM",
                    FrenchLevel.LEVEL_3A,
                    "NEWS2 of 5 or 6: medium clinical risk, urgent response.",
                    "RCP NEWS2 2017, Chart 2",
                    c -> c.news2().total() >= 5 && c.news2().total() <= 6
                            ? "NEWS2 = " + c.news2().total() + lowerBound(c.news2())
                            : null),
            new Rule(
                    "SR-NEWS2-RED",
                    FrenchLevel.LEVEL_3A,
                    "A single NEWS2 parameter scoring 3 (red score): urgent review.",
                    "RCP NEWS2 2017, Chart 2",
                    c -> c.news2().hasRedScore()
                            ? "NEWS2 red score in " + c.news2().redScoreParameters()
                            : null));

    private SafetyRules() {}

    /** Applies every rule to the vital signs, with NEWS2 on SpO2 scale 1. */
    public static Assessment apply(VitalSigns vitals) {
        return apply(vitals, News2.score(vitals));
    }

    /** Applies every rule to the vital signs and an already computed NEWS2 result. */
    public static Assessment apply(VitalSigns vitals, News2.Result news2) {
        Context context = new Context(vitals, news2);
        List<FiredRule> fired = new ArrayList<>();
        FrenchLevel level = null;
        for (Rule rule : RULES) {
            String values = rule.trigger().apply(context);
            if (values != null) {
                fired.add(new FiredRule(rule.id(), rule.level(), rule.rationale(), rule.source(), values));
                level = FrenchLevel.mostUrgent(level, rule.level());
            }
        }
        // stable sort: most urgent first, rule order within a level
        fired.sort((a, b) -> a.level().compareTo(b.level()));
        return new Assessment(Optional.ofNullable(level), List.copyOf(fired), news2);
    }

    private static String below(Double value, double threshold, String name, String unit) {
        return value != null && value < threshold
                ? name + " = " + PhysiologicalRanges.format(value) + " " + unit + " (< "
                        + PhysiologicalRanges.format(threshold) + ")"
                : null;
    }

    private static String above(Double value, double threshold, String name, String unit) {
        return value != null && value > threshold
                ? name + " = " + PhysiologicalRanges.format(value) + " " + unit + " (> "
                        + PhysiologicalRanges.format(threshold) + ")"
                : null;
    }

    private static String lowerBound(News2.Result news2) {
        return news2.lowerBound() ? " (lower bound, missing " + news2.missing() + ")" : "";
    }
}
