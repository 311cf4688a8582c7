package dev.sqlpack.udf.aggregate;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Serializers that let sketches live in Flink state as RAW values: kept as objects between
 * rows, turned into the sketch's own compact bytes only for checkpoints and network transfer.
 */
abstract class SketchSerializer<T> extends TypeSerializerSingleton<T> {
    abstract byte[] toBytes(T sketch);

    abstract T fromBytes(byte[] bytes);

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T copy(T from) {
        return from == null ? null : fromBytes(toBytes(from));
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        byte[] b = toBytes(record);
        target.writeInt(b.length);
        target.write(b);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] b = new byte[source.readInt()];
        source.readFully(b);
        return fromBytes(b);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int n = source.readInt();
        target.writeInt(n);
        target.write(source, n);
    }

    /** HyperLogLog sketches. */
    public static final class Hll extends SketchSerializer<HllSketch> {
        @Override
        byte[] toBytes(HllSketch s) {
            return s.toCompactByteArray();
        }

        @Override
        HllSketch fromBytes(byte[] b) {
            return HllSketch.heapify(b);
        }

        @Override
        public HllSketch createInstance() {
            return new HllSketch(ApproxDistinctAggFunction.LG_K);
        }

        @Override
        public TypeSerializerSnapshot<HllSketch> snapshotConfiguration() {
            return new HllSnapshot();
        }
    }

    /** Snapshot of {@link Hll}. */
    public static final class HllSnapshot extends SimpleTypeSerializerSnapshot<HllSketch> {
        public HllSnapshot() {
            super(Hll::new);
        }
    }

    /** KLL quantile sketches. */
    public static final class Kll extends SketchSerializer<KllDoublesSketch> {
        @Override
        byte[] toBytes(KllDoublesSketch s) {
            return s.toByteArray();
        }

        @Override
        KllDoublesSketch fromBytes(byte[] b) {
            return KllDoublesSketch.heapify(Memory.wrap(b));
        }

        @Override
        public KllDoublesSketch createInstance() {
            return KllDoublesSketch.newHeapInstance(ApproxPercentileAggFunction.K);
        }

        @Override
        public TypeSerializerSnapshot<KllDoublesSketch> snapshotConfiguration() {
            return new KllSnapshot();
        }
    }

    /** Snapshot of {@link Kll}. */
    public static final class KllSnapshot extends SimpleTypeSerializerSnapshot<KllDoublesSketch> {
        public KllSnapshot() {
            super(Kll::new);
        }
    }

    /** Frequent-items sketches of strings. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static final class Items extends SketchSerializer<ItemsSketch> {
        private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();

        @Override
        byte[] toBytes(ItemsSketch s) {
            return s.toByteArray(SERDE);
        }

        @Override
        ItemsSketch fromBytes(byte[] b) {
            return ItemsSketch.getInstance(Memory.wrap(b), SERDE);
        }

        @Override
        public ItemsSketch createInstance() {
            return new ItemsSketch<String>(ApproxTopKAggFunction.MAX_MAP_SIZE);
        }

        @Override
        public TypeSerializerSnapshot<ItemsSketch> snapshotConfiguration() {
            return new ItemsSnapshot();
        }
    }

    /** Snapshot of {@link Items}. */
    @SuppressWarnings("rawtypes")
    public static final class ItemsSnapshot extends SimpleTypeSerializerSnapshot<ItemsSketch> {
        public ItemsSnapshot() {
            super(Items::new);
        }
    }
}
