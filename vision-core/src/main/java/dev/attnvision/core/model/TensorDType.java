package dev.attnvision.core.model;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The element types a checkpoint may hold, by their PyTorch storage class and safetensors name, with the conversion
 * of one little-endian element to float.
 */
enum TensorDType {
    FLOAT32("FloatStorage", "F32", 4),
    FLOAT64("DoubleStorage", "F64", 8),
    FLOAT16("HalfStorage", "F16", 2),
    BFLOAT16("BFloat16Storage", "BF16", 2),
    INT64("LongStorage", "I64", 8),
    INT32("IntStorage", "I32", 4),
    INT16("ShortStorage", "I16", 2),
    INT8("CharStorage", "I8", 1),
    UINT8("ByteStorage", "U8", 1),
    BOOL("BoolStorage", "BOOL", 1);

    private final String storageClass;
    private final String safetensorsName;
    private final int size;

    TensorDType(String storageClass, String safetensorsName, int size) {
        this.storageClass = storageClass;
        this.safetensorsName = safetensorsName;
        this.size = size;
    }

    /** Bytes per element. */
    int size() {
        return size;
    }

    /** The PyTorch storage class ({@code torch.FloatStorage} is {@code "FloatStorage"}). */
    String storageClass() {
        return storageClass;
    }

    static Optional<TensorDType> ofStorageClass(String name) {
        return Arrays.stream(values()).filter(t -> t.storageClass.equals(name)).findFirst();
    }

    static Optional<TensorDType> ofSafetensorsName(String name) {
        return Arrays.stream(values()).filter(t -> t.safetensorsName.equals(name)).findFirst();
    }

    /** The element at {@code index} (in elements) of a little-endian buffer, as float. */
    float read(ByteBuffer data, int index) {
        int at = index * size;
        return switch (this) {
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> (float) data.getDouble(at);
            case FLOAT16 -> halfToFloat(data.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((data.getShort(at) & 0xffff) << 16);
            case INT64 -> data.getLong(at);
            case INT32 -> data.getInt(at);
            case INT16 -> data.getShort(at);
            case INT8 -> data.get(at);
            case UINT8 -> data.get(at) & 0xff;
            case BOOL -> data.get(at) == 0 ? 0f : 1f;
        };
    }

    /** IEEE 754 binary16 to binary32 (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
