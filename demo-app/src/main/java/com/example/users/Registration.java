package com.example.users;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** A sign-up request as it arrives from the API gateway: form fields, the photo base64-encoded. */
record Registration(String name, String email, byte[] photo, String photoType) {

    static Registration from(Map<String, String> request) {
        String name = required(request, "name");
        String email = required(request, "email").toLowerCase(Locale.ROOT);
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("not an email address: " + email);
        }
        byte[] photo = Base64.getDecoder().decode(required(request, "photo"));
        String type = request.getOrDefault("photoType", "image/png");
        if (!type.equals("image/png") && !type.equals("image/jpeg")) {
            throw new IllegalArgumentException("photos must be PNG or JPEG, not " + type);
        }
        return new Registration(name.strip(), email, photo, type);
    }

    /** A stable id from the email's local part: {@code Alice.Smith@x.org} becomes {@code alice-smith}. */
    String userId() {
        return email.substring(0, email.indexOf('@')).replaceAll("[^a-z0-9]+", "-");
    }

    String photoFileName() {
        return userId() + (photoType.equals("image/jpeg") ? ".jpg" : ".png");
    }

    private static String required(Map<String, String> request, String field) {
        String value = request.get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing field: " + field);
        }
        return value;
    }
}
