package dev.cairn.sql.exec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Function;

/**
 * The aggregate calls of one query (COUNT, SUM, MIN, MAX, AVG), registered while its
 * projections, HAVING and ORDER BY compile. Each gets a slot after the source columns in the
 * grouped row, so an expression over a group reads its aggregates like columns.
 */
public final class Aggregates {
    private final int base;
    private final Map<String, Integer> slots = new LinkedHashMap<>();
    private final List<Function> calls = new ArrayList<>();

    public Aggregates(int base) {
        this.base = base;
    }

    public static boolean isAggregate(Function f) {
        return switch (f.getName().toLowerCase(Locale.ROOT)) {
            case "count", "sum", "min", "max", "avg" -> true;
            default -> false;
        };
    }

    /** The index in the grouped row where {@code f}'s value will be. */
    int register(Function f) {
        String key = f.toString().toLowerCase(Locale.ROOT);
        Integer slot = slots.get(key);
        if (slot == null) {
            slot = calls.size();
            slots.put(key, slot);
            calls.add(f);
        }
        return base + slot;
    }

    public boolean isEmpty() {
        return calls.isEmpty();
    }

    public List<Function> calls() {
        return calls;
    }

    /** Folds one group's rows into one aggregate value. */
    public interface Accumulator {
        void add(Object[] row);

        Object result();
    }

    /** A fresh accumulator for call {@code f} whose argument is {@code arg} (null for COUNT(*)). */
    public static Accumulator accumulator(Function f, Expr arg) {
        String name = f.getName().toLowerCase(Locale.ROOT);
        boolean distinct = f.isDistinct();
        Set<Object> seen = distinct ? new HashSet<>() : null;
        return switch (name) {
            case "count" -> new Accumulator() {
                long n;

                public void add(Object[] row) {
                    if (arg == null) {
                        n++;
                        return;
                    }
                    Object v = arg.eval(row);
                    if (v != null && (seen == null || seen.add(key(v)))) {
                        n++;
                    }
                }

                public Object result() {
                    return n;
                }
            };
            case "min", "max" -> new Accumulator() {
                Object best;

                public void add(Object[] row) {
                    Object v = arg.eval(row);
                    if (v != null) {
                        int c = best == null ? 0 : Values.compare(v, best);
                        if (best == null || (name.equals("min") ? c < 0 : c > 0)) {
                            best = v;
                        }
                    }
                }

                public Object result() {
                    return best;
                }
            };
            default -> new Accumulator() {
                // SUM and AVG: exact while every input is exact, as MySQL's DECIMAL results are.
                BigDecimal exact = BigDecimal.ZERO;
                double approx;
                boolean isApprox;
                long n;
                int scale;

                public void add(Object[] row) {
                    Object v = arg.eval(row);
                    if (v == null || (seen != null && !seen.add(key(v)))) {
                        return;
                    }
                    n++;
                    if (v instanceof Double || v instanceof Float || v instanceof String) {
                        isApprox = true;
                        approx += Values.toDouble(v);
                    } else {
                        BigDecimal d = Values.toDecimal(v);
                        scale = Math.max(scale, d.scale());
                        exact = exact.add(d);
                    }
                }

                public Object result() {
                    if (n == 0) {
                        return null;
                    }
                    if (isApprox) {
                        double total = approx + exact.doubleValue();
                        return name.equals("avg") ? total / n : total;
                    }
                    if (name.equals("avg")) {
                        return exact.divide(BigDecimal.valueOf(n), scale + 4, RoundingMode.HALF_UP);
                    }
                    return exact;
                }
            };
        };
    }

    private static Object key(Object v) {
        return v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)
                : v instanceof Number && !(v instanceof Double || v instanceof Float) ? Values.toDecimal(v).stripTrailingZeros()
                : v;
    }
}
