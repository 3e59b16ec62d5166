package fr.vigie.routes.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DiskMissionNumbersTest {

    @Test
    void remembersTheFirstCellOfEachNumberAndDeletesItsFileOnClose() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = folders(tmp);
        try (DiskMissionNumbers numbers = DiskMissionNumbers.open()) {
            assertThat(folders(tmp)).isEqualTo(before + 1);
            for (int i = 0; i < 30_000; i++) {
                assertThat(numbers.putIfAbsent("M" + i, "Missions!A" + (i + 2))).isNull();
            }
            assertThat(numbers.putIfAbsent("M0", "Missions!A40000")).isEqualTo("Missions!A2");
            assertThat(numbers.putIfAbsent("M29999", "Missions!A40001")).isEqualTo("Missions!A30001");
            assertThat(numbers.putIfAbsent("m0", "Missions!A40002")).isNull();
        }
        assertThat(folders(tmp)).isEqualTo(before);
    }

    private static long folders(Path tmp) throws Exception {
        try (Stream<Path> list = Files.list(tmp)) {
            return list.filter(p -> p.getFileName().toString().startsWith("vigie-registry-missions-"))
                    .count();
        }
    }
}
