package fr.vigie.mappings.location;

import fr.vigie.mappings.common.ConditionalUrls;
import fr.vigie.terminology.TerminologyCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Eurostat GISCO "Healthcare services" row (French extract of FINESS) → hospital {@code Location}.
 *
 * <p>Columns (header-based, extra ones ignored): {@code id}, {@code hospital_name}, {@code lat}, {@code lon}
 * required; {@code site_name}, {@code street}, {@code house_number}, {@code postcode}, {@code city}, {@code cc},
 * {@code facility_type}, {@code tel}, {@code email}, {@code url}, {@code geo_qual} used when present.
 *
 * <ul>
 *   <li>identifier: FINESS établissement ({@link TerminologyCatalog#FINESS_SYSTEM}, type FR Core {@code FINEG}) on 9
 *       characters. GISCO wrote the number as an integer, losing its leading zero ({@code 10000024} is FINESS
 *       {@code 010000024}): an all-digit id of 8 digits gets its zero back; Corsican ids ({@code 2A0000022}) are kept
 *       as they are; anything else is rejected rather than guessed;
 *   <li>type v3-RoleCode {@code HOSP} (plus the FINESS category label as text), physical type {@code bu}, mode
 *       instance, status {@code active}, verification tag {@code unverified};
 *   <li>name = hospital_name, alias = site_name; address (use work, lines "house_number street", postcode, city,
 *       country = {@code cc}); telecom phone (GISCO dropped its leading zero too: 9 digits get it back), email, url;
 *   <li>position WGS84 from lat/lon; {@code geo_qual} 3 (poor geocoding) adds a warning.
 * </ul>
 *
 * <p><b>Organization.</b> GISCO gives the FINESS of the établissement only, not that of its entité juridique, and a
 * FINESS juridique is not derivable from it, so rows of the GISCO files produce no {@code Organization} and no
 * {@code managingOrganization}. When the file has a column {@code nofinessej} (name used by the national FINESS
 * extract) or {@code finess_ej}, the row also yields an {@code Organization} (identifier FINESS, type
 * {@code FINEJ}, name from {@code rs_ej} or {@code rsej} when given) written before the Location, which refers to it
 * by the conditional reference {@code Organization?identifier=https://finess.esante.gouv.fr|<FINESS EJ>}.
 */
public final class FinessLocationMapper extends AbstractLocationCsvMapper {

    private static final Pattern EIGHT_DIGITS = Pattern.compile("\\d{8}");
    private static final Pattern FINESS = Pattern.compile("(?:\\d{2}|2[AB])\\d{7}");
    private static final Pattern NINE_DIGITS = Pattern.compile("\\d{9}");
    private static final Pattern TEN_DIGITS = Pattern.compile("0\\d{9}");

    @Override
    public List<String> missingColumns(Collection<String> header) {
        return CsvRow.missing(CsvRow.columns(header), "id", "hospital_name", "lat", "lon");
    }

    @Override
    public Optional<String> rowId(Map<String, String> row) {
        String id = CsvRow.of(row).text("id");
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(finess(id, "id"));
        } catch (RejectedRowException e) {
            return Optional.of(id);
        }
    }

    /**
     * The FINESS number on its 9 characters.
     *
     * @param raw the value as written in the file, trimmed
     * @throws IllegalArgumentException when it is neither a FINESS nor a FINESS that lost its leading zero
     */
    public static String restoreFiness(String raw) {
        try {
            return finess(raw.strip(), "FINESS");
        } catch (RejectedRowException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String finess(String raw, String label) {
        String upper = raw.toUpperCase(Locale.ROOT);
        if (EIGHT_DIGITS.matcher(upper).matches()) {
            return "0" + upper;
        }
        if (FINESS.matcher(upper).matches()) {
            return upper;
        }
        throw new RejectedRowException(label + " '" + raw
                + "' is not a FINESS number (9 characters: département on 2 digits or 2A/2B, then 7 digits;"
                + " 8 digits are read as a FINESS that lost its leading zero)");
    }

    @Override
    MappingResult mapRow(CsvRow row) {
        String finess = finess(row.required("id", "id"), "id");
        String name = row.required("hospital_name", "hospital_name");
        List<String> warnings = new ArrayList<>();

        Location location = new Location();
        location.getMeta()
                .addTag(
                        TerminologyCatalog.CS_LOCATION_VERIFICATION,
                        Locations.UNVERIFIED,
                        Locations.display(Locations.UNVERIFIED));
        location.addIdentifier(finessIdentifier(finess, "FINEG", "FINESS d'entité géographique"));
        location.setStatus(Location.LocationStatus.ACTIVE);
        location.setMode(Location.LocationMode.INSTANCE);
        location.setName(name);
        String site = row.text("site_name");
        if (site != null && !site.equalsIgnoreCase(name)) {
            location.addAlias(site);
        }
        location.addType(new CodeableConcept(new Coding(Locations.ROLE_CODE_SYSTEM, "HOSP", "Hospital")));
        String category = row.text("facility_type");
        if (category != null) {
            location.addType().setText(category);
        }
        location.setPhysicalType(new CodeableConcept(new Coding(Locations.PHYSICAL_TYPE_SYSTEM, "bu", "Building")));
        Locations.position(location, row.decimal("lat", "lat"), row.decimal("lon", "lon"));
        if ("3".equals(row.text("geo_qual"))) {
            warnings.add("geo_qual 3: GISCO geocoded this site poorly, check its position");
        }
        address(location, row);
        telecom(location, row, warnings);

        List<Resource> resources = new ArrayList<>();
        String legalEntity = row.text("nofinessej", "finess_ej");
        if (legalEntity != null) {
            String ej = finess(legalEntity, "nofinessej");
            Organization organization = new Organization();
            organization.addIdentifier(finessIdentifier(ej, "FINEJ", "FINESS d'entité juridique"));
            organization.setActive(true);
            organization.setName(row.text("rs_ej", "rsej"));
            organization.addType(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider")));
            resources.add(organization);
            location.setManagingOrganization(
                    new Reference(ConditionalUrls.byIdentifier("Organization", TerminologyCatalog.FINESS_SYSTEM, ej)));
        }
        resources.add(location);
        return new MappingResult.MappedRow(resources, warnings);
    }

    private static Identifier finessIdentifier(String value, String type, String display) {
        Identifier identifier = new Identifier()
                .setSystem(TerminologyCatalog.FINESS_SYSTEM)
                .setValue(value)
                .setUse(Identifier.IdentifierUse.OFFICIAL);
        identifier.getType().addCoding(new Coding(Locations.FR_CORE_IDENTIFIER_TYPE_SYSTEM, type, display));
        return identifier;
    }

    private static void address(Location location, CsvRow row) {
        String number = row.text("house_number");
        String street = row.text("street");
        String postcode = row.text("postcode");
        String city = row.text("city");
        String country = row.text("cc");
        if (number == null && street == null && postcode == null && city == null && country == null) {
            return;
        }
        location.getAddress()
                .setUse(Address.AddressUse.WORK)
                .setType(Address.AddressType.PHYSICAL)
                .setPostalCode(postcode)
                .setCity(city)
                .setCountry(country);
        if (street != null) {
            location.getAddress().addLine(number == null ? street : number + " " + street);
        }
    }

    private static void telecom(Location location, CsvRow row, List<String> warnings) {
        String tel = row.text("tel");
        if (tel != null) {
            String digits = tel.replaceAll("[\\s.\\-]", "");
            if (NINE_DIGITS.matcher(digits).matches() && digits.charAt(0) != '0') {
                digits = "0" + digits;
            }
            if (!TEN_DIGITS.matcher(digits).matches()) {
                warnings.add("tel '" + tel + "' is not a French 10-digit number: kept as written");
                digits = tel;
            }
            location.addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setUse(ContactPoint.ContactPointUse.WORK)
                    .setValue(digits);
        }
        String email = row.text("email");
        if (email != null) {
            location.addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                    .setUse(ContactPoint.ContactPointUse.WORK)
                    .setValue(email);
        }
        String url = row.text("url");
        if (url != null) {
            location.addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.URL)
                    .setUse(ContactPoint.ContactPointUse.WORK)
                    .setValue(url);
        }
    }
}
