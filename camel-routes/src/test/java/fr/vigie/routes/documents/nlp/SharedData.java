package fr.vigie.routes.documents.nlp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's real data ({@code shared/data}, kept beside the repository, not in it: some of it may not be
 * redistributed) by walking up from the working directory: a fresh clone with {@code ../shared/data} beside it, or a
 * worktree nested deeper, both work. Tests that need it are skipped, saying why, where it is absent.
 */
final class SharedData {

    private SharedData() {}

    static Optional<Path> find(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data").resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
