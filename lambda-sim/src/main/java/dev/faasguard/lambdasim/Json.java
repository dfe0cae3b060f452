package dev.faasguard.lambdasim;

/** The little JSON lambda-sim writes itself: the error documents Lambda produces for timeouts and exits. */
final class Json {
    private Json() {
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** {@code {"errorType":..., "errorMessage":...}} as the Lambda service returns for failures it detects itself. */
    static String error(String errorType, String errorMessage) {
        return "{\"errorType\":" + quote(errorType) + ",\"errorMessage\":" + quote(errorMessage) + "}";
    }

    /**
     * The value of a top-level string member of a JSON object ({@code errorType} of an error document), or null
     * when the text is not an object or has no such string member. A small strict scanner, no dependency.
     */
    static String topLevelString(String json, String key) {
        try {
            Scanner s = new Scanner(json);
            s.skipWs();
            s.expect('{');
            s.skipWs();
            if (s.peek() == '}') {
                return null;
            }
            while (true) {
                s.skipWs();
                String name = s.string();
                s.skipWs();
                s.expect(':');
                s.skipWs();
                if (s.peek() == '"') {
                    String value = s.string();
                    if (name.equals(key)) {
                        return value;
                    }
                } else {
                    s.skipValue();
                }
                s.skipWs();
                if (s.peek() == ',') {
                    s.pos++;
                } else {
                    s.expect('}');
                    return null;
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static final class Scanner {
        private final String t;
        private int pos;

        Scanner(String t) {
            this.t = t;
        }

        char peek() {
            return t.charAt(pos);
        }

        void skipWs() {
            while (pos < t.length() && Character.isWhitespace(t.charAt(pos))) {
                pos++;
            }
        }

        void expect(char c) {
            if (t.charAt(pos) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + pos);
            }
            pos++;
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = t.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = t.charAt(pos++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(t.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        /** Skips a number, literal, array or object (strings inside are skipped as strings). */
        void skipValue() {
            int depth = 0;
            while (true) {
                char c = t.charAt(pos);
                if (c == '"') {
                    string();
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    if (depth == 0) {
                        return;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    return;
                }
                pos++;
                if (depth == 0 && (c == '}' || c == ']')) {
                    return;
                }
            }
        }
    }
}
