package dev.cairn.chunkstore.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects the parts of a CREATE TABLE for {@link Schema#of}. Not thread-safe. */
public final class SchemaBuilder {
    private final List<Column> columns = new ArrayList<>();
    private final List<String> primaryKey = new ArrayList<>();

    SchemaBuilder() {
    }

    public SchemaBuilder column(Column column) {
        columns.add(column);
        return this;
    }

    /** A nullable column without default; {@code type} is SQL text such as {@code varchar(40)}. */
    public SchemaBuilder column(String name, String type) {
        return column(Column.of(name, type));
    }

    public SchemaBuilder column(String name, SqlType type) {
        return column(Column.of(name, type));
    }

    /** The key columns in key order; replaces any earlier call. */
    public SchemaBuilder primaryKey(String... names) {
        primaryKey.clear();
        primaryKey.addAll(Arrays.asList(names));
        return this;
    }

    public Schema build() {
        return Schema.of(columns, primaryKey);
    }
}
