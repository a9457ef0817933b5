package dev.cairn.chunkstore.row;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * One column of a table: name, type, nullability, default, AUTO_INCREMENT, and
 * the tag that identifies its values in stored rows.
 *
 * <p>The default is either a typed literal ({@link #withDefault}, already
 * coerced to the type, so {@code withDefault("5")} on an INT stores 5L) or SQL
 * text for an expression such as {@code CURRENT_TIMESTAMP}
 * ({@link #withDefaultExpression}), which the SQL layer evaluates. A nullable
 * column without either defaults to NULL.
 *
 * <p>The tag is stable for the life of the column (renames keep it) and is
 * never reused after a drop; {@link Schema} assigns it, so columns built here
 * start with {@link #NO_TAG}. The backfill is what rows written before the
 * column was added read as; {@link Schema#withColumnAdded} fixes it.
 *
 * <p>Immutable; the {@code with} methods return modified copies.
 */
public final class Column {
    /** The tag of a column no schema has numbered yet. */
    public static final int NO_TAG = -1;
    /** MySQL's limit on identifier length. */
    public static final int MAX_NAME_LENGTH = 64;

    private final String name;
    private final SqlType type;
    private final boolean nullable;
    private final Object defaultValue;
    private final String defaultExpression;
    private final boolean autoIncrement;
    private final int tag;
    private final Object backfill;

    private Column(String name, SqlType type, boolean nullable, Object defaultValue, String defaultExpression,
            boolean autoIncrement, int tag, Object backfill) {
        this.name = checkName(name);
        this.type = Objects.requireNonNull(type, "type");
        this.nullable = nullable;
        this.defaultValue = defaultValue;
        this.defaultExpression = defaultExpression;
        this.autoIncrement = autoIncrement;
        this.tag = tag;
        this.backfill = backfill;
    }

    /** A nullable column with no default. */
    public static Column of(String name, SqlType type) {
        return new Column(name, type, true, null, null, false, NO_TAG, null);
    }

    /** A nullable column with no default, its type parsed from SQL text such as {@code varchar(40)}. */
    public static Column of(String name, String type) {
        return of(name, SqlType.parse(type));
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty() || name.endsWith(" ")) {
            throw new SchemaException("Incorrect column name '" + name + "'");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new SchemaException("Identifier name '" + name + "' is too long");
        }
        return name;
    }

    public String name() {
        return name;
    }

    public SqlType type() {
        return type;
    }

    public boolean nullable() {
        return nullable;
    }

    /** The literal default in the type's Java form, or null if there is none (or it is NULL). */
    public Object defaultValue() {
        return defaultValue;
    }

    /** The default as SQL expression text, or null if the default is a literal or absent. */
    public String defaultExpression() {
        return defaultExpression;
    }

    /** True if an INSERT may omit this column: it has a default, is nullable, or is AUTO_INCREMENT. */
    public boolean hasDefault() {
        return defaultValue != null || defaultExpression != null || nullable || autoIncrement;
    }

    public boolean autoIncrement() {
        return autoIncrement;
    }

    /** The stable number of this column's values in stored rows, or {@link #NO_TAG}. */
    public int tag() {
        return tag;
    }

    /** What rows stored before this column was added read as. */
    public Object backfill() {
        return backfill;
    }

    /**
     * What MySQL fills existing rows with when this column is added: the literal
     * default, else the type's {@linkplain SqlType#implicitDefault implicit
     * default} if NOT NULL, else NULL.
     */
    public Object impliedBackfill() {
        if (defaultValue != null) {
            return defaultValue;
        }
        return nullable ? null : type.implicitDefault();
    }

    public Column withName(String newName) {
        return new Column(newName, type, nullable, defaultValue, defaultExpression, autoIncrement, tag, backfill);
    }

    public Column notNull() {
        return withNullable(false);
    }

    public Column withNullable(boolean allowNull) {
        return new Column(name, type, allowNull, defaultValue, defaultExpression, autoIncrement, tag, backfill);
    }

    /**
     * A literal default, coerced to the type; strings are read as SQL literal text
     * ({@code "5"}, {@code "2024-01-31"}). Null removes the default.
     *
     * @throws SchemaException if the value does not fit, or the type is BLOB, TEXT or JSON
     */
    public Column withDefault(Object literal) {
        if (literal == null) {
            return new Column(name, type, nullable, null, null, autoIncrement, tag, backfill);
        }
        if (type.kind() == SqlType.Kind.BLOB || type.kind() == SqlType.Kind.TEXT
                || type.kind() == SqlType.Kind.JSON) {
            throw new SchemaException("BLOB, TEXT, GEOMETRY or JSON column '" + name + "' can't have a default value");
        }
        Object v;
        try {
            v = type.coerce(literal, name);
        } catch (RowValueException e) {
            throw new SchemaException("Invalid default value for '" + name + "'");
        }
        return new Column(name, type, nullable, v, null, autoIncrement, tag, backfill);
    }

    /** A default computed by the SQL layer from this expression text, e.g. {@code CURRENT_TIMESTAMP}. */
    public Column withDefaultExpression(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new SchemaException("Invalid default value for '" + name + "'");
        }
        return new Column(name, type, nullable, null, sql.trim(), autoIncrement, tag, backfill);
    }

    public Column withAutoIncrement(boolean on) {
        return new Column(name, type, nullable, defaultValue, defaultExpression, on, tag, backfill);
    }

    /** Schemas number columns; a caller only sets a tag to rebuild a stored schema. */
    public Column withTag(int newTag) {
        if (newTag < 0 && newTag != NO_TAG) {
            throw new IllegalArgumentException("negative tag " + newTag);
        }
        return new Column(name, type, nullable, defaultValue, defaultExpression, autoIncrement, newTag, backfill);
    }

    Column withBackfill(Object value) {
        return new Column(name, type, nullable, defaultValue, defaultExpression, autoIncrement, tag, value);
    }

    /**
     * Converts and checks a value for this column: NULL into a NOT NULL column
     * is refused, anything else goes through {@link SqlType#coerce}.
     */
    public Object coerce(Object value) {
        if (value == null) {
            if (!nullable) {
                throw new RowValueException(RowValueException.Reason.NOT_NULL, name, null,
                        "Column '" + name + "' cannot be null");
            }
            return null;
        }
        return type.coerce(value, name);
    }

    /**
     * The definition as MySQL's SHOW CREATE TABLE writes it, for example
     * {@code `id` bigint NOT NULL AUTO_INCREMENT} or {@code `name` varchar(40) DEFAULT NULL}.
     */
    public String toSql() {
        StringBuilder sb = new StringBuilder();
        sb.append('`').append(name.replace("`", "``")).append("` ").append(type.sqlName());
        boolean lob = type.kind() == SqlType.Kind.BLOB || type.kind() == SqlType.Kind.TEXT
                || type.kind() == SqlType.Kind.JSON;
        if (!nullable) {
            sb.append(" NOT NULL");
        } else if (type.kind() == SqlType.Kind.TIMESTAMP) {
            sb.append(" NULL");
        }
        if (defaultValue != null) {
            sb.append(" DEFAULT ").append(literalSql(defaultValue));
        } else if (defaultExpression != null) {
            sb.append(" DEFAULT ").append(defaultExpression);
        } else if (nullable && !lob) {
            sb.append(" DEFAULT NULL");
        }
        if (autoIncrement) {
            sb.append(" AUTO_INCREMENT");
        }
        return sb.toString();
    }

    /** A literal as MySQL shows a default: quoted text, even for numbers. */
    private String literalSql(Object v) {
        String text;
        if (v instanceof Boolean b) {
            text = b ? "1" : "0";
        } else if (v instanceof BigDecimal d) {
            text = d.toPlainString();
        } else if (v instanceof LocalDateTime t) {
            text = TemporalText.format(t, type.fsp());
        } else if (v instanceof LocalDate || v instanceof Number || v instanceof String) {
            text = v.toString();
        } else {
            throw new IllegalStateException("unexpected default " + v.getClass());
        }
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Column c && c.name.equals(name) && c.type.equals(type) && c.nullable == nullable
                && Objects.equals(c.defaultValue, defaultValue) && Objects.equals(c.defaultExpression, defaultExpression)
                && c.autoIncrement == autoIncrement && c.tag == tag && Objects.deepEquals(c.backfill, backfill);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, nullable, defaultValue, defaultExpression, autoIncrement, tag,
                backfill instanceof byte[] b ? Arrays.hashCode(b) : backfill);
    }

    @Override
    public String toString() {
        return toSql() + (tag == NO_TAG ? "" : " /* tag " + tag + " */");
    }
}
