package dev.cairn.sql.exec;

import dev.cairn.chunkstore.row.RowValueException;
import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SqlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.UserVariable;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.IntegerDivision;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Turns a parsed expression into an {@link Expr} over a {@link Scope}: names are resolved
 * once, here, so evaluating a row is array reads and calls. {@code clause} names the clause
 * for MySQL's unknown-column message. With {@link Aggregates}, aggregate calls become reads
 * of their slots in a grouped row; without, they are an error (as in WHERE).
 */
public final class ExprCompiler {
    private final QueryContext ctx;
    private final Scope scope;
    private final String clause;
    private final Aggregates aggregates;
    private java.util.Map<String, Expr> aliases = java.util.Map.of();

    public ExprCompiler(QueryContext ctx, Scope scope, String clause, Aggregates aggregates) {
        this.ctx = ctx;
        this.scope = scope;
        this.clause = clause;
        this.aggregates = aggregates;
    }

    /** Lets unqualified names that are not columns refer to select-list aliases (HAVING, ORDER BY). */
    public ExprCompiler withAliases(java.util.Map<String, Expr> byLowerName) {
        this.aliases = byLowerName;
        return this;
    }

    /** Evaluates an expression that refers to no columns (a VALUES item, a LIMIT, a CALL argument). */
    public static Object constant(QueryContext ctx, Expression e) {
        return new ExprCompiler(ctx, Scope.empty(), "field list", null).compile(e).eval(new Object[0]);
    }

    public Expr compile(Expression e) {
        if (e instanceof NullValue) {
            return row -> null;
        }
        if (e instanceof JdbcParameter p && ctx.parameter(p.getIndex()) != null) {
            return compile(ctx.parameter(p.getIndex()));
        }
        if (e instanceof LongValue v) {
            Object c = v.getStringValue().length() < 19 ? (Object) v.getValue() : new BigDecimal(v.getStringValue());
            return row -> c;
        }
        if (e instanceof DoubleValue v) {
            String text = v.toString();
            Object c = text.contains("e") || text.contains("E") ? (Object) v.getValue() : new BigDecimal(text);
            return row -> c;
        }
        if (e instanceof StringValue v) {
            String s = unescape(v.getValue());
            return row -> s;
        }
        if (e instanceof HexValue v) {
            String hex = v.getValue().replaceFirst("^(0x|0X|[xX]')", "").replace("'", "");
            byte[] b = HexFormat.of().parseHex(hex.length() % 2 == 1 ? "0" + hex : hex);
            return row -> b;
        }
        if (e instanceof BooleanValue v) {
            Boolean b = v.getValue();
            return row -> b;
        }
        if (e instanceof DateTimeLiteralExpression v) {
            String text = v.getValue().replaceAll("^'|'$", "");
            SqlType t = switch (v.getType()) {
                case DATE -> SqlType.DATE;
                default -> SqlType.datetime(6);
            };
            Object c = coerce(t, text);
            return row -> c;
        }
        if (e instanceof TimeKeyExpression k) {
            String key = k.getStringValue().toLowerCase(Locale.ROOT).replace("()", "");
            return row -> ScalarFunctions.defaultNow(key, ctx);
        }
        if (e instanceof Column c) {
            return column(c);
        }
        if (e instanceof UserVariable v) {
            return variable(v);
        }
        if (e instanceof Parenthesis p) {
            return compile(p.getExpression());
        }
        if (e instanceof ExpressionList<?> list && list.size() == 1) {
            return compile(list.get(0));
        }
        if (e instanceof SignedExpression s) {
            Expr inner = compile(s.getExpression());
            return switch (s.getSign()) {
                case '-' -> row -> Values.negate(inner.eval(row));
                case '~' -> row -> {
                    Object v = inner.eval(row);
                    return v == null ? null : ~Values.toLong(v);
                };
                default -> inner;
            };
        }
        if (e instanceof AndExpression a) {
            Expr l = compile(a.getLeftExpression());
            Expr r = compile(a.getRightExpression());
            return row -> {
                Boolean x = Values.truth(l.eval(row));
                if (Boolean.FALSE.equals(x)) {
                    return false;
                }
                Boolean y = Values.truth(r.eval(row));
                if (Boolean.FALSE.equals(y)) {
                    return false;
                }
                return x == null || y == null ? null : true;
            };
        }
        if (e instanceof OrExpression || e instanceof Concat) {
            // MySQL reads || as OR unless PIPES_AS_CONCAT is set, which Cairn does not support.
            BinaryExpression b = (BinaryExpression) e;
            Expr l = compile(b.getLeftExpression());
            Expr r = compile(b.getRightExpression());
            return row -> {
                Boolean x = Values.truth(l.eval(row));
                if (Boolean.TRUE.equals(x)) {
                    return true;
                }
                Boolean y = Values.truth(r.eval(row));
                if (Boolean.TRUE.equals(y)) {
                    return true;
                }
                return x == null || y == null ? null : false;
            };
        }
        if (e instanceof XorExpression x) {
            Expr l = compile(x.getLeftExpression());
            Expr r = compile(x.getRightExpression());
            return row -> {
                Boolean a = Values.truth(l.eval(row));
                Boolean b = Values.truth(r.eval(row));
                return a == null || b == null ? null : a ^ b;
            };
        }
        if (e instanceof NotExpression n) {
            Expr inner = compile(n.getExpression());
            return row -> {
                Boolean b = Values.truth(inner.eval(row));
                return b == null ? null : !b;
            };
        }
        if (e instanceof EqualsTo || e instanceof NotEqualsTo || e instanceof GreaterThan
                || e instanceof GreaterThanEquals || e instanceof MinorThan || e instanceof MinorThanEquals) {
            return comparison((BinaryExpression) e);
        }
        if (e instanceof Addition || e instanceof Subtraction || e instanceof Multiplication
                || e instanceof Division || e instanceof IntegerDivision || e instanceof Modulo) {
            BinaryExpression b = (BinaryExpression) e;
            Values.Op op = e instanceof Addition ? Values.Op.ADD : e instanceof Subtraction ? Values.Op.SUB
                    : e instanceof Multiplication ? Values.Op.MUL : e instanceof Division ? Values.Op.DIV
                    : e instanceof IntegerDivision ? Values.Op.INT_DIV : Values.Op.MOD;
            Expr l = compile(b.getLeftExpression());
            Expr r = compile(b.getRightExpression());
            return row -> Values.arithmetic(op, l.eval(row), r.eval(row));
        }
        if (e instanceof IsNullExpression n) {
            Expr inner = compile(n.getLeftExpression());
            boolean not = n.isNot();
            return row -> (inner.eval(row) == null) != not;
        }
        if (e instanceof IsBooleanExpression b) {
            Expr inner = compile(b.getLeftExpression());
            boolean want = b.isTrue();
            boolean not = b.isNot();
            return row -> (Boolean.valueOf(want).equals(Values.truth(inner.eval(row)))) != not;
        }
        if (e instanceof Between b) {
            Expr v = compile(b.getLeftExpression());
            Expr lo = compile(b.getBetweenExpressionStart());
            Expr hi = compile(b.getBetweenExpressionEnd());
            boolean not = b.isNot();
            return row -> {
                Object x = v.eval(row);
                Object l = lo.eval(row);
                Object h = hi.eval(row);
                if (x == null || l == null || h == null) {
                    return null;
                }
                boolean in = Values.compare(x, l) >= 0 && Values.compare(x, h) <= 0;
                return in != not;
            };
        }
        if (e instanceof InExpression in) {
            return in(in);
        }
        if (e instanceof LikeExpression like) {
            return like(like);
        }
        if (e instanceof Function f) {
            return function(f);
        }
        if (e instanceof TrimFunction t) {
            Expr inner = compile(t.getExpression());
            return row -> {
                Object v = inner.eval(row);
                return v == null ? null : Values.toText(v).strip();
            };
        }
        if (e instanceof CastExpression c) {
            return cast(c);
        }
        if (e instanceof CaseExpression c) {
            return caseWhen(c);
        }
        if (e instanceof ExistsExpression x && x.getRightExpression() instanceof Select s) {
            Supplier<ResultSet> sub = subquery(s);
            boolean not = x.isNot();
            return row -> sub.get().rows().isEmpty() == not;
        }
        if (e instanceof Select s) {
            Supplier<ResultSet> sub = subquery(s);
            return row -> {
                ResultSet rs = sub.get();
                if (rs.rows().size() > 1) {
                    throw new SqlException(1242, "21000", "Subquery returns more than 1 row");
                }
                return rs.rows().isEmpty() ? null : rs.rows().get(0)[0];
            };
        }
        throw new SqlException(SqlException.ER_NOT_SUPPORTED, "42000",
                "This version of Cairn doesn't yet support '" + e + "'");
    }

    private Expr column(Column c) {
        String table = c.getTable() == null || c.getTable().getName() == null ? null
                : unquote(c.getTable().getName());
        String name = unquote(c.getColumnName());
        if (table == null && c.getColumnName().charAt(0) != '`') {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                Boolean b = lower.equals("true");
                return row -> b;
            }
            if (lower.equals("current_timestamp") || lower.equals("current_date") || lower.equals("localtime")) {
                return row -> ScalarFunctions.defaultNow(lower, ctx);
            }
        }
        int i = scope.find(table, name, clause);
        if (i < 0 && c.getColumnName().startsWith("\"") && table == null) {
            // MySQL reads "text" as a string literal, not a quoted name.
            String s = name;
            return row -> s;
        }
        if (i < 0 && table == null && aliases.containsKey(name.toLowerCase(Locale.ROOT))) {
            return aliases.get(name.toLowerCase(Locale.ROOT));
        }
        if (i < 0) {
            throw Scope.unknownColumn(table == null ? name : table + "." + name, clause);
        }
        return row -> row[i];
    }

    private Expr variable(UserVariable v) {
        String name = v.getName();
        if (!v.isDoubleAdd()) {
            return row -> ctx.userVariable(name);
        }
        String sys = SystemVariables.normalize(name);
        if (ctx.systemVariable(sys) == null) {
            throw new SqlException(1193, "HY000", "Unknown system variable '" + sys + "'");
        }
        return row -> ctx.systemVariable(sys);
    }

    private Expr comparison(BinaryExpression b) {
        Expr l = compile(b.getLeftExpression());
        Expr r = compile(b.getRightExpression());
        if (b instanceof EqualsTo) {
            return row -> Values.eq(l.eval(row), r.eval(row));
        }
        java.util.function.IntPredicate test = b instanceof NotEqualsTo ? c -> c != 0 : b instanceof GreaterThan
                ? c -> c > 0 : b instanceof GreaterThanEquals ? c -> c >= 0 : b instanceof MinorThan ? c -> c < 0
                : c -> c <= 0;
        return row -> {
            Object x = l.eval(row);
            Object y = r.eval(row);
            return x == null || y == null ? null : test.test(Values.compare(x, y));
        };
    }

    private Expr in(InExpression in) {
        Expr left = compile(in.getLeftExpression());
        boolean not = in.isNot();
        Supplier<List<Object>> candidates;
        if (in.getRightExpression() instanceof Select s) {
            Supplier<ResultSet> sub = subquery(s);
            candidates = () -> sub.get().rows().stream().map(r -> r[0]).toList();
        } else if (in.getRightExpression() instanceof ExpressionList<?> list) {
            List<Expr> items = new ArrayList<>();
            for (Expression x : list) {
                items.add(compile(x));
            }
            Object[] empty = new Object[0];
            candidates = null;
            return row -> {
                Object v = left.eval(row);
                if (v == null) {
                    return null;
                }
                boolean sawNull = false;
                for (Expr item : items) {
                    Object c = item.eval(row.length == 0 ? empty : row);
                    if (c == null) {
                        sawNull = true;
                    } else if (Values.compare(v, c) == 0) {
                        return !not;
                    }
                }
                return sawNull ? null : not;
            };
        } else {
            Expr single = compile(in.getRightExpression());
            candidates = null;
            return row -> {
                Object v = left.eval(row);
                Object c = single.eval(row);
                return v == null || c == null ? null : (Values.compare(v, c) == 0) != not;
            };
        }
        Supplier<List<Object>> values = candidates;
        return row -> {
            Object v = left.eval(row);
            if (v == null) {
                return null;
            }
            boolean sawNull = false;
            for (Object c : values.get()) {
                if (c == null) {
                    sawNull = true;
                } else if (Values.compare(v, c) == 0) {
                    return !not;
                }
            }
            return sawNull ? null : not;
        };
    }

    private Expr like(LikeExpression like) {
        Expr left = compile(like.getLeftExpression());
        Expr right = compile(like.getRightExpression());
        boolean not = like.isNot();
        boolean regexp = like.getLikeKeyWord() != null
                && like.getLikeKeyWord() != LikeExpression.KeyWord.LIKE && like.getLikeKeyWord() != LikeExpression.KeyWord.ILIKE;
        boolean ci = like.getLikeKeyWord() == LikeExpression.KeyWord.ILIKE;
        return row -> {
            Object v = left.eval(row);
            Object p = right.eval(row);
            if (v == null || p == null) {
                return null;
            }
            Pattern pattern = regexp ? Pattern.compile(Values.toText(p))
                    : likePattern(Values.toText(p), ci);
            boolean m = regexp ? pattern.matcher(Values.toText(v)).find() : pattern.matcher(Values.toText(v)).matches();
            return m != not;
        };
    }

    static Pattern likePattern(String like, boolean caseInsensitive) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0));
    }

    private Expr function(Function f) {
        String name = f.getName().toLowerCase(Locale.ROOT);
        if (Aggregates.isAggregate(f)) {
            if (aggregates == null) {
                throw new SqlException(1111, "HY000", "Invalid use of group function");
            }
            int slot = aggregates.register(f);
            return row -> row[slot];
        }
        if (!ScalarFunctions.exists(name)) {
            throw new SqlException(1305, "42000", "FUNCTION " + name + " does not exist");
        }
        List<Expr> args = new ArrayList<>();
        if (f.getParameters() != null) {
            for (Expression p : f.getParameters()) {
                args.add(compile(p));
            }
        }
        Expr[] a = args.toArray(new Expr[0]);
        return row -> {
            Object[] values = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                values[i] = a[i].eval(row);
            }
            return ScalarFunctions.call(name, values, ctx);
        };
    }

    private Expr cast(CastExpression c) {
        Expr inner = compile(c.getLeftExpression());
        String type = c.getColDataType().getDataType().toLowerCase(Locale.ROOT);
        List<String> args = c.getColDataType().getArgumentsStringList();
        String full = args == null || args.isEmpty() ? type : type + "(" + String.join(",", args) + ")";
        return row -> {
            Object v = inner.eval(row);
            if (v == null) {
                return null;
            }
            if (type.startsWith("signed") || type.startsWith("unsigned") || type.startsWith("int")
                    || type.equals("integer") || type.equals("bigint")) {
                return v instanceof String s ? (long) Values.toDouble(s) : Values.toLong(v);
            }
            if (type.startsWith("char") || type.startsWith("varchar") || type.equals("text") || type.equals("nchar")) {
                return Values.toText(v);
            }
            if (type.equals("binary")) {
                return Values.toBytes(v);
            }
            if (type.equals("double") || type.equals("real") || type.equals("float")) {
                return Values.toDouble(v);
            }
            if (type.equals("decimal")) {
                return coerce(SqlType.parse(full), v);
            }
            if (type.equals("date")) {
                return Values.toDateTime(v).toLocalDate();
            }
            if (type.equals("datetime") || type.equals("timestamp")) {
                return Values.toDateTime(v);
            }
            if (type.equals("json")) {
                return coerce(SqlType.JSON, v);
            }
            throw new SqlException(SqlException.ER_NOT_SUPPORTED, "42000", "CAST to " + type + " is not supported");
        };
    }

    private Expr caseWhen(CaseExpression c) {
        Expr subject = c.getSwitchExpression() == null ? null : compile(c.getSwitchExpression());
        List<Expr[]> whens = new ArrayList<>();
        for (WhenClause w : c.getWhenClauses()) {
            whens.add(new Expr[] {compile(w.getWhenExpression()), compile(w.getThenExpression())});
        }
        Expr otherwise = c.getElseExpression() == null ? row -> null : compile(c.getElseExpression());
        return row -> {
            Object s = subject == null ? null : subject.eval(row);
            for (Expr[] w : whens) {
                Object cond = w[0].eval(row);
                boolean hit = subject == null ? Values.isTrue(cond) : Boolean.TRUE.equals(Values.eq(s, cond));
                if (hit) {
                    return w[1].eval(row);
                }
            }
            return otherwise.eval(row);
        };
    }

    /** An uncorrelated subquery, run once on first use. */
    private Supplier<ResultSet> subquery(Select s) {
        ResultSet[] cache = new ResultSet[1];
        return () -> {
            if (cache[0] == null) {
                try {
                    cache[0] = SelectExecutor.run(ctx, s);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return cache[0];
        };
    }

    static Object coerce(SqlType t, Object v) {
        try {
            return t.coerce(v, "value");
        } catch (RowValueException e) {
            throw SqlErrors.of(e);
        }
    }

    /** MySQL's string-literal escapes. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\'') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                sb.append('\'');
                i++;
            } else if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 'b' -> '\b';
                    case 'Z' -> (char) 26;
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public static String unquote(String name) {
        if (name != null && name.length() >= 2 && (name.startsWith("`") && name.endsWith("`")
                || name.startsWith("\"") && name.endsWith("\""))) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }
}
