package fr.vigie.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import fr.vigie.routes.common.ImportReport;
import fr.vigie.server.AbstractFhirIT;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo set goes through the import framework once; a second start skips it. */
class DemoDataIT extends AbstractFhirIT {

    @Autowired
    fr.vigie.routes.common.ImportService imports;

    @Autowired
    DaoRegistry daoRegistry;

    @Test
    void loadsEachDemoEntryOnceThroughTheImportFramework() {
        DemoDataLoader loader = new DemoDataLoader(imports, daoRegistry, new DemoDataProperties(true, true));
        List<ImportReport> first = loader.loadAll();
        assertThat(first).hasSize(DemoDataLoader.entries().size());
        assertThat(first).allSatisfy(report -> assertThat(report.rejected()).isEmpty());

        Bundle lille = client.search()
                .forResource(Location.class)
                .where(Location.IDENTIFIER.exactly().systemAndCode("https://finess.esante.gouv.fr", "590000105"))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(lille.getEntry()).hasSize(1);
        assertThat(((Location) lille.getEntryFirstRep().getResource()).getName())
                .contains("LILLE");

        List<ImportReport> second = loader.loadAll();
        assertThat(second).isEmpty();
    }
}
