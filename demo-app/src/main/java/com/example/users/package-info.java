/**
 * The user-registration function from the Vercel field report, ported to Java: a sign-up endpoint
 * that keeps its users in {@code users.json}, stores each profile photo under {@code uploads/} and
 * appends to {@code registrations.log}.
 *
 * <p>{@link com.example.users.UserRegistrationHandler} is the code as it ran on a server: it writes
 * next to its jar and into the working directory, which on AWS Lambda (and Vercel, Cloud Functions)
 * is a read-only file system. {@link com.example.users.FixedUserRegistrationHandler} is its
 * corrected twin: the same steps, all under {@code java.io.tmpdir}. {@link com.example.users.DemoMain}
 * runs both.
 */
package com.example.users;
