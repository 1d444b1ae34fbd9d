package org.geodl4j.samples;

import java.util.Iterator;
import java.util.Map;

/** Writes the one-line JSON summary of a run (flat maps of numbers, strings and booleans only). */
final class Json {

    private Json() {
    }

    static String object(Map<String, Object> map) {
        StringBuilder sb = new StringBuilder("{");
        Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Object> e = it.next();
            sb.append(quote(e.getKey())).append(':').append(value(e.getValue()));
            if (it.hasNext()) {
                sb.append(',');
            }
        }
        return sb.append('}').toString();
    }

    private static String value(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? String.format(java.util.Locale.ROOT, "%.6g", d) : quote(String.valueOf(d));
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        return quote(String.valueOf(v));
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
