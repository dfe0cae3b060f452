/**
 * A coupon service deployed with SnapStart. {@link com.example.snapstart.CouponHandler} is the code as it ran on a
 * server: its init seeds the generators of its coupon codes and of its trial sampling, draws a warm-up jitter from
 * {@code Math.random()}, and connects to the price service, and all of it goes into the snapshot. Every restored copy
 * then draws the same codes, samples and jitter, and resumes with a connection the server closed long ago.
 * {@link com.example.snapstart.FixedCouponHandler} is its corrected twin: a generator that is reseeded after a
 * restore, and a connection opened on first use, after the restore. {@link com.example.snapstart.PriceClient} talks
 * to the price service, at {@code PRICE_SERVICE} ({@code host:port}).
 */
package com.example.snapstart;
