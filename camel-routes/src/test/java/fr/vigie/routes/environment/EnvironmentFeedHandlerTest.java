package fr.vigie.routes.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.RecordingSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.common.UnreadableImportException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class EnvironmentFeedHandlerTest {

    private static final String STATIONS = """
            station;name;latitude;longitude
            cams-AQ022;Lyon;45,76;4,85
            FR04143;Paris 1er Les Halles;48.8628;2.3447
            FR99001;Nowhere;;
            cams-AQ022;Lyon again;45.76;4.85
            FR99002;Short row;45
            """;

    private static final String LONG = """
            station,date,parameter,value,unit
            cams-AQ022,2020-02-01,no2,25.6207752838498,µg/m3
            cams-AQ022,2020-02-01,pm10,0.0124466617109118,mg/m3
            cams-AQ022,2020-02-01,no2,26,ug/m3
            cams-AQ022,2020-02-01,no2x,26,ug/m3
            FR04143,2020-02-01,o3,20,ppb
            """;

    // hand-made, invented numbers, in the published Sentinelles layout
    private static final String SENTINELLES = """
            # Réseau Sentinelles - hand-made sample - invented numbers
            week,indicator,inc,inc_low,inc_up,inc100,inc100_low,inc100_up,geo_insee,geo_name
            202003,3,236180,213585,258775,359,325,393,FR,France
            202004,3,250000,230000,270000,380,350,410,FR,France
            202004,7,100000,90000,110000,150,135,165,FR,France
            202004,3,41000,34000,48000,334,277,391,11,ILE-DE-FRANCE
            """;

    // rows of chicagoNMMAPS.csv (shared/data/nmmaps-chicago), the last two made up
    private static final String NMMAPS = """
            "date","time","year","month","doy","dow","death","cvd","resp","temp","dptp","rhum","pm10","o3"
            1987-01-01,1,1987,1,1,"Thursday",130,65,13,-0.277777777777778,31.5,95.5,26.956073733,4.376079071
            1987-01-02,2,1987,1,2,"Friday",150,73,14,0.555555555555556,29.875,88.25,,4.929803271
            1988-03-20,445,1988,3,80,"Sunday",117,67,12,-1.94444444444444,15,57.625,-1.27805356,33.4280949058
            1998-03-02,9998,1998,3,61,"Monday",100,40,9,NA,NA,NA,NA,NA
            1998-02-30,9999,1998,2,61,"Monday",100,40,9,1.5,30,80,20,10
            """;

    private final EnvironmentFeedHandler handler = new EnvironmentFeedHandler();

    @Test
    void readsStationsWithGoodAndBadRows() {
        RecordingSink sink = read(EnvironmentFeedHandler.STATIONS, STATIONS);

        assertThat(sink.accepted).containsOnlyKeys(line(2), line(3));
        assertThat(sink.rejected)
                .containsExactly(
                        Map.entry(line(4), "missing coordinates: latitude and longitude are empty"),
                        Map.entry(line(5), "duplicate station cams-AQ022, first seen line 2"),
                        Map.entry(line(6), "the row has 3 values, the header has 4 columns"));
        Location lyon = (Location) sink.accepted.get(line(2)).get(0);
        assertThat(lyon.getPosition().getLatitude()).isEqualByComparingTo("45.76");
    }

    @Test
    void readsLongRowsAndRejectsDuplicatesInOneFile() {
        RecordingSink sink = read(EnvironmentFeedHandler.LONG, LONG);

        assertThat(sink.accepted).containsOnlyKeys(line(2), line(3), line(6));
        assertThat(sink.rejected.get(line(4)))
                .isEqualTo("duplicate observation cams-AQ022|no2|2020-02-01, first seen line 2");
        assertThat(sink.rejected.get(line(5))).startsWith("unknown parameter 'no2x'");
        Observation o3 = (Observation) sink.accepted.get(line(6)).get(0);
        assertThat(o3.getValueQuantity().getValue()).isEqualByComparingTo("39.2");
    }

    @Test
    void readsSentinellesPastItsCommentAndSendsEachAreaOnce() {
        RecordingSink sink = read(EnvironmentFeedHandler.SENTINELLES, SENTINELLES);

        assertThat(sink.order).containsExactly(line(3), line(4), line(5), line(6));
        assertThat(sink.accepted.get(line(3)))
                .extracting(IBaseResource::fhirType)
                .containsExactly("Location", "Observation");
        assertThat(sink.accepted.get(line(4)))
                .extracting(IBaseResource::fhirType)
                .containsExactly("Observation");
        assertThat(sink.accepted.get(line(6)))
                .extracting(IBaseResource::fhirType)
                .containsExactly("Location", "Observation");
        assertThat(sink.rejected.get(line(5))).contains("indicator '7' is not mapped");
    }

    @Test
    void readsWideFilesCellByCell() {
        RecordingSink sink = read(EnvironmentFeedHandler.NMMAPS, NMMAPS);

        assertThat(sink.accepted).containsOnlyKeys(line(2), line(3), line(4));
        assertThat(sink.accepted.get(line(2)))
                .extracting(IBaseResource::fhirType)
                .containsExactly("Location", "Observation", "Observation", "Observation", "Observation", "Observation");
        assertThat(sink.accepted.get(line(3))).hasSize(4).allMatch(Observation.class::isInstance);
        assertThat(sink.accepted.get(line(4))).hasSize(4);
        assertThat(sink.rejected)
                .containsExactly(
                        Map.entry(RowRef.of("line 4, column pm10"), "negative pm10 -1.27805356 ug/m3"),
                        Map.entry(line(5), "no value: every parameter cell is empty or marked missing"),
                        Map.entry(line(6), "date '1998-02-30' does not match yyyy-MM-dd"));
    }

    @Test
    void readsCams() {
        String cams = """
                "Date","id","name","cities_lat","cities_lon","INERIS_CAMS_COP_066_NO2_COVID",\
                "INERIS_CAMS_COP_066_O3_COVID","INERIS_CAMS_COP_066_PM10_COVID","INERIS_CAMS_COP_066_PM25_COVID"
                "2020-02-01","AQ031","Paris",48.87,2.33,12.7909174154704,65.3115671001246,5.4517867405935,\
                3.9015795784149
                """;
        RecordingSink sink = read(EnvironmentFeedHandler.CAMS, cams);

        assertThat(sink.accepted.get(line(2))).hasSize(5);
        assertThat(((Location) sink.accepted.get(line(2)).get(0)).getName()).isEqualTo("Paris");
    }

    @Test
    void missingColumnsMakeTheFileUnreadable() {
        assertThatThrownBy(() -> read(EnvironmentFeedHandler.LONG, "station;jour;valeur\nA;2020-01-01;1\n"))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageStartingWith("not a long file: missing columns date or datetime; parameter; value; unit")
                .hasMessageContaining("delimiter ';'");
        assertThatThrownBy(() -> read(EnvironmentFeedHandler.CAMS, NMMAPS))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining(
                        "missing columns id; name; cities_lat; cities_lon; INERIS_CAMS_COP_066_NO2_COVID");
        assertThatThrownBy(() -> read(EnvironmentFeedHandler.SENTINELLES, "# only a comment\n"))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("empty file: a CSV header line is expected on line 2");
        byte[] latin1 =
                "station,date,parameter,value,unit\nA,2020-01-01,pm10,1,µg/m3\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> handler.read(
                        ImportInput.ofBytes(EnvironmentFeedHandler.FEED, "long", "x.csv", null, latin1),
                        new RecordingSink()))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void choosesFormatByFileName() {
        assertThat(handler.formatForFileName("inc-3-RDD.csv")).contains("sentinelles");
        assertThat(handler.formatForFileName("/in/sentinelles_2020.csv")).contains("sentinelles");
        assertThat(handler.formatForFileName("chicagoNMMAPS.csv")).contains("nmmaps");
        assertThat(handler.formatForFileName("cams_france_2020.csv")).contains("cams");
        assertThat(handler.formatForFileName("stations-atmo.csv")).contains("stations");
        assertThat(handler.formatForFileName("pollution_long.csv")).contains("long");
        assertThat(handler.formatForFileName("longitudes.csv")).isEmpty();
        assertThat(handler.formatForContentType("text/csv")).isEmpty();
        assertThat(handler.feed()).isEqualTo("environment");
        assertThat(handler.formats()).containsExactly("cams", "long", "nmmaps", "sentinelles", "stations");
        assertThat(handler.defaultFormat()).isEqualTo("long");
        assertThat(handler.resourceTypes()).containsExactlyInAnyOrder("Location", "Observation");
    }

    private RecordingSink read(String format, String content) {
        RecordingSink sink = new RecordingSink();
        handler.read(
                ImportInput.ofBytes(
                        EnvironmentFeedHandler.FEED,
                        format,
                        "test.csv",
                        "text/csv",
                        content.getBytes(StandardCharsets.UTF_8)),
                sink);
        return sink;
    }

    private static RowRef line(long number) {
        return RowRef.line(number);
    }
}
