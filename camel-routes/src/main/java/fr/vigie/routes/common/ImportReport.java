package fr.vigie.routes.common;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The answer to every import, returned by the HTTP endpoint, written beside processed inbox files and kept under
 * {@code vigie.import.reports-dir}. External contract: the field names below are read by other systems; add fields,
 * never rename them.
 *
 * <p>Invariant, checked on construction: {@code rowsRead == created + updated + unchanged + rejected.size()}, so no
 * row is ever dropped silently. While an import runs, the counts cover the rows already settled (a row waiting in a
 * transaction batch is counted once the server answered). Warnings concern rows counted elsewhere and do not add up.
 *
 * @param id job id, also the name of the persisted report ({@code <id>.json})
 * @param feed feed name ({@code resources}, {@code registry}...)
 * @param format format the file was read as
 * @param source original file name, or what the caller named the upload
 * @param target base URL of the FHIR server written to
 * @param startedAt start instant (ISO-8601, UTC)
 * @param finishedAt end instant, {@code null} while running
 * @param status see {@link ImportStatus}
 * @param error why the import failed, {@code null} unless {@code status} is {@code failed}
 */
@JsonPropertyOrder({
    "id",
    "feed",
    "format",
    "source",
    "target",
    "startedAt",
    "finishedAt",
    "status",
    "error",
    "rowsRead",
    "created",
    "updated",
    "unchanged",
    "rejected",
    "warnings"
})
public record ImportReport(
        String id,
        String feed,
        String format,
        String source,
        String target,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant startedAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant finishedAt,
        ImportStatus status,
        String error,
        long rowsRead,
        long created,
        long updated,
        long unchanged,
        List<Rejection> rejected,
        List<Warning> warnings) {

    public ImportReport {
        Objects.requireNonNull(status, "status");
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        long settled = created + updated + unchanged + rejected.size();
        if (rowsRead != settled) {
            throw new IllegalArgumentException("rowsRead (" + rowsRead + ") must equal created + updated + unchanged"
                    + " + rejected (" + settled + ")");
        }
    }

    /** A row that was not imported, with the reason an operator can act on. */
    public record Rejection(RowRef row, String reason) {}

    /** Something worth knowing about a row that was nevertheless imported (or rejected for another reason). */
    public record Warning(RowRef row, String message) {}
}
