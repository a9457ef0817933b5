package dev.cairn.sql.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.sql.ResultSet;
import java.math.BigDecimal;

/**
 * {@code {"rows": [{"col": value, ...}, ...]}} like Dolt's {@code -r json}: numbers as JSON
 * numbers, NULL columns left out of their row object (as Dolt does), everything else as
 * strings in MySQL's text form.
 */
public final class JsonFormatter implements ResultFormatter {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String format(ResultSet rs) {
        if (!rs.hasRows()) {
            return "";
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode rows = root.putArray("rows");
        for (Object[] row : rs.rows()) {
            ObjectNode o = rows.addObject();
            for (int c = 0; c < row.length; c++) {
                String name = rs.columns().get(c).name();
                Object v = row[c];
                if (v == null) {
                    continue;
                }
                if (v instanceof Long l) {
                    o.put(name, l);
                } else if (v instanceof BigDecimal d) {
                    o.put(name, d);
                } else if (v instanceof Double d) {
                    o.put(name, d);
                } else if (v instanceof Float f) {
                    o.put(name, f);
                } else if (v instanceof Boolean b) {
                    o.put(name, b ? 1 : 0);
                } else {
                    o.put(name, ValueText.of(v));
                }
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
