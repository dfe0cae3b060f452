package com.example.users;

import java.time.Instant;

/** A registered user, as kept in {@code users.json}. */
record User(String id, String name, String email, String photo, Instant registeredAt) {

    String toJson() {
        return "{\"id\":" + quote(id) + ",\"name\":" + quote(name) + ",\"email\":" + quote(email)
                + ",\"photo\":" + quote(photo) + ",\"registeredAt\":" + quote(registeredAt.toString()) + "}";
    }

    static String toJson(Iterable<User> users) {
        StringBuilder json = new StringBuilder("[\n");
        for (User user : users) {
            json.append(json.length() > 2 ? ",\n  " : "  ").append(user.toJson());
        }
        return json.append("\n]\n").toString();
    }

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
