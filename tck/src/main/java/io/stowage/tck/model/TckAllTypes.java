package io.stowage.tck.model;

import io.stowage.ModelSchema;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An annotated model with one field of every plain type Stowage supports, primitive and
 * boxed, so that the kit proves each converter against the item store (S3 attributes are
 * covered by {@link TckDocument}).
 *
 * <pre>{@code
 * ModelSchema<TckAllTypes> schema = TckAllTypes.schema("stowage-tck-types-1a2b");
 * TckAllTypes item = new TckAllTypes();
 * item.pk = "TYPES#1";
 * item.colour = TckAllTypes.Colour.GREEN;
 * stowage.table(schema).syncSave(item);
 * }</pre>
 */
@ModelConfig(table = "stowage-tck-all-types")
public class TckAllTypes {

    /**
     * The enum field's type; stored as its name.
     *
     * <pre>{@code
     * item.colour = TckAllTypes.Colour.GREEN;   // stored as S "GREEN"
     * }</pre>
     */
    public enum Colour { RED, GREEN, BLUE }

    @PartitionKey
    public String pk;
    public String text;
    public boolean flag;
    public Boolean boxedFlag;
    public byte aByte;
    public Byte boxedByte;
    public short aShort;
    public Short boxedShort;
    public int anInt;
    public Integer boxedInt;
    public long aLong;
    public Long boxedLong;
    public float aFloat;
    public Float boxedFloat;
    public double aDouble;
    public Double boxedDouble;
    public BigDecimal decimal;
    public BigInteger bigInteger;
    public byte[] bytes;
    public Instant instant;
    public Colour colour;
    public List<String> list;
    public List<String> emptyList;
    public Set<String> set;
    public Map<String, String> map;

    /**
     * The schema read from the annotations, in {@code table} instead of the annotated one,
     * because each test class works in tables of its own.
     */
    public static ModelSchema<TckAllTypes> schema(String table) {
        return ModelSchema.of(TckAllTypes.class).withTable(table);
    }
}
