package com.example.telemetry;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading OTLP messages in assertions: attributes as a map, ids as hex, the latest export of a metric. */
final class Otlp {

    private Otlp() {}

    static Map<String, Object> attributes(List<KeyValue> attributes) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (KeyValue attribute : attributes) {
            map.put(attribute.getKey(), value(attribute.getValue()));
        }
        return map;
    }

    static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            default -> value.toString();
        };
    }

    static String hex(com.google.protobuf.ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    /** The metric as last exported (cumulative: the latest holds every point so far), or null. */
    static Metric latest(List<ResourceMetrics> exports, String name) {
        Metric latest = null;
        for (ResourceMetrics resource : exports) {
            for (var scope : resource.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    if (metric.getName().equals(name)) {
                        latest = metric;
                    }
                }
            }
        }
        return latest;
    }
}
