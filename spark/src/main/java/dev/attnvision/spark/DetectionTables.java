package dev.attnvision.spark;

import dev.attnvision.core.detect.DetectOperation;
import dev.attnvision.core.detect.DetectedObject;
import dev.attnvision.core.detect.DetectionFiles;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.pipeline.ImageResult;
import dev.attnvision.core.pipeline.InputFile;
import dev.attnvision.core.train.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The run-wide detection files of {@code --save-json} and {@code --save-csv}, the CLI's own ({@link DetectionFiles}:
 * one COCO JSON, one CSV), made on the driver from the results table: its ok rows, in input path order, are streamed
 * through the CLI's writer into a local folder, and the files are then written into the output folder.
 */
final class DetectionTables implements ImageJob.RunFiles {
    private final List<String> classNames;
    private final boolean json;
    private final boolean csv;

    /**
     * @param classNames the detector's classes
     * @param json whether to write {@value DetectionFiles#JSON_FILE}
     * @param csv whether to write {@value DetectionFiles#CSV_FILE}
     */
    DetectionTables(List<String> classNames, boolean json, boolean csv) {
        this.classNames = List.copyOf(classNames);
        this.json = json;
        this.csv = csv;
    }

    @Override
    public void write(Dataset<Row> results, List<InputRef> inputs, HadoopOutputs outputs) throws IOException {
        Path local = Files.createTempDirectory("attnvision-detections");
        try {
            List<InputFile> files = inputs.stream()
                    .map(ref -> new InputFile(Path.of(ref.uri()), Path.of(ref.relative()))).toList();
            try (DetectionFiles writer = new DetectionFiles(local, files, classNames,
                    new DetectionFiles.Kinds(false, false, json, csv, false), new ImageCodec(1))) {
                Iterator<Row> rows = results.filter("status = '" + ResultRows.OK + "'").orderBy("input")
                        .toLocalIterator();
                while (rows.hasNext()) {
                    writer.finished(result(rows.next()));
                }
            }
            for (String name : List.of(DetectionFiles.JSON_FILE, DetectionFiles.CSV_FILE)) {
                Path file = local.resolve(name);
                if (Files.exists(file)) {
                    outputs.write(outputs.resolve(name), Files.readAllBytes(file));
                }
            }
        } finally {
            FileTrees.delete(local);
        }
    }

    /** A results row as the CLI's record of the same image. */
    private static ImageResult result(Row row) {
        List<DetectedObject> found = new ArrayList<>();
        for (Row d : row.<Row>getList(row.fieldIndex("detections"))) {
            found.add(new DetectedObject(d.getString(0), d.getInt(1), d.getFloat(2), d.getFloat(3), d.getFloat(4),
                    d.getFloat(5), d.getFloat(6)));
        }
        return new ImageResult(Path.of(row.getString(row.fieldIndex("input"))), ImageResult.Status.OK, List.of(),
                null, ImageResult.Timing.NONE, Map.of(DetectOperation.DETECTIONS, found,
                        "width", row.getInt(row.fieldIndex("width")), "height", row.getInt(row.fieldIndex("height"))));
    }
}
