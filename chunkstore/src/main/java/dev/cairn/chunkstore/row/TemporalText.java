package dev.cairn.chunkstore.row;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Parses and prints dates and datetimes the way MySQL writes them:
 * {@code YYYY-M-D} with an optional {@code ' '} or {@code 'T'} and
 * {@code h:m[:s[.fraction]]}, or the all-digit forms {@code YYYYMMDD} and
 * {@code YYYYMMDDhhmmss[.fraction]}. {@link java.time.format.DateTimeFormatter}
 * is stricter about digit counts than MySQL is, hence a hand parser.
 */
final class TemporalText {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final String s;
    private int pos;

    private TemporalText(String s) {
        this.s = s;
    }

    /** The date and time in {@code text}, at nanosecond precision; null if it is not a valid one. */
    static LocalDateTime parse(String text) {
        String t = text.trim();
        try {
            if (!t.isEmpty() && allDigits(t, 0, t.length())) {
                return compact(t);
            }
            int dot = t.indexOf('.');
            if (dot == 14 && allDigits(t, 0, 14)) {
                return compact(t);
            }
            return new TemporalText(t).dashed();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** MySQL's text form: {@code 2024-01-31 12:00:00} plus exactly {@code fsp} fractional digits. */
    static String format(LocalDateTime t, int fsp) {
        String base = SECONDS.format(t);
        if (fsp == 0) {
            return base;
        }
        String nanos = String.format("%09d", t.getNano());
        return base + "." + nanos.substring(0, fsp);
    }

    private static LocalDateTime compact(String t) {
        String digits = t;
        int nanos = 0;
        int dot = t.indexOf('.');
        if (dot >= 0) {
            digits = t.substring(0, dot);
            nanos = fraction(t.substring(dot + 1));
        }
        if (digits.length() == 8 && dot < 0) {
            return date(digits, 0).atStartOfDay();
        }
        if (digits.length() != 14) {
            return null;
        }
        LocalTime time = LocalTime.of(Integer.parseInt(digits.substring(8, 10)),
                Integer.parseInt(digits.substring(10, 12)), Integer.parseInt(digits.substring(12, 14)), nanos);
        return date(digits, 0).atTime(time);
    }

    private static LocalDate date(String d, int off) {
        return LocalDate.of(Integer.parseInt(d.substring(off, off + 4)), Integer.parseInt(d.substring(off + 4, off + 6)),
                Integer.parseInt(d.substring(off + 6, off + 8)));
    }

    private LocalDateTime dashed() {
        int year = number(4, 4);
        expect('-');
        int month = number(1, 2);
        expect('-');
        int day = number(1, 2);
        LocalDate date = LocalDate.of(year, month, day);
        if (pos == s.length()) {
            return date.atStartOfDay();
        }
        char sep = s.charAt(pos++);
        if (sep != ' ' && sep != 'T') {
            throw new DateTimeException("separator");
        }
        int hour = number(1, 2);
        expect(':');
        int minute = number(1, 2);
        int second = 0;
        int nanos = 0;
        if (pos < s.length() && s.charAt(pos) == ':') {
            pos++;
            second = number(1, 2);
            if (pos < s.length() && s.charAt(pos) == '.') {
                nanos = fraction(s.substring(pos + 1));
                pos = s.length();
            }
        }
        if (pos != s.length()) {
            throw new DateTimeException("trailing text");
        }
        return date.atTime(LocalTime.of(hour, minute, second, nanos));
    }

    private int number(int min, int max) {
        int start = pos;
        while (pos < s.length() && pos - start < max && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
            pos++;
        }
        if (pos - start < min) {
            throw new DateTimeException("digits");
        }
        return Integer.parseInt(s.substring(start, pos));
    }

    private void expect(char c) {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw new DateTimeException("expected " + c);
        }
        pos++;
    }

    /**
     * Nanoseconds from fraction digits. Digits past the ninth are dropped: the
     * value is later rounded at six digits at most, which only the seventh
     * digit decides.
     */
    private static int fraction(String digits) {
        if (digits.isEmpty() || !allDigits(digits, 0, digits.length())) {
            throw new DateTimeException("fraction");
        }
        String nine = digits.length() >= 9 ? digits.substring(0, 9) : (digits + "000000000").substring(0, 9);
        return Integer.parseInt(nine);
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
