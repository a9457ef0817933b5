package dev.cairn.sql.exec;

/** A compiled expression: evaluated against one row of its scope, column references already resolved to indexes. */
@FunctionalInterface
public interface Expr {
    Object eval(Object[] row);
}
