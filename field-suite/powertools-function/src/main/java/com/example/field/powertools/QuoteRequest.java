package com.example.field.powertools;

/** The event: a parcel to ship, as the Lambda runtime deserializes it (a bean with setters). */
public class QuoteRequest {

    private String orderId;
    private String zone;
    private int weightGrams;

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public int getWeightGrams() {
        return weightGrams;
    }

    public void setWeightGrams(int weightGrams) {
        this.weightGrams = weightGrams;
    }
}
