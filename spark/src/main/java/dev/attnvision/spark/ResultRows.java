package dev.attnvision.spark;

import dev.attnvision.core.detect.DetectOperation;
import dev.attnvision.core.detect.DetectedObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The results table: one row per input, written as JSON Lines under {@code OUT/results/}, one part file per task
 * (and Parquet on request). The schema is what the table is read back with.
 *
 * <pre>
 * input       string          the input's URI
 * status      string          ok, skipped (its outputs existed, --skip-existing) or failed
 * error       string          why it failed or was skipped; null when ok
 * outputs     array&lt;string&gt;   the files written (or kept)
 * width       int             the input image's size (null if it could not be decoded)
 * height      int
 * timing      struct          decode_ms, process_ms, write_ms
 * detections  array&lt;struct&gt;   detect: label, class_id, score, x1, y1, x2, y2 in input pixels
 * scale       int             upscale: the factor
 * </pre>
 */
final class ResultRows {
    static final String OK = "ok";
    static final String SKIPPED = "skipped";
    static final String FAILED = "failed";

    private static final StructType TIMING = new StructType()
            .add("decode_ms", DataTypes.DoubleType).add("process_ms", DataTypes.DoubleType)
            .add("write_ms", DataTypes.DoubleType);
    private static final StructType DETECTION = new StructType()
            .add("label", DataTypes.StringType).add("class_id", DataTypes.IntegerType)
            .add("score", DataTypes.FloatType).add("x1", DataTypes.FloatType).add("y1", DataTypes.FloatType)
            .add("x2", DataTypes.FloatType).add("y2", DataTypes.FloatType);

    private ResultRows() {}

    /** The table's columns for {@code operation}. */
    static StructType schema(JobOperation operation) {
        StructType common = new StructType(new StructField[] {
            DataTypes.createStructField("input", DataTypes.StringType, false),
            DataTypes.createStructField("status", DataTypes.StringType, false),
            DataTypes.createStructField("error", DataTypes.StringType, true),
            DataTypes.createStructField("outputs", new ArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("width", DataTypes.IntegerType, true),
            DataTypes.createStructField("height", DataTypes.IntegerType, true),
            DataTypes.createStructField("timing", TIMING, false)});
        return operation instanceof JobOperation.Detect
                ? common.add("detections", new ArrayType(DETECTION, false), true)
                : common.add("scale", DataTypes.IntegerType, false);
    }

    /**
     * One input's row, as the JSON object of its line: columns in the schema's order, null ones left out.
     *
     * @param size the decoded image's {width, height}, or null
     * @param timing {decode, process, write} in milliseconds
     * @param fields the operation's own results (detections), empty unless ok
     */
    static Map<String, Object> row(JobOperation operation, String input, String status, String error,
            List<String> outputs, int[] size, double[] timing, Map<String, Object> fields) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("input", input);
        row.put("status", status);
        row.put("error", error);
        row.put("outputs", outputs);
        row.put("width", size == null ? null : size[0]);
        row.put("height", size == null ? null : size[1]);
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("decode_ms", timing[0]);
        stages.put("process_ms", timing[1]);
        stages.put("write_ms", timing[2]);
        row.put("timing", stages);
        if (operation instanceof JobOperation.Upscale u) {
            row.put("scale", u.plan().scale());
        } else {
            @SuppressWarnings("unchecked")
            List<DetectedObject> found = (List<DetectedObject>) fields.get(DetectOperation.DETECTIONS);
            row.put("detections", found == null ? null : found.stream().map(ResultRows::detection).toList());
        }
        row.values().removeIf(Objects::isNull);
        return row;
    }

    private static Map<String, Object> detection(DetectedObject d) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("label", d.label());
        columns.put("class_id", d.classId());
        columns.put("score", d.score());
        columns.put("x1", d.x1());
        columns.put("y1", d.y1());
        columns.put("x2", d.x2());
        columns.put("y2", d.y2());
        return columns;
    }
}
