package fr.vigie.mappings.location;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Name heuristics that tell what kind of site a landing point serves, for sources (OurAirports) that only say
 * {@code heliport}.
 *
 * <p>Names are compared without accents or case, on whole words, so {@code CHAMONIX} is not {@code CH} and
 * {@code Hôpital} matches {@code hopital}. French and English words are both recognised because OurAirports names
 * French sites in English ("Hautepierre Hospital Heliport") as often as in French ("Centre Hospitalier de Bastia").
 * Dotted abbreviations ({@code C.H.U.}) count like their plain form.
 */
public final class SiteNames {

    /**
     * Words that mark a health facility: hôpital/hospital (and hospitalier, hospitalière, hospitalo-universitaire),
     * the abbreviations CH, CHU, CHR, CHRU, CHI, CHS, CHG, CHD, CHIC, CLCC, clinique/clinic (and polyclinique),
     * maternité, centre médical / medical center, SAMU and SMUR (whose helipads are at hospitals).
     */
    private static final Pattern HOSPITAL = Pattern.compile(
            "\\b(?:hopita(?:l|ux)|hospitals?|hospitali(?:er|ere|ers|eres)|hospitalo"
                    + "|c\\.?h\\.?(?:u|r|r\\.?u|i|s|g|d|i\\.?c)?\\.?|c\\.?l\\.?c\\.?c\\.?"
                    + "|(?:poly)?cliniques?|(?:poly)?clinics?|maternite"
                    + "|centre medical|medical cent(?:er|re)|samu|smur)(?![\\p{L}\\p{N}])",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** Words that mark a fire and rescue station: fire station, rescue center, centre de secours, caserne, SDIS. */
    private static final Pattern FIRE_STATION = Pattern.compile(
            "\\b(?:fire station|fire and rescue|rescue cent(?:er|re)|centre de secours|centre d'incendie"
                    + "|caserne|sdis|pompiers)(?![\\p{L}\\p{N}])",
            Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * Words that mark a heliport, whatever its owner. Not "DZ" or "drop zone": in aeronautical lists those are
     * skydiving drop zones, that is airfields.
     */
    private static final Pattern HELIPORT = Pattern.compile(
            "\\b(?:heliports?|helipads?|helistations?|helisurfaces?)(?![\\p{L}\\p{N}])",
            Pattern.UNICODE_CHARACTER_CLASS);

    private SiteNames() {}

    /** Whether the name says the site belongs to a hospital or clinic. */
    public static boolean isHospital(String name) {
        return name != null && HOSPITAL.matcher(fold(name)).find();
    }

    /** Whether the name says the site is a fire and rescue station. */
    public static boolean isFireStation(String name) {
        return name != null && FIRE_STATION.matcher(fold(name)).find();
    }

    /** Whether the name says the site is a heliport or helipad. */
    public static boolean isHeliport(String name) {
        return name != null && HELIPORT.matcher(fold(name)).find();
    }

    /** Lower case, accents removed, runs of spaces (and the typographic apostrophe) normalised. */
    static String fold(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        return decomposed
                .replaceAll("\\p{M}+", "")
                .replace('\u2019', '\'')
                .replaceAll("[\\s\u00A0]+", " ")
                .toLowerCase(Locale.ROOT);
    }
}
