package dev.attnvision.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import dev.attnvision.core.model.InvalidModelException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015, arXiv:1412.6980) whose moment estimates can be saved and restored, so a resumed run
 * continues exactly where it stopped. DJL's own {@code Adam} keeps its moments private, which is why this exists.
 *
 * <p>For the update made at 0-based iteration {@code i} ({@code t = i + 1}, learning rate {@code lr} from the
 * schedule), in PyTorch's form of the bias correction:
 * <pre>
 * m = beta1 m + (1 - beta1) g,   v = beta2 v + (1 - beta2) g^2
 * w = w - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * With a weight decay {@code wd > 0} it is AdamW (Loshchilov and Hutter 2019, arXiv:1711.05101): before the Adam
 * step, weights of two or more dimensions (convolution and linear kernels; not biases or normalisation scales)
 * shrink by {@code w = w - lr * wd * w}, decoupled from the gradient.
 * The training loop sets the iteration before each step with {@link #beginIteration}. Moments live on the weights'
 * manager; every temporary of an update lives in a sub-manager closed at the end of the update.
 */
public final class ResumableAdam extends Optimizer {
    private final LearningRateSchedule schedule;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    private long iteration;

    /** Adam with {@code beta1 = 0.9, beta2 = 0.999, eps = 1e-8}, the values BasicSR and A2N train with. */
    public ResumableAdam(LearningRateSchedule schedule) {
        this(schedule, 0.9f, 0.999f, 1e-8f);
    }

    /** Adam with explicit moment decay rates and epsilon. */
    public ResumableAdam(LearningRateSchedule schedule, float beta1, float beta2, float epsilon) {
        this(schedule, beta1, beta2, epsilon, 0f);
    }

    /** AdamW with PyTorch's defaults ({@code beta1 = 0.9, beta2 = 0.999, eps = 1e-8}) and {@code weightDecay}. */
    public static ResumableAdam adamW(LearningRateSchedule schedule, float weightDecay) {
        return new ResumableAdam(schedule, 0.9f, 0.999f, 1e-8f, weightDecay);
    }

    /** Adam, or AdamW when {@code weightDecay > 0}, with explicit settings. */
    public ResumableAdam(LearningRateSchedule schedule, float beta1, float beta2, float epsilon, float weightDecay) {
        super(new Settings());
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            throw new IllegalArgumentException("weight decay must be in [0, 1), got " + weightDecay);
        }
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta < 1, got beta1 " + beta1 + ", beta2 " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam's epsilon must be positive, got " + epsilon);
        }
        this.schedule = schedule;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** Declares that the coming updates are those of {@code iteration} (0-based). */
    public void beginIteration(long iteration) {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be 0 or more, got " + iteration);
        }
        this.iteration = iteration;
    }

    /** The learning rate of the current iteration. */
    public double learningRate() {
        return schedule.rateAt(iteration);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        long t = iteration + 1;
        double lr = schedule.rateAt(iteration);
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float varianceCorrection = (float) Math.sqrt(1 - Math.pow(beta2, t));
        NDArray mean = means.computeIfAbsent(parameterId, k -> weight.zerosLike());
        NDArray variance = variances.computeIfAbsent(parameterId, k -> weight.zerosLike());
        try (NDManager scope = weight.getManager().newSubManager()) {
            scope.tempAttachAll(weight, grad, mean, variance);
            if (weightDecay > 0 && weight.getShape().dimension() >= 2) {
                weight.muli((float) (1 - lr * weightDecay));
            }
            mean.muli(beta1).addi(grad.mul(1 - beta1));
            variance.muli(beta2).addi(grad.square().muli(1 - beta2));
            NDArray denominator = variance.sqrt().divi(varianceCorrection).addi(epsilon);
            weight.subi(mean.div(denominator).muli(stepSize));
        }
    }

    /**
     * Writes the moments of {@code block}'s parameters, named by their parameter paths (parameter ids change between
     * processes, names do not). Parameters never updated yet are left out.
     */
    public void save(Block block, OutputStream out) throws IOException {
        NDList state = new NDList();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray m = means.get(p.getValue().getId());
            if (m != null) {
                state.add(named(m, "m:" + p.getKey()));
                state.add(named(variances.get(p.getValue().getId()), "v:" + p.getKey()));
            }
        }
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(state.size()); // DJL cannot decode an empty list: a run saved before its first update has none
        if (!state.isEmpty()) {
            data.write(state.encode());
        }
        data.flush();
    }

    /**
     * Restores the moments written by {@link #save} for {@code block}'s parameters, on {@code manager}.
     *
     * @throws InvalidModelException if the state does not fit {@code block} (another network) or is damaged
     */
    public void load(Block block, NDManager manager, InputStream in) throws IOException {
        Map<String, NDArray> byName = new HashMap<>();
        DataInputStream data = new DataInputStream(in);
        int count = data.readInt();
        for (NDArray array : count == 0 ? new NDList() : NDList.decode(manager, data.readAllBytes())) {
            byName.put(array.getName(), array);
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray m = byName.remove("m:" + p.getKey());
            NDArray v = byName.remove("v:" + p.getKey());
            if ((m == null) != (v == null)) {
                throw new InvalidModelException("optimizer state is damaged: only one moment stored for " + p.getKey());
            }
            if (m != null && !(m.getShape().equals(p.getValue().getShape()) && v.getShape().equals(m.getShape()))) {
                throw new InvalidModelException("optimizer state for " + p.getKey() + " has shape " + m.getShape()
                        + " but the parameter has " + p.getValue().getShape()
                        + "; resume with the network the checkpoint was made with");
            }
            if (m != null) {
                replace(means, p.getValue().getId(), m);
                replace(variances, p.getValue().getId(), v);
            }
        }
        if (!byName.isEmpty()) {
            throw new InvalidModelException("optimizer state holds moments for parameters this network does not have: "
                    + byName.keySet() + "; resume with the network the checkpoint was made with");
        }
    }

    private static void replace(Map<String, NDArray> moments, String id, NDArray value) {
        NDArray old = moments.put(id, value);
        if (old != null) {
            old.close();
        }
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    /** The base-class settings: no gradient rescaling, clipping or weight decay. */
    private static final class Settings extends OptimizerBuilder<Settings> {
        @Override
        protected Settings self() {
            return this;
        }
    }
}
