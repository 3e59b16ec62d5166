package fr.vigie.server.imports;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import fr.vigie.mappings.common.ConditionalUrls;
import fr.vigie.routes.common.IdentifierIndex;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Identifier;
import org.springframework.stereotype.Component;

/**
 * The {@link IdentifierIndex} of this server: HAPI FHIR JPA's token index read directly for a batch of identifiers, on
 * one database connection, where the import would otherwise send one FHIR search {@code Type?identifier=system|value}
 * per identifier through the whole HTTP and search stack.
 *
 * <p>It reads what those searches read: the rows of {@code HFJ_SPIDX_TOKEN} whose {@code HASH_SYS_AND_VALUE} is
 * HAPI's hash of the resource type, the parameter {@code identifier}, the system and the value (computed by HAPI's own
 * {@link ResourceIndexedSearchParamToken#calculateHashSystemAndValue}; the hash is all HAPI's search compares too),
 * then {@code HFJ_RESOURCE} by primary key for the FHIR id, leaving out deleted resources. The index is written in the
 * same database transaction as the resource, so a committed resource is always found. These are HAPI's table and
 * column
 * names (HAPI FHIR 8.8 schema); ImportIT runs the import on H2 and PostgreSQL, so a schema change shows there, and any
 * SQL error makes the writer fall back to FHIR searches rather than fail the import.
 *
 * <p>It declines, so the writer searches over FHIR instead, when partitioning is on (search hashes may then include
 * the partition) and for a system or value longer than HAPI's indexed 200 characters.
 */
@Component
public class JpaIdentifierIndex implements IdentifierIndex {

    private static final String PARAMETER = "identifier";
    private static final String TOKEN_HOLDERS = "SELECT RES_ID FROM HFJ_SPIDX_TOKEN WHERE HASH_SYS_AND_VALUE = ?";
    private static final String LIVE_RESOURCE =
            "SELECT FHIR_ID FROM HFJ_RESOURCE WHERE RES_ID = ? AND RES_TYPE = ? AND RES_DELETED_AT IS NULL";

    private final DataSource dataSource;
    private final PartitionSettings partitionSettings;

    public JpaIdentifierIndex(DataSource dataSource, PartitionSettings partitionSettings) {
        this.dataSource = dataSource;
        this.partitionSettings = partitionSettings;
    }

    @Override
    public Map<String, Set<String>> find(String resourceType, Collection<Identifier> identifiers) {
        if (partitionSettings.isPartitioningEnabled()) {
            throw new UnavailableException("partitioning is enabled", null);
        }
        Map<Long, List<String>> tokensByHash = new HashMap<>();
        for (Identifier identifier : identifiers) {
            String system = identifier.getSystem();
            String value = identifier.getValue();
            if (system == null
                    || value == null
                    || system.length() > ResourceIndexedSearchParamToken.MAX_LENGTH
                    || value.length() > ResourceIndexedSearchParamToken.MAX_LENGTH) {
                throw new UnavailableException("an identifier without system or value, or longer than indexed", null);
            }
            long hash = ResourceIndexedSearchParamToken.calculateHashSystemAndValue(
                    partitionSettings, RequestPartitionId.defaultPartition(), resourceType, PARAMETER, system, value);
            List<String> tokens = tokensByHash.computeIfAbsent(hash, h -> new ArrayList<>(1));
            String token = ConditionalUrls.token(system, value);
            if (!tokens.contains(token)) {
                tokens.add(token);
            }
        }
        Map<String, Set<String>> found = new HashMap<>();
        if (tokensByHash.isEmpty()) {
            return found;
        }
        // One indexed equality a statement, on one connection: an IN list or a join lets PostgreSQL, when the tables
        // have no statistics yet (a new database, autovacuum off), choose a scan of the whole token index or of every
        // resource of the type (0.6 s a batch at 40,000 Encounters), where each equality stays one index probe.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement tokens = connection.prepareStatement(TOKEN_HOLDERS);
                PreparedStatement resources = connection.prepareStatement(LIVE_RESOURCE)) {
            Map<Long, String> ids = new HashMap<>();
            for (Map.Entry<Long, List<String>> hash : tokensByHash.entrySet()) {
                tokens.setLong(1, hash.getKey());
                List<Long> holders = new ArrayList<>();
                try (ResultSet rows = tokens.executeQuery()) {
                    while (rows.next()) {
                        holders.add(rows.getLong(1));
                    }
                }
                for (long holder : holders) {
                    String id = ids.computeIfAbsent(holder, h -> fhirId(resources, h, resourceType));
                    if (!id.isEmpty()) {
                        for (String token : hash.getValue()) {
                            found.computeIfAbsent(token, t -> new LinkedHashSet<>())
                                    .add(id);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new UnavailableException("query of the token index failed: " + e.getMessage(), e);
        } catch (UncheckedSqlException e) {
            throw new UnavailableException(
                    "query of the token index failed: " + e.getCause().getMessage(), e);
        }
        return found;
    }

    /** The FHIR id of a live resource of this type, or "" (deleted, or of another type: a hash collision). */
    private static String fhirId(PreparedStatement resources, long resourceId, String resourceType) {
        try {
            resources.setLong(1, resourceId);
            resources.setString(2, resourceType);
            try (ResultSet rows = resources.executeQuery()) {
                return rows.next() ? rows.getString(1) : "";
            }
        } catch (SQLException e) {
            throw new UncheckedSqlException(e);
        }
    }

    private static final class UncheckedSqlException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UncheckedSqlException(SQLException cause) {
            super(cause);
        }
    }
}
