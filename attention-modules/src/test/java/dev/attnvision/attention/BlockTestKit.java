package dev.attnvision.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Checks every attention block test shares: shapes, numeric closeness, gradients, save/load,
 * batch independence, memory-layout independence, scoped temporaries, probes and parameter
 * counts. Pair it with {@link NaiveTensor} for loop references.
 *
 * <p>Typical test of a block {@code Foo} with one (B, C, H, W) input:
 * <ol>
 *   <li>open a manager with {@link #newManager()} in try-with-resources, build and {@link
 *       #initialize} the block, {@link #randomizeParameters} it, make inputs with {@link
 *       #randomNormal};
 *   <li>{@link #assertOutputShapes}, then compare the output with a {@link NaiveTensor} reference
 *       built from {@link NaiveTensor#parameter} values ({@link NaiveTensor#assertClose});
 *   <li>{@link #assertGradientsMatchFiniteDifferences} on a freshly built block and a tiny shape;
 *   <li>{@link #parameterCount} against the closed form, {@link #parameterShapes} against the
 *       expected names;
 *   <li>{@link #assertStandardContracts} (save/load, batch, channels-last, no leftovers);
 *   <li>{@link #recordAttention}, then check what the block recorded.
 * </ol>
 * Forward passes run in inference mode ({@code training=false}) with a non-copying {@link
 * ParameterStore}. Random data comes from seeded {@link java.util.Random}s, so failures repeat.
 *
 * <p>DJL 0.35's {@code Block.cast} is not implemented ({@code AbstractBaseBlock} throws), so the
 * gradient check initialises its block in float64 from the start instead of casting it.
 */
public final class BlockTestKit {

    /** Relative tolerance of the finite-difference gradient check. */
    public static final double GRADIENT_RTOL = 1e-4;

    /** Absolute tolerance of the finite-difference gradient check. */
    public static final double GRADIENT_ATOL = 1e-7;

    /** Step of the central differences, in float64. */
    public static final double GRADIENT_STEP = 1e-5;

    /** Coordinates sampled per input and per parameter by the gradient check. */
    public static final int GRADIENT_SAMPLES = 5;

    /**
     * How far two float32 runs of one computation on the same inputs may lie apart, in units of float32's machine
     * epsilon {@code 2^-23} times the element's magnitude plus the largest magnitude of the array (see {@link
     * #assertEqualUpToRounding}): 64, which is {@code 7.6e-6} of the array's range.
     *
     * <p>Why any slack: oneDNN, MKL and ATen pick kernels, vector widths, blockings, alignment peeling and the split
     * of reductions over threads by CPU (AVX2, AVX-512, AMX; Intel or AMD), by thread count and by the memory a
     * buffer got, so two forward passes of one block need not agree to the last bit (the AMD EPYC of issue 10 gave
     * {@code -0.023003861} and {@code -0.02300392}). An output near zero can be the difference of large terms, whose
     * rounding is that of the largest values, hence the array-wide part. Measured on a Sapphire Rapids Xeon, between
     * runs with oneDNN held to AVX2, ATen on its unvectorised kernels, MKL held to AVX2 and one OpenMP thread: block
     * outputs and input gradients moved by up to 11 of these units, the tiny detector's box outputs (small values
     * computed from larger features) by up to 16; 64 leaves a factor 4. Why it is safe: a wrong, stale or unsaved
     * parameter, a swapped index, a mixed-up sample or a value read from freed memory moves outputs by a sizeable
     * fraction of their range, thousands of times this.
     */
    public static final double ROUNDING_ULPS = 64;

    private BlockTestKit() {}

    /**
     * Opens a base manager on the default engine (PyTorch in tests).
     *
     * @return a new manager; close it
     */
    public static NDManager newManager() {
        return NDManager.newBaseManager();
    }

    /**
     * Initialises a block in float32.
     *
     * @param block the block
     * @param manager the manager that will own the parameters
     * @param inputShapes the input shapes
     */
    public static void initialize(Block block, NDManager manager, Shape... inputShapes) {
        block.initialize(manager, DataType.FLOAT32, inputShapes);
    }

    /**
     * Makes an array of standard normal values from a seeded generator.
     *
     * @param manager the owner
     * @param shape the shape
     * @param seed the seed
     * @param dataType FLOAT32 or FLOAT64
     * @return the array, contiguous
     */
    public static NDArray randomNormal(NDManager manager, Shape shape, long seed, DataType dataType) {
        Random random = new Random(seed);
        int size = Math.toIntExact(shape.size());
        if (dataType == DataType.FLOAT64) {
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                values[i] = random.nextGaussian();
            }
            return manager.create(values, shape);
        }
        if (dataType == DataType.FLOAT32) {
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = (float) random.nextGaussian();
            }
            return manager.create(values, shape);
        }
        throw new IllegalArgumentException("dataType must be FLOAT32 or FLOAT64, got " + dataType);
    }


    /**
     * Overwrites every parameter of an initialised block with {@code scale} times standard normal
     * values from a seeded generator, so that references see non-trivial weights (DJL zeroes
     * biases) and runs repeat exactly.
     *
     * @param block an initialised float32 block
     * @param seed the seed
     * @param scale the standard deviation
     */
    public static void randomizeParameters(Block block, long seed, double scale) {
        Random random = new Random(seed);
        for (Parameter p : block.getParameters().values()) {
            NDArray array = p.getArray();
            float[] values = new float[Math.toIntExact(array.getShape().size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (scale * random.nextGaussian());
            }
            ParameterValues.assign(array, values);
        }
    }

    /**
     * Makes a float32 array of standard normal values from a seeded generator.
     *
     * @param manager the owner
     * @param shape the shape
     * @param seed the seed
     * @return the array, contiguous
     */
    public static NDArray randomNormal(NDManager manager, Shape shape, long seed) {
        return randomNormal(manager, shape, seed, DataType.FLOAT32);
    }

    /**
     * Runs a block in inference mode.
     *
     * @param block an initialised block
     * @param params the forward params (e.g. {@link AttentionProbe#params}), may be null
     * @param inputs the inputs
     * @return the outputs
     */
    public static NDList forward(Block block, PairList<String, Object> params, NDArray... inputs) {
        NDManager manager = inputs[0].getManager();
        return block.forward(new ParameterStore(manager, false), new NDList(inputs), false, params);
    }

    /**
     * Runs a block in inference mode without params.
     *
     * @param block an initialised block
     * @param inputs the inputs
     * @return the outputs
     */
    public static NDList forward(Block block, NDArray... inputs) {
        return forward(block, null, inputs);
    }

    /**
     * Asserts that a block's input gradients do not change when the Java garbage collector runs
     * between the forward and the backward pass: autograd must not keep operands whose memory is a
     * Java buffer already released (see {@link Constants}). The two backward passes are compared up to rounding
     * ({@link #ROUNDING_ULPS}): an operand overwritten with NaN makes gradients NaN or far off.
     *
     * @param block an initialised block
     * @param inputs its inputs
     */
    public static void assertGradientsSurviveGarbageCollection(Block block, NDArray... inputs) {
        float[][] undisturbed = inputGradients(block, inputs, false);
        float[][] collected = inputGradients(block, inputs, true);
        for (int i = 0; i < inputs.length; i++) {
            assertEqualUpToRounding(undisturbed[i], collected[i],
                    "gradient of input " + i + " after a garbage collection before backward");
        }
    }

    private static float[][] inputGradients(Block block, NDArray[] inputs, boolean collect) {
        try (NDManager scope = inputs[0].getManager().newSubManager()) {
            NDList leaves = new NDList();
            for (NDArray input : inputs) {
                NDArray leaf = input.duplicate();
                leaf.attach(scope);
                leaf.setRequiresGradient(true);
                leaves.add(leaf);
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = null;
                for (NDArray out : block.forward(new ParameterStore(scope, false), leaves, true)) {
                    NDArray term = out.mul(randomNormal(scope, out.getShape(), 17)).sum();
                    loss = loss == null ? term : loss.add(term);
                }
                List<ByteBuffer> poison = collect ? overwriteReleasedJavaBuffers() : List.of();
                collector.backward(loss);
                Reference.reachabilityFence(poison);
            }
            float[][] gradients = new float[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                gradients[i] = leaves.get(i).getGradient().toFloatArray();
            }
            return gradients;
        }
    }

    /**
     * Runs the garbage collector until the direct buffers no array holds any more are freed, then
     * allocates small direct buffers full of NaN, which reuse that memory.
     *
     * @return the NaN buffers; keep them reachable while the freed memory should stay poisoned
     */
    public static List<ByteBuffer> overwriteReleasedJavaBuffers() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50); // the cleaner thread frees the buffers after the collection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        List<ByteBuffer> poison = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(4 << (i % 5)).order(ByteOrder.nativeOrder());
            while (buffer.remaining() >= Float.BYTES) {
                buffer.putFloat(Float.NaN);
            }
            poison.add(buffer);
        }
        return poison;
    }

    /**
     * Asserts that a forward pass yields the shapes the block declares.
     *
     * @param block an initialised block
     * @param inputs inputs of the shapes it was initialised with
     * @return the outputs, for further checks
     */
    public static NDList assertOutputShapes(Block block, NDArray... inputs) {
        Shape[] inputShapes = Arrays.stream(inputs).map(NDArray::getShape).toArray(Shape[]::new);
        Shape[] declared = block.getOutputShapes(inputShapes);
        NDList outputs = forward(block, inputs);
        assertArrayEquals(declared, outputs.getShapes(), "forward shapes vs getOutputShapes");
        return outputs;
    }

    /**
     * Asserts {@code |actual - expected| <= atol + rtol * |expected|} elementwise, naming the worst
     * element (largest excess over its tolerance) and its index when it fails.
     *
     * @param expected the reference
     * @param actual the value under test, same shape
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     */
    public static void assertAllClose(NDArray expected, NDArray actual, double rtol, double atol) {
        assertEquals(expected.getShape(), actual.getShape(), "shape");
        assertAllClose(toDoubles(expected), toDoubles(actual), expected.getShape(), rtol, atol, "");
    }

    /**
     * Java-array form of {@link #assertAllClose(NDArray, NDArray, double, double)}.
     *
     * @param expected the reference
     * @param actual the values under test
     * @param shape the shape both are laid out in, row-major, for the message
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @param what what is compared, for the message
     */
    public static void assertAllClose(
            double[] expected, double[] actual, Shape shape, double rtol, double atol, String what) {
        assertEquals(expected.length, actual.length, what + " element count");
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            double excess = error - (atol + rtol * Math.abs(expected[i]));
            boolean bad = excess > 0 || Double.isNaN(error) && !Double.valueOf(expected[i]).equals(actual[i]);
            if (bad && (worst < 0 || excess > worstExcess || Double.isNaN(excess))) {
                worst = i;
                worstExcess = Double.isNaN(excess) ? Double.POSITIVE_INFINITY : excess;
            }
        }
        if (worst >= 0) {
            int count = 0;
            for (int i = 0; i < expected.length; i++) {
                if (!(Math.abs(actual[i] - expected[i]) <= atol + rtol * Math.abs(expected[i]))) {
                    count++;
                }
            }
            fail(String.format(
                    "%s not close (rtol=%g, atol=%g): %d of %d elements off; worst at %s: expected %.9g,"
                            + " actual %.9g, |diff| %.3g",
                    what.isEmpty() ? "arrays" : what, rtol, atol, count, expected.length,
                    Arrays.toString(unravel(worst, shape)), expected[worst], actual[worst],
                    Math.abs(actual[worst] - expected[worst])));
        }
    }

    /**
     * Asserts that {@code actual} is {@code expected} computed again, up to float32 rounding: elementwise {@code
     * |actual - expected| <= ROUNDING_ULPS * 2^-23 * (|expected| + max |expected|)}, the maximum over the whole
     * array. For results of the same computation on the same inputs that the engine may order differently, such as
     * two forward passes of one block; see {@link #ROUNDING_ULPS} for why this is loose enough and still catches bugs.
     *
     * @param expected the first result
     * @param actual the second, same shape
     * @param what what is compared, for the message
     */
    public static void assertEqualUpToRounding(NDArray expected, NDArray actual, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what + " shape");
        assertEqualUpToRounding(toDoubles(expected), toDoubles(actual), expected.getShape(), what);
    }

    /**
     * Java-array form of {@link #assertEqualUpToRounding(NDArray, NDArray, String)}.
     *
     * @param expected the first result
     * @param actual the second
     * @param what what is compared, for the message
     */
    public static void assertEqualUpToRounding(float[] expected, float[] actual, String what) {
        assertEqualUpToRounding(toDoubles(expected), toDoubles(actual), new Shape(expected.length), what);
    }

    /**
     * {@link #assertEqualUpToRounding(NDArray, NDArray, String)} for values already in Java, e.g. a figure's or a
     * report's copy of float32 results.
     *
     * @param expected the first result
     * @param actual the second
     * @param shape the shape both are laid out in, row-major, for the message
     * @param what what is compared, for the message
     */
    public static void assertEqualUpToRounding(double[] expected, double[] actual, Shape shape, String what) {
        double largest = 0;
        for (double v : expected) {
            largest = Math.max(largest, Math.abs(v));
        }
        double rtol = ROUNDING_ULPS * Math.ulp(1f);
        assertAllClose(expected, actual, shape, rtol, rtol * largest, what + " (up to float32 rounding)");
    }

    /**
     * Checks the analytic gradients of a block against central differences, in float64.
     *
     * <p>The block is initialised in float64 on {@code manager} from the engine's generator seeded with {@code seed};
     * inputs are standard normal. The scalar loss is {@code sum(w * out)} over all outputs with fixed random
     * {@code w}, so every output element matters. Analytic gradients of the inputs and of every trainable
     * parameter come from one {@link GradientCollector} pass; then {@link #GRADIENT_SAMPLES} coordinates of each
     * are perturbed by {@code +-}{@link #GRADIENT_STEP} (with gradient tracking switched off, since PyTorch forbids
     * in-place edits of leaves that require gradients) and restored.
     *
     * @param block a built, uninitialised block
     * @param manager the manager for parameters and data
     * @param seed seeds the inputs, weights and sampled coordinates
     * @param inputShapes the input shapes; keep them tiny
     */
    public static void assertGradientsMatchFiniteDifferences(
            Block block, NDManager manager, long seed, Shape... inputShapes) {
        // the initialisers draw from the engine's generator: seeded, so that every run checks the same weights
        // (an unseeded draw now and then put a ReLU input within a step of its kink, and the check failed)
        Engine.getInstance().setRandomSeed((int) seed);
        block.initialize(manager, DataType.FLOAT64, inputShapes);
        NDArray[] inputs = new NDArray[inputShapes.length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = randomNormal(manager, inputShapes[i], seed + i, DataType.FLOAT64);
        }
        Shape[] outputShapes = block.getOutputShapes(inputShapes);
        NDList weights = new NDList();
        for (int i = 0; i < outputShapes.length; i++) {
            weights.add(randomNormal(manager, outputShapes[i], seed + 1000 + i, DataType.FLOAT64));
        }
        Map<String, NDArray> targets = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            targets.put("input " + i, inputs[i]);
        }
        for (var p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                targets.put("parameter " + p.getKey(), p.getValue().getArray());
            }
        }
        for (NDArray input : inputs) {
            input.setRequiresGradient(true);
        }
        Map<String, double[]> analytic = new LinkedHashMap<>();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList outputs = forward(block, inputs);
            collector.backward(weightedSum(outputs, weights));
            for (Map.Entry<String, NDArray> t : targets.entrySet()) {
                NDArray gradient = t.getValue().getGradient();
                assertNotNull(gradient, "no gradient for " + t.getKey());
                analytic.put(t.getKey(), gradient.toDoubleArray());
            }
        }
        for (NDArray target : targets.values()) {
            target.setRequiresGradient(false);
        }
        Random random = new Random(seed);
        for (Map.Entry<String, NDArray> t : targets.entrySet()) {
            NDArray array = t.getValue();
            Shape shape = array.getShape();
            int size = Math.toIntExact(shape.size());
            int samples = Math.min(GRADIENT_SAMPLES, size);
            double[] numeric = new double[samples];
            double[] expected = new double[samples];
            for (int s = 0; s < samples; s++) {
                int flat = random.nextInt(size);
                NDIndex index = new NDIndex(unravel(flat, shape));
                double original = array.getDouble(unravel(flat, shape));
                array.set(index, original + GRADIENT_STEP);
                double plus = lossValue(block, inputs, weights);
                array.set(index, original - GRADIENT_STEP);
                double minus = lossValue(block, inputs, weights);
                array.set(index, original);
                numeric[s] = (plus - minus) / (2 * GRADIENT_STEP);
                expected[s] = analytic.get(t.getKey())[flat];
            }
            assertAllClose(expected, numeric, new Shape(samples), GRADIENT_RTOL, GRADIENT_ATOL,
                    "gradient of " + t.getKey() + " (analytic vs central differences, by sample)");
        }
    }

    /**
     * Saves a block's parameters to bytes.
     *
     * @param block an initialised block
     * @return the bytes {@link Block#saveParameters} writes
     */
    public static byte[] saveParameters(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Loads parameters saved by {@link #saveParameters} into a block.
     *
     * @param block a block built like the saved one; need not be initialised
     * @param manager the owner of the loaded parameters
     * @param saved the bytes
     * @throws MalformedModelException if the bytes do not fit the block
     */
    public static void loadParameters(Block block, NDManager manager, byte[] saved)
            throws MalformedModelException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
            block.loadParameters(manager, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that parameters saved from one block and loaded into a freshly built, uninitialised one come back bit
     * for bit ({@link #assertParametersIdentical}) and that the restored block computes the original's outputs up to
     * rounding ({@link #assertEqualUpToRounding}). The parameters are what save/load promises and are compared
     * exactly; the outputs come from two forward passes, which the engine need not order alike. A save/load bug
     * either changes a parameter, which the exact check catches, or leaves out something else the block computes
     * with, which moves its outputs by far more than rounding.
     *
     * @param factory builds the block, the same way each time
     * @param manager the manager
     * @param inputs the inputs; their shapes initialise the first block
     * @throws MalformedModelException if loading fails
     */
    public static void assertSaveLoadRestores(
            Supplier<? extends Block> factory, NDManager manager, NDArray... inputs)
            throws MalformedModelException {
        Block original = factory.get();
        initialize(original, manager,
                Arrays.stream(inputs).map(NDArray::getShape).toArray(Shape[]::new));
        NDList expected = forward(original, inputs);
        Block restored = factory.get();
        loadParameters(restored, manager, saveParameters(original));
        assertParametersIdentical(original, restored);
        NDList actual = forward(restored, inputs);
        assertEquals(expected.size(), actual.size(), "output count");
        for (int i = 0; i < expected.size(); i++) {
            assertEqualUpToRounding(expected.get(i), actual.get(i), "output " + i + " after save/load");
        }
    }

    /**
     * Asserts that two blocks hold the same parameters bit for bit: the same {@link ParameterPaths} in the same
     * order, each with the same shape, data type and bytes.
     *
     * @param expected an initialised block
     * @param actual the block that should hold a copy of its parameters
     */
    public static void assertParametersIdentical(Block expected, Block actual) {
        Map<String, Parameter> want = ParameterPaths.of(expected);
        Map<String, Parameter> got = ParameterPaths.of(actual);
        assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()), "parameter paths");
        for (Map.Entry<String, Parameter> p : want.entrySet()) {
            NDArray e = p.getValue().getArray();
            NDArray a = got.get(p.getKey()).getArray();
            assertEquals(e.getShape(), a.getShape(), p.getKey() + " shape");
            assertEquals(e.getDataType(), a.getDataType(), p.getKey() + " data type");
            assertArrayEquals(e.toByteArray(), a.toByteArray(), p.getKey() + " bytes");
        }
    }

    /**
     * Asserts that each sample of a batch gives the same outputs alone as within the batch.
     *
     * @param block an initialised block with one input
     * @param batch the input, batch on axis 0
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     */
    public static void assertBatchMatchesSamples(Block block, NDArray batch, double rtol, double atol) {
        assertBatchMatchesSamples(block, rtol, atol, batch);
    }

    /**
     * Asserts that each sample of a batch gives the same outputs alone as within the batch, for a
     * block with any number of inputs (each sliced along axis 0), e.g. pyramid levels.
     *
     * @param block an initialised block
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @param batch the inputs, batch on axis 0 of each, one batch size
     */
    public static void assertBatchMatchesSamples(Block block, double rtol, double atol, NDArray... batch) {
        NDList together = forward(block, batch);
        for (long i = 0; i < batch[0].getShape().get(0); i++) {
            NDIndex sample = new NDIndex("{}:{}", i, i + 1);
            NDList alone = forward(block, Arrays.stream(batch).map(b -> b.get(sample)).toArray(NDArray[]::new));
            for (int o = 0; o < together.size(); o++) {
                assertAllClose(together.get(o).get(sample), alone.get(o), rtol, atol);
            }
        }
    }

    /**
     * Returns a channels-last copy of an NCHW array, viewed as NCHW: logically equal to the
     * input, but stored NHWC, as fast image pipelines feed blocks.
     *
     * @param nchw an array (N, C, H, W)
     * @return a (N, C, H, W) view whose memory is (N, H, W, C)-contiguous
     */
    public static NDArray channelsLast(NDArray nchw) {
        Shape s = nchw.getShape();
        Shape nhwc = new Shape(s.get(0), s.get(2), s.get(3), s.get(1));
        float[] values;
        try (NDArray transposed = nchw.transpose(0, 2, 3, 1)) {
            values = transposed.toFloatArray();
        }
        // the view shares the storage of this array, so it stays open (owned by the manager)
        NDArray stored = nchw.getManager().create(values, nhwc);
        return stored.transpose(0, 3, 1, 2);
    }

    /**
     * Asserts that a block gives the same outputs for a channels-last view as for contiguous NCHW.
     *
     * @param block an initialised block with one float32 NCHW input
     * @param nchw a contiguous input
     * @param rtol relative tolerance (kernels may differ between layouts)
     * @param atol absolute tolerance
     */
    public static void assertChannelsLastMatches(Block block, NDArray nchw, double rtol, double atol) {
        assertChannelsLastMatches(block, rtol, atol, nchw);
    }

    /**
     * Asserts that a block gives the same outputs when every 4-D input is a channels-last view as
     * when all are contiguous NCHW, for a block with any number of inputs.
     *
     * @param block an initialised block with float32 inputs
     * @param rtol relative tolerance (kernels may differ between layouts)
     * @param atol absolute tolerance
     * @param inputs contiguous inputs; those of rank 4 are also fed channels-last
     */
    public static void assertChannelsLastMatches(Block block, double rtol, double atol, NDArray... inputs) {
        NDList contiguous = forward(block, inputs);
        NDList viewed = forward(block, Arrays.stream(inputs)
                .map(x -> x.getShape().dimension() == 4 ? channelsLast(x) : x).toArray(NDArray[]::new));
        for (int o = 0; o < contiguous.size(); o++) {
            assertAllClose(contiguous.get(o), viewed.get(o), rtol, atol);
        }
    }

    /**
     * Asserts that a forward pass leaves nothing on the caller's manager but its outputs, and
     * nothing on the parameters' manager (an op whose left operand is a parameter puts its result
     * there, piling up on every call): the block's temporaries must live in sub-managers that
     * close before it returns.
     *
     * @param block an initialised block with float32 inputs
     * @param inputs the inputs; copied into a fresh sub-manager for the count
     */
    public static void assertNoTemporariesLeft(Block block, NDArray... inputs) {
        try (NDManager caller = inputs[0].getManager().newSubManager()) {
            NDArray[] copies = Arrays.stream(inputs)
                    .map(x -> caller.create(x.toFloatArray(), x.getShape())).toArray(NDArray[]::new);
            NDManager weights = block.getParameters().isEmpty()
                    ? null : block.getParameters().valueAt(0).getArray().getManager();
            int before = caller.getManagedArrays().size();
            int weightsBefore = weights == null ? 0 : weights.getManagedArrays().size();
            NDList outputs = forward(block, copies);
            assertEquals(before + outputs.size(), caller.getManagedArrays().size(),
                    "arrays left on the caller's manager besides the outputs");
            if (weights != null) {
                int outputsInside = encloses(weights, caller) ? outputs.size() : 0;
                assertEquals(weightsBefore + outputsInside, weights.getManagedArrays().size(),
                        "arrays left on the parameters' manager");
            }
        }
    }

    private static boolean encloses(NDManager outer, NDManager inner) {
        for (NDManager m = inner; m != null; m = m.getParentManager()) {
            if (m == outer) {
                return true;
            }
            if (m == m.getParentManager()) {
                return false;
            }
        }
        return false;
    }

    /**
     * Runs the lifecycle and layout checks every single-input block shares: {@link
     * #assertSaveLoadRestores} (with a second block from {@code factory}), {@link
     * #assertBatchMatchesSamples}, {@link #assertChannelsLastMatches} and {@link
     * #assertNoTemporariesLeft}.
     *
     * @param factory builds the block under test, the same way each time
     * @param block an initialised block from {@code factory}
     * @param batch a contiguous float32 (B, C, H, W) input of the initialised shape, B at least 2
     * @param rtol relative tolerance of the batch and layout comparisons
     * @param atol absolute tolerance of the batch and layout comparisons
     * @throws MalformedModelException if loading fails
     */
    public static void assertStandardContracts(Supplier<? extends Block> factory, Block block,
            NDArray batch, double rtol, double atol) throws MalformedModelException {
        assertStandardContracts(factory, block, rtol, atol, batch);
    }

    /**
     * {@link #assertStandardContracts(Supplier, Block, NDArray, double, double)} for a block with
     * any number of inputs (e.g. a deformable convolution's features and offsets, pyramid levels).
     *
     * @param factory builds the block under test, the same way each time
     * @param block an initialised block from {@code factory}
     * @param rtol relative tolerance of the batch and layout comparisons
     * @param atol absolute tolerance of the batch and layout comparisons
     * @param batch contiguous float32 inputs of the initialised shapes, one batch size of at least 2
     * @throws MalformedModelException if loading fails
     */
    public static void assertStandardContracts(Supplier<? extends Block> factory, Block block,
            double rtol, double atol, NDArray... batch) throws MalformedModelException {
        assertSaveLoadRestores(factory, batch[0].getManager(), batch);
        assertBatchMatchesSamples(block, rtol, atol, batch);
        assertChannelsLastMatches(block, rtol, atol, batch);
        assertNoTemporariesLeft(block, batch);
    }

    /**
     * Runs a block with an {@link AttentionRecorder} and without a probe, asserts that both give the
     * same outputs up to rounding ({@link #assertEqualUpToRounding}: two forward passes), and returns
     * what was recorded.
     *
     * @param block an initialised block
     * @param inputs the inputs
     * @return the recorder after the probed call
     */
    public static AttentionRecorder recordAttention(Block block, NDArray... inputs) {
        AttentionRecorder recorder = new AttentionRecorder();
        NDList probed = forward(block, AttentionProbe.params(recorder), inputs);
        NDList plain = forward(block, inputs);
        assertEquals(plain.size(), probed.size(), "output count");
        for (int i = 0; i < plain.size(); i++) {
            assertEqualUpToRounding(plain.get(i), probed.get(i), "output " + i + " with a probe vs without");
        }
        return recorder;
    }

    /**
     * Counts the scalars of all parameters of a block and its children, including non-trainable
     * ones such as batch-norm running statistics.
     *
     * @param block an initialised block
     * @return the number of scalars
     */
    public static long parameterCount(Block block) {
        long count = 0;
        for (Parameter p : block.getParameters().values()) {
            count += p.getArray().getShape().size();
        }
        return count;
    }

    /**
     * Lists the dotted parameter paths of a block (see {@link ParameterPaths}) with their shapes.
     *
     * @param block an initialised block
     * @return path to shape, in {@link ParameterPaths} order
     */
    public static Map<String, Shape> parameterShapes(Block block) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        ParameterPaths.of(block).forEach((path, p) -> shapes.put(path, p.getArray().getShape()));
        return shapes;
    }

    /**
     * Converts an array of any numeric type to doubles, row-major.
     *
     * @param array the array
     * @return its values
     */
    public static double[] toDoubles(NDArray array) {
        try (NDArray doubles = array.toType(DataType.FLOAT64, true)) {
            return doubles.toDoubleArray();
        }
    }

    /**
     * Widens float32 values to doubles (exactly).
     *
     * @param values the values
     * @return the same values as doubles
     */
    public static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    private static NDArray weightedSum(NDList outputs, NDList weights) {
        NDArray total = null;
        for (int i = 0; i < outputs.size(); i++) {
            NDArray term = outputs.get(i).mul(weights.get(i)).sum();
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    private static double lossValue(Block block, NDArray[] inputs, NDList weights) {
        try (NDManager scope = inputs[0].getManager().newSubManager()) {
            for (NDArray input : inputs) {
                input.tempAttach(scope);
            }
            return weightedSum(forward(block, inputs), weights).getDouble();
        }
    }

    private static long[] unravel(int flat, Shape shape) {
        long[] index = new long[shape.dimension()];
        long rest = flat;
        for (int d = index.length - 1; d >= 0; d--) {
            index[d] = rest % shape.get(d);
            rest /= shape.get(d);
        }
        return index;
    }
}
