package dev.faasguard.agent.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets a URL can carry wherever one appears in a text (an exception message, a path, a detail): the
 * user-info ({@code https://user:password@host}) and the values of query parameters named like secrets
 * ({@code token}, {@code api_key}, {@code X-Amz-Signature}, {@code password}...). What the agent prints, reports or
 * exports goes through it, so none of them leaves the process in clear.
 */
public final class Secrets {

    public static final String MASK = "***";

    /** {@code scheme://user-info@}: everything before the host. */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\\s]+@");
    /** A query (or matrix) parameter: its name, and its value up to the next separator. */
    private static final Pattern PARAMETER = Pattern.compile("([?&;])([^=&#;?\\s]+)=([^&#;\\s]*)");
    /** Parameter names that are secrets whatever surrounds these words ({@code client_secret}, {@code X-Amz-Credential}). */
    private static final List<String> SECRET_WORDS = List.of(
            "token", "key", "signature", "credential", "password", "passwd", "secret");
    /** Short names that are secrets only on their own. */
    private static final List<String> SECRET_NAMES = List.of("sig", "pwd", "auth", "authorization", "session");

    private Secrets() {}

    /** The text with every URL user-info and secret query value replaced by {@value #MASK}. */
    public static String mask(String text) {
        if (text == null || (text.indexOf('@') < 0 && text.indexOf('=') < 0)) {
            return text; // Nothing a secret could hide in: the common case costs two scans.
        }
        String withoutUserInfo = USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        Matcher parameter = PARAMETER.matcher(withoutUserInfo);
        return parameter.replaceAll(match -> isSecret(match.group(2))
                ? Matcher.quoteReplacement(match.group(1) + match.group(2) + "=" + MASK)
                : Matcher.quoteReplacement(match.group()));
    }

    /**
     * Masks every string in a value of a finding's details: a string, or a list or map of them. A value with
     * nothing to mask is returned as it is, the same instance.
     */
    public static Object maskValue(Object value) {
        if (value instanceof String text) {
            return mask(text);
        }
        if (value instanceof List<?> list) {
            List<Object> masked = list.stream().map(Secrets::maskValue).toList();
            return masked.equals(list) ? list : masked;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> masked = new LinkedHashMap<>();
            map.forEach((key, item) -> masked.put(key, maskValue(item)));
            return masked.equals(map) ? map : masked;
        }
        return value;
    }

    private static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_NAMES.contains(lower) || SECRET_WORDS.stream().anyMatch(lower::contains);
    }
}
