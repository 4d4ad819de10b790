package io.stowage.provider.dynamodb.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.stowage.spi.AttributeValue;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Converts item values between the SPI's {@link AttributeValue} and the AWS SDK's, for all
 * ten DynamoDB types. Map and set order is kept as far as each side keeps it.
 *
 * <pre>{@code
 * Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdkItem = AttributeValues.toSdk(item);
 * Map<String, AttributeValue> back = AttributeValues.fromSdk(sdkItem);
 * }</pre>
 */
public final class AttributeValues {

    private AttributeValues() {
    }

    /** An SPI item as an SDK item. */
    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> item) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, toSdk(value)));
        return out;
    }

    /** An SDK item as an immutable SPI item, converted once, in a compact form; {@code null} or empty stays empty. */
    public static Map<String, AttributeValue> fromSdk(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return java.util.Collections.emptyMap();
        }
        AttributeValue.MapBuilder out = AttributeValue.mapBuilder();
        item.forEach((name, value) -> out.put(name, fromSdk(value)));
        return out.buildMap();
    }

    /** One SPI value as an SDK value. */
    public static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        switch (v.type()) {
            case S:
                return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(v.s());
            case N:
                return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(v.n());
            case B:
                return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(v.b()));
            case BOOL:
                return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(v.bool());
            case NULL:
                return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul(Boolean.TRUE);
            case M:
                return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(toSdk(v.m()));
            case L: {
                List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> l = new ArrayList<>(v.l().size());
                for (AttributeValue e : v.l()) {
                    l.add(toSdk(e));
                }
                return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(l);
            }
            case SS:
                return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(new ArrayList<>(v.ss()));
            case NS:
                return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs(new ArrayList<>(v.ns()));
            case BS: {
                List<SdkBytes> bs = new ArrayList<>();
                for (byte[] b : v.bs()) {
                    bs.add(SdkBytes.fromByteArrayUnsafe(b));
                }
                return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs(bs);
            }
            default:
                throw new IllegalArgumentException("Unknown attribute value type " + v.type());
        }
    }

    /**
     * One SDK value as an SPI value.
     *
     * @throws IllegalArgumentException for a type this SDK version does not know
     */
    public static AttributeValue fromSdk(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        switch (v.type()) {
            case S:
                return AttributeValue.fromS(v.s());
            case N:
                return AttributeValue.fromN(v.n());
            case B:
                return AttributeValue.fromB(v.b().asByteArrayUnsafe());
            case BOOL:
                return AttributeValue.fromBool(v.bool());
            case NUL:
                return AttributeValue.nul();
            case M: {
                // Built in place: fromM would copy the map a second time, for every map of every item read.
                AttributeValue.MapBuilder m = AttributeValue.mapBuilder();
                v.m().forEach((name, value) -> m.put(name, fromSdk(value)));
                return m.build();
            }
            case L: {
                List<AttributeValue> l = new ArrayList<>(v.l().size());
                for (software.amazon.awssdk.services.dynamodb.model.AttributeValue e : v.l()) {
                    l.add(fromSdk(e));
                }
                return AttributeValue.fromL(l);
            }
            case SS:
                return AttributeValue.fromSs(new LinkedHashSet<>(v.ss()));
            case NS:
                return AttributeValue.fromNs(new LinkedHashSet<>(v.ns()));
            case BS: {
                List<byte[]> bs = new ArrayList<>(v.bs().size());
                for (SdkBytes b : v.bs()) {
                    bs.add(b.asByteArrayUnsafe());
                }
                return AttributeValue.fromBs(bs);
            }
            default:
                throw new IllegalArgumentException("Attribute value of a type this SDK does not know: " + v);
        }
    }
}
