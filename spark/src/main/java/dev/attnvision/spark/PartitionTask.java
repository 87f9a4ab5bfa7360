package dev.attnvision.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.core.detect.DetectOperation;
import dev.attnvision.core.detect.DetectedObject;
import dev.attnvision.core.detect.DetectionFiles;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.pipeline.ExistingOutput;
import dev.attnvision.core.pipeline.ImageProcessor;
import dev.attnvision.core.pipeline.InputFile;
import dev.attnvision.core.pipeline.OutputLayout;
import dev.attnvision.core.pipeline.OutputTarget;
import dev.attnvision.core.pipeline.ProcessedImage;
import dev.attnvision.core.pipeline.Reasons;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * One task: the images of one partition, on the executor. The task's thread has its own processor over the
 * executor's shared model ({@link ExecutorModels}); each image is read through Hadoop's file system, decoded,
 * processed and written ({@link HadoopOutputs}) as the CLI would, and becomes one {@link ResultRows row} of the task's
 * results part. A bad image is a failed row naming its reason, never a failed task.
 */
final class PartitionTask implements FlatMapFunction<Iterator<InputRef>, long[]> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Broadcast<JobSpec> spec;

    PartitionTask(Broadcast<JobSpec> spec) {
        this.spec = spec;
    }

    /**
     * Processes the partition's images and writes their rows as the results part of this partition (replacing what
     * an earlier attempt wrote).
     *
     * @return one element: the counts of ok, skipped and failed inputs
     */
    @Override
    public Iterator<long[]> call(Iterator<InputRef> inputs) throws Exception {
        JobSpec job = spec.value();
        TaskContext task = TaskContext.get();
        ExecutorModels.prepareEngine(task.cpus());
        Configuration conf = job.configuration();
        HadoopOutputs outputs = new HadoopOutputs(job.output(), job.jobId(), conf);
        Images images = new Images(job, outputs, conf);
        ImageProcessor processor = ExecutorModels.processor(job.operation());
        StringBuilder lines = new StringBuilder();
        long[] counts = new long[3];
        while (inputs.hasNext()) {
            Map<String, Object> row = images.process(inputs.next(), processor);
            String status = (String) row.get("status");
            counts[status.equals(ResultRows.OK) ? 0 : status.equals(ResultRows.SKIPPED) ? 1 : 2]++;
            lines.append(JSON.writeValueAsString(row)).append('\n');
        }
        outputs.write(outputs.resolve(String.format(Locale.ROOT, "%s/part-%05d.json", ImageJob.RESULTS,
                task.partitionId())), lines.toString().getBytes(StandardCharsets.UTF_8));
        return List.of(counts).iterator();
    }

    /** The per-image work of a task. */
    private static final class Images {
        private final JobSpec job;
        private final HadoopOutputs outputs;
        private final Configuration conf;
        private final ImageCodec codec;
        /** Names outputs as the CLI does, below a root that {@link HadoopOutputs#resolve} replaces. */
        private final OutputLayout layout;

        Images(JobSpec job, HadoopOutputs outputs, Configuration conf) {
            this.job = job;
            this.outputs = outputs;
            this.conf = conf;
            this.codec = new ImageCodec(job.maxPixels());
            this.layout = job.naming().layout(java.nio.file.Path.of("/"));
        }

        /** The output image's target, or null if the job writes no images. */
        private OutputTarget imageTarget(InputRef input) {
            boolean images = !(job.operation() instanceof JobOperation.Detect d) || d.images();
            if (!images) {
                return null;
            }
            java.nio.file.Path relative = java.nio.file.Path.of(input.relative());
            return layout.targetFor(new InputFile(relative, relative));
        }

        /** The label file's path below the output folder, or null. */
        private String labelFile(InputRef input) {
            return job.operation() instanceof JobOperation.Detect d && d.labels()
                    ? DetectionFiles.labelFile(java.nio.file.Path.of(input.relative())).toString() : null;
        }

        Map<String, Object> process(InputRef input, ImageProcessor processor) {
            double[] timing = new double[3];
            OutputTarget target = imageTarget(input);
            String labels = labelFile(input);
            List<Path> planned = new ArrayList<>();
            if (target != null) {
                planned.add(outputs.resolve(target.path().toString().substring(1)));
            }
            if (labels != null) {
                planned.add(outputs.resolve(labels));
            }
            List<String> names = planned.stream().map(Path::toString).toList();
            try {
                String kept = existing(planned);
                if (kept != null) {
                    boolean skip = job.naming().existing() == ExistingOutput.SKIP;
                    return ResultRows.row(job.operation(), input.uri(), skip ? ResultRows.SKIPPED : ResultRows.FAILED,
                            kept, skip ? names : List.of(), null, timing, Map.of());
                }
            } catch (IOException e) {
                return failed(input, "cannot look at its outputs: " + Reasons.of(e), null, timing, 0, System.nanoTime());
            }
            long t0 = System.nanoTime();
            Raster image;
            try {
                image = codec.decode(read(input));
            } catch (Exception | OutOfMemoryError e) {
                return failed(input, Reasons.of(e), null, timing, 0, t0);
            }
            timing[0] = (System.nanoTime() - t0) / 1e6;
            int[] size = {image.width(), image.height()};
            long t1 = System.nanoTime();
            ProcessedImage result;
            try {
                result = processor.process(image);
            } catch (Exception | OutOfMemoryError e) {
                return failed(input, Reasons.of(e), size, timing, 1, t1);
            }
            timing[1] = (System.nanoTime() - t1) / 1e6;
            long t2 = System.nanoTime();
            try {
                int next = 0;
                if (target != null) {
                    outputs.write(planned.get(next++), codec.encode(result.image().orElseThrow(), target.encoding()));
                }
                if (labels != null) {
                    @SuppressWarnings("unchecked")
                    List<DetectedObject> found = (List<DetectedObject>) result.fields().get(DetectOperation.DETECTIONS);
                    JobOperation.Detect detect = (JobOperation.Detect) job.operation();
                    outputs.write(planned.get(next), DetectionFiles.yoloLabels(found, size[0], size[1],
                            detect.labelScores()).getBytes(StandardCharsets.UTF_8));
                }
            } catch (Exception | OutOfMemoryError e) {
                return failed(input, "cannot write its output: " + Reasons.of(e), size, timing, 2, t2);
            }
            timing[2] = (System.nanoTime() - t2) / 1e6;
            return ResultRows.row(job.operation(), input.uri(), ResultRows.OK, null, names, size, timing,
                    result.fields());
        }

        /**
         * Why the input is not processed because of outputs already there, or null to go on. With
         * {@link ExistingOutput#SKIP} an input is skipped when all its outputs exist; with {@link ExistingOutput#FAIL}
         * an output older than the job stops it, while a younger one was written by an earlier attempt of this
         * task and is replaced.
         */
        private String existing(List<Path> planned) throws IOException {
            ExistingOutput policy = job.naming().existing();
            if (policy == ExistingOutput.OVERWRITE || planned.isEmpty()) {
                return null;
            }
            int present = 0;
            for (Path file : planned) {
                long modified = outputs.modified(file);
                if (modified < 0) {
                    continue;
                }
                present++;
                if (policy == ExistingOutput.FAIL && modified < job.startMillis()) {
                    return "output exists: " + file + " (add --skip-existing to keep it, or --overwrite to replace it)";
                }
            }
            return policy == ExistingOutput.SKIP && present == planned.size() ? "output exists" : null;
        }

        private byte[] read(InputRef input) throws IOException {
            Path path = new Path(input.uri());
            try (InputStream in = HadoopFileSystems.of(path, conf).open(path)) {
                return in.readAllBytes();
            }
        }

        /** A failed row; the stage {@code stage} that failed, begun at {@code since}, is timed to now. */
        private Map<String, Object> failed(InputRef input, String reason, int[] size, double[] timing, int stage, long since) {
            timing[stage] = (System.nanoTime() - since) / 1e6;
            return ResultRows.row(job.operation(), input.uri(), ResultRows.FAILED, reason, List.of(), size, timing,
                    Map.of());
        }
    }
}
