package fr.vigie.routes.locations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.RecordingSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.common.UnreadableImportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.Test;

class LocationsFeedHandlerTest {

    private static final String OURAIRPORTS = """
            id,ident,iata,local,name,type,status,latitude,longitude,elevation_ft,country_code,iso_region,municipality
            23472,FR-0001,,,"Emile Muller Hospital Heliport",heliport,,47.725328,7.344995,1081,FR,FR-GES,Mulhouse
            34943,LFQQ,LIL,,"Lille Airport",large_airport,,50.566564,3.102429,157,FR,FR-HDF,Lesquin
            23823,FR-0358,,LF1321,"Henri Fabre Seaplane Base",seaplane_base,,43.422315,5.065586,1,FR,FR-PAC,Martigues
            99999,LFQQ,,,"Lille Again",small_airport,,50.5,3.1,157,FR,FR-HDF,Lesquin
            """;

    private static final String GISCO = """
            id,hospital_name,lat,lon,geo_qual,street,house_number,postcode,city,cc,facility_type,public_private,tel
            10000024,CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT,46.2222,5.20879,1,ROUTE DE PARIS,900,01440,VIRIAT,\
            FR,Centre Hospitalier (C.H.),public,474454647
            010000024,SAME HOSPITAL WITH ITS ZERO,46.2222,5.20879,1,ROUTE DE PARIS,900,01440,VIRIAT,FR,CH,public,
            2A0000022,CENTRE HOSPITALIER  N D MISERICORDE AJACCIO,41.92299,8.73514,1,AVENUE IMPERATRICE EUGENIE,27,\
            20184,AJACCIO,FR,Centre Hospitalier (C.H.),public,495299090
            """;

    private final LocationsFeedHandler handler = new LocationsFeedHandler();

    @Test
    void readsDzFileWithGoodAndBadRows() {
        RecordingSink sink = read(LocationsFeedHandler.DZ, fixture("dz-hdf.csv"));

        assertThat(sink.accepted).containsOnlyKeys(line(2), line(3), line(5), line(12));
        assertThat(sink.rejected).containsOnlyKeys(line(7), line(8), line(9), line(10), line(11));
        assertThat(sink.order)
                .containsExactly(line(2), line(3), line(5), line(7), line(8), line(9), line(10), line(11), line(12));
        assertThat(sink.rejected.get(line(7))).isEqualTo("duplicate id DZ-59-001, first seen line 2");
        assertThat(sink.rejected.get(line(8))).startsWith("unknown dz_type 'parking'");
        assertThat(sink.rejected.get(line(9))).isEqualTo("the row has 4 values, the header has 10 columns");
        assertThat(sink.rejected.get(line(10))).contains("outside the area of Lambert-93");
        assertThat(sink.rejected.get(line(11))).isEqualTo("empty id");

        Location grimonprez = location(sink, line(5));
        assertThat(grimonprez.getName()).isEqualTo("Stade\nGrimonprez-Jooris");
        Location fireStation = location(sink, line(3));
        assertThat(fireStation.getPosition().getLatitude().doubleValue()).isBetween(50.63659, 50.63661);
        assertThat(location(sink, line(12))
                        .getTypeFirstRep()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("hospital-helipad");
    }

    @Test
    void readsOurAirports() {
        RecordingSink sink = read(LocationsFeedHandler.OURAIRPORTS, OURAIRPORTS.getBytes(StandardCharsets.UTF_8));

        assertThat(sink.accepted).containsOnlyKeys(line(2), line(3));
        assertThat(location(sink, line(2)).getTypeFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("hospital-helipad");
        assertThat(sink.rejected.get(line(4))).contains("not a landing point for SMUR helicopters");
        assertThat(sink.rejected.get(line(5))).isEqualTo("duplicate id LFQQ, first seen line 3");
    }

    @Test
    void readsGiscoAndSpotsTheSameFinessWrittenTwoWays() {
        RecordingSink sink = read(LocationsFeedHandler.FINESS, GISCO.getBytes(StandardCharsets.UTF_8));

        assertThat(sink.accepted).containsOnlyKeys(line(2), line(4));
        assertThat(location(sink, line(2)).getIdentifierFirstRep().getValue()).isEqualTo("010000024");
        assertThat(sink.rejected.get(line(3))).isEqualTo("duplicate id 010000024, first seen line 2");
    }

    @Test
    void missingColumnsMakeTheFileUnreadable() {
        byte[] airports = OURAIRPORTS.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(LocationsFeedHandler.DZ, airports))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageStartingWith("not a dz file: missing column dz_type (")
                .hasMessageNotContaining("latitude and longitude");
        assertThatThrownBy(() -> read(LocationsFeedHandler.FINESS, "nom;adresse\nCHU;Lille\n".getBytes()))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("missing columns id; hospital_name; lat; lon")
                .hasMessageContaining("delimiter ';'");
    }

    @Test
    void notCsvOrNotUtf8IsUnreadable() {
        assertThatThrownBy(() -> read(LocationsFeedHandler.DZ, new byte[0]))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("empty file");
        assertThatThrownBy(() -> read(LocationsFeedHandler.DZ, "{\"resourceType\":\"Bundle\"}".getBytes()))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("missing columns");
        byte[] latin1 =
                "id;name;dz_type;latitude;longitude\nA;Hôpital;other;50;3\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(LocationsFeedHandler.DZ, latin1))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void choosesFormatByFileName() {
        assertThat(handler.formatForFileName("ourairports_fr_all.csv")).contains(LocationsFeedHandler.OURAIRPORTS);
        assertThat(handler.formatForFileName("/in/gisco_healthcare_FR_2020.csv"))
                .contains(LocationsFeedHandler.FINESS);
        assertThat(handler.formatForFileName("hospitals_fr_acute_2020.csv")).contains(LocationsFeedHandler.FINESS);
        assertThat(handler.formatForFileName("finess-59.csv")).contains(LocationsFeedHandler.FINESS);
        assertThat(handler.formatForFileName("dz-hdf.csv")).contains(LocationsFeedHandler.DZ);
        assertThat(handler.formatForFileName("stades_DZ.csv")).contains(LocationsFeedHandler.DZ);
        assertThat(handler.formatForFileName("adzuki.csv")).isEmpty();
        assertThat(handler.formatForContentType("text/csv")).isEmpty();
        assertThat(handler.feed()).isEqualTo("locations");
        assertThat(handler.formats()).containsExactlyInAnyOrder("ourairports", "finess", "dz");
        assertThat(handler.defaultFormat()).isEqualTo("dz");
        assertThat(handler.resourceTypes()).containsExactlyInAnyOrder("Location", "Organization");
    }

    private RecordingSink read(String format, byte[] content) {
        RecordingSink sink = new RecordingSink();
        handler.read(ImportInput.ofBytes(LocationsFeedHandler.FEED, format, "test.csv", "text/csv", content), sink);
        return sink;
    }

    private static byte[] fixture(String name) {
        String path = "/fixtures/locations/" + name;
        try (InputStream in = Objects.requireNonNull(LocationsFeedHandlerTest.class.getResourceAsStream(path), path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RowRef line(long number) {
        return RowRef.line(number);
    }

    private static Location location(RecordingSink sink, RowRef row) {
        List<? extends IBaseResource> resources = sink.accepted.get(row);
        assertThat(resources).hasSize(1);
        return (Location) resources.get(0);
    }
}
