package fr.vigie.mappings.location;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteNamesTest {

    @ParameterizedTest(name = "{0} -> hospital {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Hautepierre Hospital Heliport          | true
            Hôpital Nord Heliport                  | true
            HOPITAL DE LA CROIX-ROUSSE             | true
            Centre Hospitalier de Bastia Heliport  | true
            CENTRE HOSPITALIER INTERCOMMUNAL       | true
            Montpellier CHU Heliport               | true
            C.H.U. de Nantes                       | true
            CH de Cambrai                          | true
            CHR Metz-Thionville                    | true
            CHRU de Lille                          | true
            Clinique Pasteur Heliport              | true
            Polyclinique du Parc                   | true
            Abbeville Medical Center Heliport      | true
            Centre Médical Heliport                | true
            Maternité de Port-Royal                | true
            Heliport du SAMU 59                    | true
            Chamonix Heliport                      | false
            CHAMONIX MONT-BLANC                    | false
            Chateau De Saint Maixant Heliport      | false
            Hostellerie Briqueterie Heliport       | false
            Castets Heliport                       | false
            Chuc Heliport                          | false
            Sens Fire and Rescue Center Heliport   | false
            Hôtel Royal Heliport                   | false
            """)
    void recognisesHospitalNames(String name, boolean hospital) {
        assertThat(SiteNames.isHospital(name)).isEqualTo(hospital);
    }

    @ParameterizedTest(name = "{0} -> fire station {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Sens Fire and Rescue Center Heliport   | true
            Martigues Rescue Center Heliport       | true
            Le Quesnoy Fire Station Heliport       | true
            Centre de Secours de Courchevel        | true
            Caserne des pompiers de Lens           | true
            Castets Heliport                       | false
            Sapeurs Heliport                       | false
            """)
    void recognisesFireStations(String name, boolean fireStation) {
        assertThat(SiteNames.isFireStation(name)).isEqualTo(fireStation);
    }

    @ParameterizedTest(name = "{0} -> heliport {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Troyes Hospital Heliport          | true
            Cannes Quai du Large Helistation  | true
            Héliport de Lens                  | true
            Villa Salmanazar Helipad          | true
            Aérodrome de Herm                 | false
            Skydive DZ Airfield               | false
            """)
    void recognisesHeliports(String name, boolean heliport) {
        assertThat(SiteNames.isHeliport(name)).isEqualTo(heliport);
    }
}
