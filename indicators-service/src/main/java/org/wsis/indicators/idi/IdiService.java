package org.wsis.indicators.idi;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps idi_score in step with the current component values: called inside the publish
 * transaction with the temp table 'changed' (the new vintages of the batch) still present.
 */
@ApplicationScoped
public class IdiService {

    private record EconomyYear(String economy, int period) {
    }

    public void recomputeForChanged(Connection connection, Instant at) throws SQLException {
        String[] components = IdiCalculator.componentCodes().toArray(String[]::new);
        Map<EconomyYear, Map<String, Double>> inputs = new LinkedHashMap<>();
        try (PreparedStatement affected = connection.prepareStatement("""
                SELECT DISTINCT economy, period FROM changed
                WHERE indicator = ANY(?) AND sex = '_T' AND age = '_T' AND urbanisation = '_T'""")) {
            affected.setArray(1, connection.createArrayOf("text", components));
            try (ResultSet rows = affected.executeQuery()) {
                while (rows.next()) {
                    inputs.put(new EconomyYear(rows.getString(1), rows.getInt(2)), new HashMap<>());
                }
            }
        }
        if (inputs.isEmpty()) {
            return;
        }
        try (PreparedStatement current = connection.prepareStatement("""
                SELECT o.economy_code, o.period, o.indicator_code, o.value FROM observation o
                JOIN (SELECT DISTINCT economy, period FROM changed) c ON c.economy = o.economy_code AND c.period = o.period
                WHERE o.superseded_at IS NULL AND o.indicator_code = ANY(?) AND o.sex = '_T' AND o.age = '_T'
                  AND o.urbanisation = '_T' AND o.value IS NOT NULL""")) {
            current.setArray(1, connection.createArrayOf("text", components));
            try (ResultSet rows = current.executeQuery()) {
                while (rows.next()) {
                    Map<String, Double> values = inputs.get(new EconomyYear(rows.getString(1), rows.getInt(2)));
                    if (values != null) {
                        values.put(rows.getString(3), rows.getDouble(4));
                    }
                }
            }
        }
        List<EconomyYear> incomplete = new ArrayList<>();
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO idi_score (economy_code, period, idi, universal_connectivity, meaningful_connectivity, computed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (economy_code, period) DO UPDATE SET idi = excluded.idi,
                    universal_connectivity = excluded.universal_connectivity,
                    meaningful_connectivity = excluded.meaningful_connectivity, computed_at = excluded.computed_at""")) {
            for (Map.Entry<EconomyYear, Map<String, Double>> entry : inputs.entrySet()) {
                var score = IdiCalculator.compute(entry.getValue());
                if (score.isEmpty()) {
                    incomplete.add(entry.getKey());
                    continue;
                }
                upsert.setString(1, entry.getKey().economy());
                upsert.setInt(2, entry.getKey().period());
                upsert.setDouble(3, score.get().idi());
                upsert.setDouble(4, score.get().universalConnectivity());
                upsert.setDouble(5, score.get().meaningfulConnectivity());
                upsert.setTimestamp(6, Timestamp.from(at));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        // a component revised to 'missing' removes a score computed earlier
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM idi_score WHERE economy_code = ? AND period = ?")) {
            for (EconomyYear key : incomplete) {
                delete.setString(1, key.economy());
                delete.setInt(2, key.period());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }
}
