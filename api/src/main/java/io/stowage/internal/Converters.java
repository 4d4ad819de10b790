package io.stowage.internal;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.KeyType;
import io.stowage.spi.NumberValues;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The converters of the field types Stowage supports (see {@code ModelSchema}).
 * Internal, not API: public only because {@code ModelSchema.Builder} in
 * {@code io.stowage} looks converters up here.
 *
 * <pre>{@code
 * Converter c = Converters.forType(Instant.class, null);   // null when the type is unsupported
 * }</pre>
 */
public final class Converters {

    private Converters() {
    }

    /** A short list of the supported types, for error messages. */
    public static final String SUPPORTED = "String, boolean, byte/short/int/long, float/double, BigDecimal, BigInteger, "
            + "byte[], Instant, enums, List<String>, Set<String>, Map<String, String>, S3Value";

    /**
     * The converter for a field type, or {@code null} if unsupported. {@code generic} may be
     * {@code null} when only the raw class is known (collections then hold strings).
     */
    public static Converter forType(Class<?> raw, Type generic) {
        if (raw == String.class) {
            return scalar(KeyType.S, v -> AttributeValue.fromS((String) v), AttributeValue::s, t -> t, String::valueOf);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return scalar(null, v -> AttributeValue.fromBool((Boolean) v), AttributeValue::bool, Converters::parseBoolean, String::valueOf);
        }
        if (raw == int.class || raw == Integer.class) {
            return number(n -> n.intValueExact(), Integer::valueOf);
        }
        if (raw == long.class || raw == Long.class) {
            return number(n -> n.longValueExact(), Long::valueOf);
        }
        if (raw == short.class || raw == Short.class) {
            return number(n -> n.shortValueExact(), Short::valueOf);
        }
        if (raw == byte.class || raw == Byte.class) {
            return number(n -> n.byteValueExact(), Byte::valueOf);
        }
        if (raw == double.class || raw == Double.class) {
            return number(BigDecimal::doubleValue, Double::valueOf);
        }
        if (raw == float.class || raw == Float.class) {
            return number(BigDecimal::floatValue, Float::valueOf);
        }
        if (raw == BigDecimal.class) {
            return number(n -> n, BigDecimal::new);
        }
        if (raw == BigInteger.class) {
            return number(BigDecimal::toBigIntegerExact, BigInteger::new);
        }
        if (raw == byte[].class) {
            return scalar(KeyType.B, v -> AttributeValue.fromB((byte[]) v), AttributeValue::b,
                    t -> Base64.getDecoder().decode(t), v -> Base64.getUrlEncoder().withoutPadding().encodeToString((byte[]) v));
        }
        if (raw == Instant.class) {
            return scalar(null, v -> AttributeValue.fromS(IsoInstants.format((Instant) v)), a -> IsoInstants.parse(a.s()),
                    Converters::parseInstant, String::valueOf);
        }
        if (raw.isEnum()) {
            return enumConverter(raw);
        }
        if (raw == List.class && stringArguments(generic, 1)) {
            return scalar(null, Converters::listToAttribute, Converters::listFromAttribute, t -> {
                throw new IllegalArgumentException("@Default is not supported on lists");
            }, String::valueOf);
        }
        if (raw == Set.class && stringArguments(generic, 1)) {
            return scalar(null, Converters::setToAttribute, Converters::setFromAttribute, t -> {
                throw new IllegalArgumentException("@Default is not supported on sets");
            }, String::valueOf);
        }
        if (raw == Map.class && stringArguments(generic, 2)) {
            return scalar(null, Converters::mapToAttribute, Converters::mapFromAttribute, t -> {
                throw new IllegalArgumentException("@Default is not supported on maps");
            }, String::valueOf);
        }
        return null;
    }

    private static boolean stringArguments(Type generic, int count) {
        if (generic == null) {
            return true;
        }
        if (!(generic instanceof ParameterizedType)) {
            return false;
        }
        Type[] args = ((ParameterizedType) generic).getActualTypeArguments();
        if (args.length != count) {
            return false;
        }
        for (Type t : args) {
            if (t != String.class) {
                return false;
            }
        }
        return true;
    }

    private static Boolean parseBoolean(String text) {
        if ("true".equalsIgnoreCase(text)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(text)) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("'" + text + "' is not true or false");
    }

    private static Instant parseInstant(String text) {
        try {
            return IsoInstants.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 instant such as 2024-01-15T10:30:00Z", e);
        }
    }

    private static Converter number(Function<BigDecimal, Object> narrow, Function<String, Object> parse) {
        return scalar(KeyType.N, v -> AttributeValue.fromN(toPlain(v)), a -> narrow.apply(new BigDecimal(a.n())),
                parse::apply, Converters::toPlain);
    }

    /** The number as the item store will keep it; refused here, before any upload, when DynamoDB would refuse it. */
    private static String toPlain(Object number) {
        if (number instanceof BigDecimal) {
            return NumberValues.canonical((BigDecimal) number);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = ((Number) number).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("DynamoDB numbers cannot be NaN or infinite (was " + d + ")");
            }
            return NumberValues.canonical(new BigDecimal(number.toString()));
        }
        return NumberValues.canonical(number.toString());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Converter enumConverter(Class<?> raw) {
        Class<? extends Enum> type = (Class<? extends Enum>) raw;
        return scalar(null, v -> AttributeValue.fromS(((Enum<?>) v).name()), a -> Enum.valueOf(type, a.s()),
                t -> Enum.valueOf(type, t), String::valueOf);
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue listToAttribute(Object v) {
        List<AttributeValue> out = new ArrayList<>();
        for (String s : (List<String>) v) {
            out.add(s == null ? AttributeValue.nul() : AttributeValue.fromS(s));
        }
        return AttributeValue.fromL(out);
    }

    private static Object listFromAttribute(AttributeValue a) {
        List<String> out = new ArrayList<>();
        for (AttributeValue e : a.l()) {
            out.add(e.isNull() ? null : e.s());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue setToAttribute(Object v) {
        return AttributeValue.fromSs((Set<String>) v);
    }

    private static Object setFromAttribute(AttributeValue a) {
        return new LinkedHashSet<>(a.ss());
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue mapToAttribute(Object v) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        ((Map<String, String>) v).forEach((k, s) -> out.put(k, s == null ? AttributeValue.nul() : AttributeValue.fromS(s)));
        return AttributeValue.fromM(out);
    }

    private static Object mapFromAttribute(AttributeValue a) {
        Map<String, String> out = new LinkedHashMap<>();
        a.m().forEach((k, v) -> out.put(k, v.isNull() ? null : v.s()));
        return out;
    }

    private static Converter scalar(KeyType keyType, Function<Object, AttributeValue> to, Function<AttributeValue, Object> from,
                                    Function<String, Object> parse, Function<Object, String> keyText) {
        return new Converter() {
            @Override
            public AttributeValue toAttribute(Object value) {
                return to.apply(value);
            }

            @Override
            public Object fromAttribute(AttributeValue value) {
                try {
                    return from.apply(value);
                } catch (IllegalStateException | ArithmeticException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }

            @Override
            public Object parse(String text) {
                return parse.apply(text);
            }

            @Override
            public KeyType keyType() {
                return keyType;
            }

            @Override
            public String keyText(Object value) {
                return keyText.apply(value);
            }
        };
    }
}
