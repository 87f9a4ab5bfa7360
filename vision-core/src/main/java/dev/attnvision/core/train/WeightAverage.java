package dev.attnvision.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import dev.attnvision.attention.ParameterValues;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of a network's weights (Polyak and Juditsky 1992), kept in a second network of the
 * same structure: after step {@code t}, {@code ema = d * ema + (1 - d) * w} with
 * {@code d = min(decay, (1 + t) / (10 + t))}, TensorFlow's {@code ExponentialMovingAverage} warm-up, so that early
 * weights fade fast. Every floating-point parameter is averaged, batch-norm running statistics included, as
 * YOLOv5's {@code ModelEMA} does. Validating and exporting the average instead of the last weights removes the
 * noise of the last steps, which matters most on small datasets.
 *
 * <p>It holds the two networks' parameters, not their arrays, and reads each parameter's current array at every
 * step: a checkpoint's loader gives every parameter a new array, so held arrays would go stale on a resume.
 */
public final class WeightAverage {
    private final List<Parameter> live = new ArrayList<>();
    private final List<Parameter> average = new ArrayList<>();
    private final double decay;

    /**
     * @param network the network being trained
     * @param shadow an initialised network of the same structure that holds the average
     * @param decay the largest decay, in (0, 1); {@code 1 / (1 - decay)} steps is the window averaged over
     */
    public WeightAverage(Block network, Block shadow, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("the average's decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        ParameterList a = network.getParameters();
        ParameterList b = shadow.getParameters();
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("the average's network has " + b.size() + " parameters, not " + a.size());
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).getKey().equals(b.get(i).getKey())) {
                throw new IllegalArgumentException("parameter " + i + " is " + a.get(i).getKey() + " but "
                        + b.get(i).getKey() + " in the average's network");
            }
            if (a.get(i).getValue().getArray().getDataType() == DataType.FLOAT32) {
                live.add(a.get(i).getValue());
                average.add(b.get(i).getValue());
            }
        }
    }

    /**
     * The decay that keeps a window of about a tenth of a run of {@code iterations} steps (at least 10 steps, at
     * most {@code 1 / (1 - 0.9999)}), so that short fine-tunes average their end and long runs do not lag.
     */
    public static double decayFor(long iterations) {
        double window = Math.min(10_000, Math.max(10, iterations / 10.0));
        return 1 - 1 / window;
    }

    /** Sets the average to the network's current weights (before a fresh run, after any {@code --init-from}). */
    public void reset() {
        for (int i = 0; i < live.size(); i++) {
            ParameterValues.assign(average.get(i).getArray(), live.get(i).getArray());
        }
    }

    /** Folds in the weights after step {@code step} (0-based). */
    public void update(long step) {
        float d = (float) Math.min(decay, (1.0 + step) / (10.0 + step));
        for (int i = 0; i < live.size(); i++) {
            NDArray avg = average.get(i).getArray();
            try (NDManager scope = avg.getManager().newSubManager()) {
                NDArray w = live.get(i).getArray().mul(1 - d);
                w.attach(scope);
                avg.muli(d).addi(w);
            }
        }
    }
}
