package fr.vigie.mappings.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known points: the projection's origin (3° E, 46.5° N is x 700 000, y 6 600 000 by definition of EPSG:2154) and
 * points computed independently of proj4j with the Lambert conformal conic (2SP) formulas of IGN/Snyder on GRS80
 * (standard parallels 44° and 49° N).
 */
class Lambert93Test {

    /** About 1 m in degrees of latitude. */
    private static final double ONE_METRE = 1.0e-5;

    @ParameterizedTest(name = "({0}, {1}) -> {2}, {3}")
    @CsvSource({
        "700000, 6600000, 46.5, 3.0",
        "652230.934, 6861636.903, 48.853, 2.349",
        "704499.909, 7059961.504, 50.6366, 3.0635",
        "892390.222, 6247035.257, 43.2965, 5.3698",
        "1176667.561, 6108273.283, 41.9192, 8.7386"
    })
    void convertsKnownPoints(double x, double y, double latitude, double longitude) {
        Lambert93.GeoPoint point = Lambert93.toWgs84(x, y);
        assertThat(point.latitude()).isCloseTo(latitude, within(ONE_METRE / 10));
        assertThat(point.longitude()).isCloseTo(longitude, within(ONE_METRE / 10));

        Lambert93.Point back = Lambert93.fromWgs84(latitude, longitude);
        assertThat(back.x()).isCloseTo(x, within(0.01));
        assertThat(back.y()).isCloseTo(y, within(0.01));
    }

    @ParameterizedTest(name = "round trip {0}, {1}")
    @CsvSource({"48.853, 2.349", "50.95, 1.85", "42.45, 9.5", "43.4, -1.7", "49.0, 8.2"})
    void roundTripsWithinAMillimetre(double latitude, double longitude) {
        Lambert93.Point projected = Lambert93.fromWgs84(latitude, longitude);
        Lambert93.GeoPoint back = Lambert93.toWgs84(projected.x(), projected.y());
        assertThat(back.latitude()).isCloseTo(latitude, within(1.0e-8));
        assertThat(back.longitude()).isCloseTo(longitude, within(1.0e-8));
    }

    @ParameterizedTest(name = "refuses ({0}, {1})")
    @CsvSource({"7059962, 704500", "700000, 600000", "0, 0", "700000, 9000000"})
    void refusesPointsOutsideTheArea(double x, double y) {
        assertThatThrownBy(() -> Lambert93.toWgs84(x, y))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the area of Lambert-93");
    }
}
