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
 * The {@link IdentifierIndex} of this server: one SQL query of HAPI FHIR JPA's token index for a batch of identifiers,
 * where the import would otherwise send one FHIR search {@code Type?identifier=system|value} per identifier.
 *
 * <p>It reads what those searches read: the rows of {@code HFJ_SPIDX_TOKEN} for the search parameter
 * {@code identifier} whose {@code HASH_SYS_AND_VALUE} is HAPI's hash of the resource type, parameter, system and value
 * (computed by HAPI's own {@link ResourceIndexedSearchParamToken#calculateHashSystemAndValue}; the hash is all HAPI's
 * search compares too), joined to {@code HFJ_RESOURCE} for the resource's FHIR id and type and to leave out deleted
 * resources. The index is written in the same
 * database transaction as the resource, so a committed resource is always found. These are HAPI's table and column
 * names (HAPI FHIR 8.8 schema); ImportIT runs the import on H2 and PostgreSQL, so a schema change shows there, and any
 * SQL error makes the writer fall back to FHIR searches rather than fail the import.
 *
 * <p>It declines, so the writer searches over FHIR instead, when partitioning is on (search hashes may then include
 * the partition) and for a system or value longer than HAPI's indexed 200 characters.
 */
@Component
public class JpaIdentifierIndex implements IdentifierIndex {

    private static final String PARAMETER = "identifier";

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
        List<Long> hashes = new ArrayList<>(tokensByHash.keySet());
        String sql = "SELECT t.HASH_SYS_AND_VALUE, r.FHIR_ID FROM HFJ_SPIDX_TOKEN t"
                + " JOIN HFJ_RESOURCE r ON r.RES_ID = t.RES_ID"
                + " WHERE t.HASH_SYS_AND_VALUE IN (" + "?,".repeat(hashes.size() - 1) + "?)"
                + " AND r.RES_TYPE = ? AND r.RES_DELETED_AT IS NULL";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < hashes.size(); i++) {
                statement.setLong(i + 1, hashes.get(i));
            }
            statement.setString(hashes.size() + 1, resourceType);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long hash = rows.getLong(1);
                    String id = rows.getString(2);
                    for (String token : tokensByHash.getOrDefault(hash, List.of())) {
                        found.computeIfAbsent(token, t -> new LinkedHashSet<>()).add(id);
                    }
                }
            }
        } catch (SQLException e) {
            throw new UnavailableException("query of the token index failed: " + e.getMessage(), e);
        }
        return found;
    }
}
