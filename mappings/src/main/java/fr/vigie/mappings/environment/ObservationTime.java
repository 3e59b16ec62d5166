package fr.vigie.mappings.environment;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.DateTimeType;

/**
 * When an environmental value applies, and how that time is written into {@code effectiveDateTime} and into the
 * Observation identifier.
 *
 * <p>A date is kept as a day ({@code effectiveDateTime = 2020-02-01}): daily means have no time of day. A date-time
 * with an offset ({@code Z}, {@code +01:00}) is kept as given; without an offset it is read in
 * {@value #ZONE_ID} (French sources write local time; a time skipped by the spring change moves forward by the gap,
 * an ambiguous autumn time takes the earlier offset, as {@code java.time} does). Seconds are kept, fractions dropped.
 * The identifier uses the day, or the instant in UTC, so the same instant written with two offsets is one
 * Observation.
 *
 * @param effective the value of {@code effectiveDateTime}
 * @param key the time part of the identifier
 */
record ObservationTime(DateTimeType effective, String key) {

    static final String ZONE_ID = "Europe/Paris";

    private static final ZoneId ZONE = ZoneId.of(ZONE_ID);
    private static final DateTimeFormatter FHIR_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter UTC_KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    static ObservationTime ofDate(LocalDate date) {
        String day = date.toString();
        return new ObservationTime(new DateTimeType(day), day);
    }

    static ObservationTime parseDate(String value) {
        if (value == null || value.isBlank()) {
            throw new RejectedValueException("empty date");
        }
        try {
            return ofDate(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw new RejectedValueException("date '" + value.strip() + "' is not YYYY-MM-DD");
        }
    }

    static ObservationTime parseDateTime(String value) {
        if (value == null || value.isBlank()) {
            throw new RejectedValueException("empty datetime");
        }
        String text = value.strip().replace(' ', 'T');
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(text);
        } catch (DateTimeParseException withoutOffset) {
            try {
                time = LocalDateTime.parse(text).atZone(ZONE).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw new RejectedValueException("datetime '" + value.strip()
                        + "' is not ISO 8601 (YYYY-MM-DDThh:mm[:ss][offset]; local times are read in " + ZONE_ID
                        + ")");
            }
        }
        time = time.truncatedTo(ChronoUnit.SECONDS);
        return new ObservationTime(
                new DateTimeType(FHIR_SECONDS.format(time)),
                UTC_KEY.format(time.withOffsetSameInstant(ZoneOffset.UTC)));
    }
}
