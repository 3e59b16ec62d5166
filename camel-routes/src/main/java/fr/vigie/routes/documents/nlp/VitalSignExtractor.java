package fr.vigie.routes.documents.nlp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds vital signs written the ways French clinical notes write them, on the folded text ({@link TextNormalizer}):
 *
 * <ul>
 *   <li>temperature: "T° 38,5", "T 38°5", "temp. 39 °C", "température à 38.2", "fièvre à 39", "hyperthermie à 40";
 *   <li>heart rate: "FC 110", "FC : 110/min", "pouls 90", "110 bpm", "92 batt/min", "fréquence cardiaque 88";
 *   <li>respiratory rate: "FR 22", "FR 18 c/min", "fréquence respiratoire 30/min", "24 cycles/min", "polypnée à 28";
 *   <li>blood pressure: "PA 120/80 mmHg", "TA 12/8" (cmHg, converted ×10), "TA 135/85", "PA 13,5/8";
 *   <li>oxygen saturation: "SpO2 95 %", "SaO2 : 92%", "Sat 97% AA", "saturation à 94 %";
 *   <li>capillary glucose: "glycémie capillaire 1,2 g/L", "dextro 6,5 mmol/L", "HGT 180 mg/dL" (→ 1.8 g/L);
 *   <li>pain: "EVA 7/10", "EN 4", "EN = 6/10", "douleur cotée à 8/10";
 *   <li>Glasgow: "Glasgow 15", "GCS 13", "score de Glasgow à 12/15".
 * </ul>
 *
 * Values outside physiological ranges (temperature 30–45 °C, heart rate 20–250, respiratory rate 4–80, systolic
 * 40–300 and diastolic 20–200 mmHg, saturation 50–100 %, glucose 0.1–10 g/L or 0.5–55 mmol/L, pain 0–10, Glasgow 3–15)
 * are not reported: they are more likely a misread or another number than a measurement.
 */
final class VitalSignExtractor {

    private static final String NUM = "(\\d{1,3}(?:[.,]\\d{1,2})?)";
    /** Between a label and its value: separators and short words ("à", "de", "est à", "mesurée à"). */
    private static final String GAP =
            "\\s*(?:[:=]|\\bde\\b|\\ba\\b|\\best\\b|\\bmesuree?\\b|\\bestimee?\\b|\\bcotee?\\b"
                    + "|\\bevaluee?\\b|\\bretrouvee?\\b|\\bpar\\b|\\bmin\\b|\\s)*\\s*";

    private static final Pattern TEMPERATURE = Pattern.compile(
            "(?<![a-z])(t\\s*°|temp(?:erature)?\\.?|t(?=\\s*[:=]?\\s*\\d{2}(?:[.,]\\d)?\\s*(?:°|c\\b|degres))"
                    + "|t\\b(?=\\s*[:=]\\s*\\d)|fievre|febrile|hyperthermie|hypothermie)" + GAP
                    + "(\\d{2}(?:[.,]\\d{1,2})?)(?:\\s*°\\s*(\\d)(?!\\d))?\\s*(°\\s*c?|degres(?:\\s*c)?|c\\b)?");

    private static final Pattern HEART_RATE = Pattern.compile(
            "(?<![a-z])(fc|frequence cardiaque|pouls|rythme cardiaque|tachycardie|bradycardie)" + GAP + NUM
                    + "\\s*(bpm|batt(?:ements)?\\s*/\\s*min(?:ute)?|b/min|/\\s*min(?:ute)?)?"
                    + "|(?<![\\d/])" + NUM + "\\s*(bpm|batt(?:ements)?\\s*/\\s*min(?:ute)?)");

    private static final Pattern RESPIRATORY_RATE =
            Pattern.compile("(?<![a-z])(fr|f\\.r\\.|frequence respiratoire|polypnee|bradypnee)" + GAP + NUM
                    + "\\s*(c(?:ycles?)?\\s*/\\s*min(?:ute)?|mvts?\\s*/\\s*min|mouvements\\s*/\\s*min|/\\s*min(?:ute)?)?"
                    + "|(?<![\\d/])" + NUM + "\\s*(c(?:ycles?)?\\s*/\\s*min(?:ute)?|mvts?\\s*/\\s*min)");

    private static final Pattern BLOOD_PRESSURE =
            Pattern.compile("(?<![a-z])(pa|ta|tension(?: arterielle)?|pression arterielle|pas/pad)" + GAP
                    + "(\\d{1,3}(?:[.,]\\d)?)\\s*/\\s*(\\d{1,3}(?:[.,]\\d)?)\\s*(mm\\s*hg|cm\\s*hg)?"
                    + "|(?<![\\d/.,])(\\d{2,3})\\s*/\\s*(\\d{2,3})\\s*(mm\\s*hg)");

    private static final Pattern SATURATION = Pattern.compile("(?<![a-z])(sp\\s*[o0]\\s*2|sa\\s*[o0]\\s*2"
            + "|sat(?:uration)?(?:\\s+(?:en\\s+)?(?:o2|oxygene|pulsee))?\\.?)" + GAP
            + "(\\d{2,3}(?:[.,]\\d)?)\\s*(%)?");

    private static final Pattern GLUCOSE = Pattern.compile(
            "(?<![a-z])(glycemie capillaire|glycemie cap\\.?|gly\\.? cap\\.?" + "|glucose capillaire|dextro|hgt)" + GAP
                    + NUM + "\\s*(g\\s*/\\s*l|mmol\\s*/\\s*l|mg\\s*/\\s*dl)?");

    private static final Pattern PAIN =
            Pattern.compile("(?<![a-z])(eva|evn|ens?|echelle numerique|echelle visuelle analogique"
                    + "|douleur(?:[^.\\n\\d]{0,40}?(?:cotee|evaluee|estimee))?)" + GAP
                    + "(\\d{1,2}(?:[.,]\\d)?)(\\s*/\\s*10)?");

    private static final Pattern GLASGOW =
            Pattern.compile("(?<![a-z])(glasgow|gcs|score de glasgow)" + GAP + "(\\d{1,2})(\\s*/\\s*15)?");

    private VitalSignExtractor() {}

    /** Vital signs of {@code text}; the assertion of each comes from {@code context}. */
    static List<VitalSign> extract(String text, String folded, List<Span> sentences, AssertionDetector context) {
        List<VitalSign> out = new ArrayList<>();
        temperature(text, folded, out);
        simple(text, folded, HEART_RATE, VitalSignType.HEART_RATE, 20, 250, out);
        simple(text, folded, RESPIRATORY_RATE, VitalSignType.RESPIRATORY_RATE, 4, 80, out);
        bloodPressure(text, folded, out);
        saturation(text, folded, out);
        glucose(text, folded, out);
        pain(text, folded, out);
        glasgow(text, folded, out);
        out.sort(java.util.Comparator.comparingInt(v -> v.span().offset()));
        List<VitalSign> withContext = new ArrayList<>();
        for (VitalSign v : out) {
            Span sentence = sentenceOf(sentences, v.span().offset());
            Assertion a = sentence == null
                    ? Assertion.PRESENT
                    : context.classify(sentence, v.span().offset(), v.span().end());
            // a measured value cannot be "absent": a negation trigger before it belongs to something else
            if (a == Assertion.NEGATED) {
                a = Assertion.PRESENT;
            }
            withContext.add(
                    new VitalSign(v.type(), v.code(), v.additionalCode(), v.values(), v.writtenUnit(), v.span(), a));
        }
        return withContext;
    }

    static Span sentenceOf(List<Span> sentences, int offset) {
        for (Span s : sentences) {
            if (offset >= s.offset() && offset < s.end()) {
                return s;
            }
        }
        return null;
    }

    private static void temperature(String text, String folded, List<VitalSign> out) {
        Matcher m = TEMPERATURE.matcher(folded);
        while (m.find()) {
            BigDecimal v = number(m.group(2));
            if (m.group(3) != null) {
                // "38°5" = 38.5 °C
                v = new BigDecimal(m.group(2).replace(',', '.') + "." + m.group(3));
            }
            if (!in(v, 30, 45)) {
                continue;
            }
            String unit = m.group(4) == null
                    ? null
                    : text.substring(m.start(4), m.end(4)).trim();
            if (m.group(3) != null) {
                unit = "°";
            }
            out.add(one(VitalSignType.TEMPERATURE, null, v, "Cel", unit, text, m.start(), m.end()));
        }
    }

    private static void simple(
            String text, String folded, Pattern p, VitalSignType type, double min, double max, List<VitalSign> out) {
        Matcher m = p.matcher(folded);
        while (m.find()) {
            boolean labelled = m.group(1) != null;
            String value = labelled ? m.group(2) : m.group(4);
            int unitGroup = labelled ? 3 : 5;
            BigDecimal v = number(value);
            if (!in(v, min, max)) {
                continue;
            }
            String unit = m.group(unitGroup) == null
                    ? null
                    : text.substring(m.start(unitGroup), m.end(unitGroup)).trim();
            if (overlapsExisting(out, m.start(), m.end())) {
                continue;
            }
            out.add(one(type, null, v, "/min", unit, text, m.start(), m.end()));
        }
    }

    private static void bloodPressure(String text, String folded, List<VitalSign> out) {
        Matcher m = BLOOD_PRESSURE.matcher(folded);
        while (m.find()) {
            boolean labelled = m.group(1) != null;
            BigDecimal sys = number(labelled ? m.group(2) : m.group(5));
            BigDecimal dia = number(labelled ? m.group(3) : m.group(6));
            String unitRaw = labelled ? m.group(4) : m.group(7);
            boolean cm = unitRaw != null ? unitRaw.startsWith("cm") : sys.compareTo(BigDecimal.valueOf(30)) <= 0;
            if (cm) {
                sys = sys.multiply(BigDecimal.TEN).stripTrailingZeros();
                dia = dia.multiply(BigDecimal.TEN).stripTrailingZeros();
            }
            if (!in(sys, 40, 300) || !in(dia, 20, 200) || dia.compareTo(sys) >= 0) {
                continue;
            }
            int ug = labelled ? 4 : 7;
            String unit = m.group(ug) == null ? null : text.substring(m.start(ug), m.end(ug));
            VitalSignType t = VitalSignType.BLOOD_PRESSURE;
            out.add(new VitalSign(
                    t,
                    loinc(t.loinc(), t.display()),
                    null,
                    List.of(
                            new Measurement(loinc("8480-6", "Systolic blood pressure"), plain(sys), "mm[Hg]"),
                            new Measurement(loinc("8462-4", "Diastolic blood pressure"), plain(dia), "mm[Hg]")),
                    unit,
                    Span.of(text, m.start(), m.end()),
                    Assertion.PRESENT));
        }
    }

    private static void saturation(String text, String folded, List<VitalSign> out) {
        Matcher m = SATURATION.matcher(folded);
        while (m.find()) {
            BigDecimal v = number(m.group(2));
            if (!in(v, 50, 100)) {
                continue;
            }
            String label = m.group(1).replaceAll("\\s", "");
            Coding extra = label.startsWith("sp") || label.startsWith("sat")
                    ? loinc("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry")
                    : null;
            String unit = m.group(3) == null ? null : "%";
            out.add(one(VitalSignType.OXYGEN_SATURATION, extra, v, "%", unit, text, m.start(), m.end()));
        }
    }

    private static void glucose(String text, String folded, List<VitalSign> out) {
        Matcher m = GLUCOSE.matcher(folded);
        while (m.find()) {
            BigDecimal v = number(m.group(2));
            String unit = m.group(3) == null ? "" : m.group(3).replaceAll("\\s", "");
            if (unit.isEmpty()) {
                // no unit written: read the value by its range (g/L up to 4, mmol/L up to 35, mg/dL above)
                unit = v.doubleValue() <= 4 ? "g/l" : v.doubleValue() <= 35 ? "mmol/l" : "mg/dl";
            }
            String written = m.group(3) == null ? null : text.substring(m.start(3), m.end(3));
            VitalSignType t = VitalSignType.CAPILLARY_GLUCOSE;
            if (unit.equals("mmol/l")) {
                if (!in(v, 0.5, 55)) {
                    continue;
                }
                out.add(new VitalSign(
                        t,
                        loinc("14743-9", "Glucose [Moles/volume] in Capillary blood by Glucometer"),
                        null,
                        List.of(new Measurement(
                                loinc("14743-9", "Glucose [Moles/volume] in Capillary blood by Glucometer"),
                                plain(v),
                                "mmol/L")),
                        written,
                        Span.of(text, m.start(), m.end()),
                        Assertion.PRESENT));
                continue;
            }
            if (unit.equals("mg/dl")) {
                v = v.divide(BigDecimal.valueOf(100), 3, RoundingMode.HALF_UP);
            }
            if (!in(v, 0.1, 10)) {
                continue;
            }
            out.add(one(t, null, v, "g/L", written, text, m.start(), m.end()));
        }
    }

    private static void pain(String text, String folded, List<VitalSign> out) {
        Matcher m = PAIN.matcher(folded);
        while (m.find()) {
            String label = m.group(1);
            // "en" is also the preposition: only the upper-case abbreviation counts
            if ((label.equals("en") || label.equals("ens"))
                    && !text.substring(m.start(1), m.end(1)).equals(label.toUpperCase(java.util.Locale.ROOT))) {
                continue;
            }
            if (label.startsWith("douleur") && m.group(3) == null && !label.contains("ee")) {
                continue;
            }
            BigDecimal v = number(m.group(2));
            if (!in(v, 0, 10)) {
                continue;
            }
            boolean visual = label.equals("eva") || label.contains("visuelle");
            Coding code = visual
                    ? loinc("38214-3", "Pain severity [Score] Visual analog score")
                    : loinc(VitalSignType.PAIN_SCORE.loinc(), VitalSignType.PAIN_SCORE.display());
            String written = m.group(3) == null
                    ? null
                    : text.substring(m.start(3), m.end(3)).trim();
            out.add(new VitalSign(
                    VitalSignType.PAIN_SCORE,
                    code,
                    null,
                    List.of(new Measurement(code, plain(v), "{score}")),
                    written,
                    Span.of(text, m.start(), m.end()),
                    Assertion.PRESENT));
        }
    }

    private static void glasgow(String text, String folded, List<VitalSign> out) {
        Matcher m = GLASGOW.matcher(folded);
        while (m.find()) {
            BigDecimal v = number(m.group(2));
            if (!in(v, 3, 15)) {
                continue;
            }
            String written = m.group(3) == null
                    ? null
                    : text.substring(m.start(3), m.end(3)).trim();
            out.add(one(VitalSignType.GLASGOW, null, v, "{score}", written, text, m.start(), m.end()));
        }
    }

    private static boolean overlapsExisting(List<VitalSign> out, int begin, int end) {
        for (VitalSign v : out) {
            if (v.span().offset() < end && begin < v.span().end()) {
                return true;
            }
        }
        return false;
    }

    private static VitalSign one(
            VitalSignType t, Coding extra, BigDecimal v, String ucum, String written, String text, int begin, int end) {
        Coding code = loinc(t.loinc(), t.display());
        return new VitalSign(
                t,
                code,
                extra,
                List.of(new Measurement(code, plain(v), ucum)),
                written,
                Span.of(text, begin, end),
                Assertion.PRESENT);
    }

    static Coding loinc(String code, String display) {
        return new Coding(VitalSignType.LOINC, code, display);
    }

    static BigDecimal number(String s) {
        return new BigDecimal(s.replace(',', '.'));
    }

    private static BigDecimal plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static boolean in(BigDecimal v, double min, double max) {
        return v.doubleValue() >= min && v.doubleValue() <= max;
    }
}
