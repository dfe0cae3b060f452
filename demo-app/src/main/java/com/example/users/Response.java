package com.example.users;

/** What the handler returns to the API gateway: a status code and a JSON body. */
record Response(int statusCode, String body) {

    static Response created(User user) {
        return new Response(201, user.toJson());
    }

    static Response error(int statusCode, String message) {
        return new Response(statusCode, "{\"error\":" + User.quote(message) + "}");
    }
}
