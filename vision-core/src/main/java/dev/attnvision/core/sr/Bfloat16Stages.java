package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.attnvision.attention.ParameterPaths;
import dev.attnvision.core.torchscript.TorchScriptModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link A2nStages} in bfloat16: each step is a TorchScript module ({@link TorchScriptModule}) that casts its float32
 * inputs and the network's float32 weights to bfloat16, runs the convolutions there (oneDNN's bf16 kernels: about
 * twice the float32 rate on CPUs with AVX512-BF16 or AMX, emulated and slower elsewhere), and returns float32.
 *
 * <p>What stays in float32, for accuracy at little cost: the residual sums ({@code x + conv_last(...)} of every
 * block, the long skip), the attention dropout module's pooling and its two small linear layers, and {@code
 * conv_last} with the bilinear skip, so the output keeps float32's resolution of a grey level (bfloat16 has 8
 * significant bits: steps of 1 between 128 and 256). The maths are {@link A2n}'s and {@code
 * AttentionInAttentionBlock}'s; the weights are the network's own arrays, looked up once and passed in at each
 * call, so a blended network ({@code --denoise}) runs as it is.
 */
final class Bfloat16Stages implements A2nStages {
    private static final int BF16 = 15;
    private static final int F32 = 6;
    private static final String SLOPE = "0.2";

    private final A2n network;
    private final TorchScriptModule head;
    private final TorchScriptModule block;
    private final TorchScriptModule pooledSum;
    private final TorchScriptModule features;
    private final TorchScriptModule upsample;
    private final NDArray[] headWeights;
    private final NDArray[][] blockWeights;
    private final NDArray[] featuresWeights;
    private final NDArray[] upsampleWeights;

    Bfloat16Stages(A2n network) {
        this.network = network;
        Map<String, Parameter> parameters = ParameterPaths.of(network);
        headWeights = weights(parameters, "conv_first.weight", "conv_first.bias");
        blockWeights = new NDArray[network.config().blocks()][];
        for (int i = 0; i < blockWeights.length; i++) {
            String p = "AAB_trunk." + i + ".";
            blockWeights[i] = weights(parameters, p + "conv_first.weight", p + "ADM.0.weight", p + "ADM.2.weight",
                    p + "attention.k1.weight", p + "attention.k2.weight", p + "attention.k2.bias",
                    p + "attention.k3.weight", p + "attention.k4.weight", p + "non_attention.weight",
                    p + "conv_last.weight");
        }
        featuresWeights = weights(parameters, "trunk_conv.weight", "trunk_conv.bias", "conv_first.weight",
                "conv_first.bias");
        List<String> upsampler = new ArrayList<>();
        for (int s = 1; s <= network.config().stageScales().length; s++) {
            for (String layer : new String[] {"upconv" + s, "att" + s + ".conv", "HRconv" + s}) {
                upsampler.add(layer + ".weight");
                upsampler.add(layer + ".bias");
            }
        }
        upsampler.add("conv_last.weight");
        upsampler.add("conv_last.bias");
        upsampleWeights = weights(parameters, upsampler.toArray(String[]::new));
        List<TorchScriptModule> opened = new ArrayList<>();
        try {
            head = open(opened, "A2nHead", headSource());
            block = open(opened, "A2nBlock", blockSource());
            pooledSum = open(opened, "A2nPooledSum", pooledSumSource());
            features = open(opened, "A2nFeatures", featuresSource());
            upsample = open(opened, "A2nUpsampler", upsamplerSource(network.config()));
        } catch (RuntimeException e) {
            opened.forEach(TorchScriptModule::close);
            throw e;
        }
    }

    private static TorchScriptModule open(List<TorchScriptModule> opened, String name, String forward) {
        TorchScriptModule module = new TorchScriptModule(name, forward);
        opened.add(module);
        return module;
    }

    @Override
    public NDArray whole(NDArray image) {
        NDManager manager = image.getManager();
        NDArray none = manager.create(new float[0]);
        NDArray current = head(image);
        for (int i = 0; i < network.config().blocks(); i++) {
            NDArray next = block(i, current, none);
            current.close();
            current = next;
        }
        NDArray f = features(current, image);
        current.close();
        NDArray out = upsample(f, image);
        f.close();
        none.close();
        return out;
    }

    @Override
    public NDArray head(NDArray image) {
        return call(head, headWeights, image);
    }

    @Override
    public NDArray block(int index, NDArray input, float[] pooled) {
        NDArray mean = input.getManager().create(pooled, new Shape(1, pooled.length));
        NDArray out = block(index, input, mean);
        mean.close();
        return out;
    }

    private NDArray block(int index, NDArray input, NDArray pooled) {
        return call(block, blockWeights[index], input, pooled);
    }

    @Override
    public NDArray pooledSum(int index, NDArray core) {
        return call(pooledSum, new NDArray[] {blockWeights[index][0]}, core);
    }

    @Override
    public NDArray features(NDArray trunk, NDArray image) {
        return call(features, featuresWeights, trunk, image);
    }

    @Override
    public NDArray upsample(NDArray f, NDArray image) {
        return call(upsample, upsampleWeights, f, image);
    }

    /** Runs {@code module} on {@code inputs} then {@code weights}; the result joins the first input's manager. */
    private static NDArray call(TorchScriptModule module, NDArray[] weights, NDArray... inputs) {
        NDArray[] arguments = Arrays.copyOf(inputs, inputs.length + weights.length);
        System.arraycopy(weights, 0, arguments, inputs.length, weights.length);
        return module.call(inputs[0].getManager(), arguments);
    }

    /** The network's parameter arrays at these paths, looked up once: the weights are frozen. */
    private static NDArray[] weights(Map<String, Parameter> parameters, String... paths) {
        NDArray[] arrays = new NDArray[paths.length];
        for (int i = 0; i < paths.length; i++) {
            Parameter parameter = parameters.get(paths[i]);
            if (parameter == null) {
                throw new IllegalStateException("the A2N has no parameter " + paths[i]);
            }
            arrays[i] = parameter.getArray();
        }
        return arrays;
    }

    @Override
    public void close() {
        for (TorchScriptModule module : new TorchScriptModule[] {head, block, pooledSum, features, upsample}) {
            module.close();
        }
    }

    /** {@code torch.conv2d} of a bfloat16 map with float32 weights cast to bfloat16; stride and dilation 1. */
    private static String conv(String input, String weight, String bias, int padding) {
        return String.format(Locale.ROOT, "torch.conv2d(%s, torch.to(%s, %d), %s, [1, 1], [%d, %d], [1, 1], 1)",
                input, weight, BF16, bias == null ? "None" : "torch.to(" + bias + ", " + BF16 + ")", padding, padding);
    }

    private static String bf16(String x) {
        return "torch.to(" + x + ", " + BF16 + ")";
    }

    private static String f32(String x) {
        return "torch.to(" + x + ", " + F32 + ")";
    }

    private static String signature(String name, String... arguments) {
        StringBuilder s = new StringBuilder("  def forward(self: __torch__." + name);
        for (String argument : arguments) {
            s.append(", ").append(argument).append(": Tensor");
        }
        return s.append(") -> Tensor:\n").toString();
    }

    /** {@code conv_first}: 3x3 with bias. */
    static String headSource() {
        return signature("A2nHead", "x", "w", "b")
                + "    return " + f32(conv(bf16("x"), "w", "b", 1)) + "\n";
    }

    /**
     * An attention-in-attention block; an empty {@code pooled} means the block's own input is the whole image, so
     * the attention dropout module pools it.
     */
    static String blockSource() {
        return signature("A2nBlock", "x", "pooled", "first", "reduce", "expand", "k1", "k2", "k2b", "k3", "k4",
                        "plain", "last")
                + "    y = torch.leaky_relu(" + conv(bf16("x"), "first", null, 0) + ", " + SLOPE + ")\n"
                + "    p = pooled\n"
                + "    if torch.numel(pooled) == 0:\n"
                + "      p = torch.mean(" + f32("y") + ", [2, 3])\n"
                + "    logits = torch.matmul(torch.relu(torch.matmul(p, torch.t(reduce))), torch.t(expand))\n"
                + "    a = " + bf16("torch.reshape(torch.softmax(torch.div(logits, 30.0), 1), [-1, 2, 1, 1])") + "\n"
                + "    mask = torch.sigmoid(" + conv("torch.leaky_relu(" + conv("y", "k1", null, 1) + ", " + SLOPE + ")",
                        "k2", "k2b", 0) + ")\n"
                + "    att = " + conv("torch.mul(" + conv("y", "k3", null, 1) + ", mask)", "k4", null, 1) + "\n"
                + "    non = " + conv("y", "plain", null, 1) + "\n"
                + "    mixed = torch.leaky_relu(torch.add(torch.mul(att, torch.slice(a, 1, 0, 1)), "
                + "torch.mul(non, torch.slice(a, 1, 1, 2))), " + SLOPE + ")\n"
                + "    return torch.add(" + f32(conv("mixed", "last", null, 0)) + ", x)\n";
    }

    /** A block's pooled features summed over a part of its input, in float32: (1, C). */
    static String pooledSumSource() {
        return signature("A2nPooledSum", "x", "first")
                + "    y = torch.leaky_relu(" + conv(bf16("x"), "first", null, 0) + ", " + SLOPE + ")\n"
                + "    return torch.sum(" + f32("y") + ", [2, 3])\n";
    }

    /** {@code trunk_conv(trunk) + conv_first(image)}. */
    static String featuresSource() {
        return signature("A2nFeatures", "trunk", "image", "tw", "tb", "fw", "fb")
                + "    return torch.add(" + f32(conv(bf16("trunk"), "tw", "tb", 1)) + ", "
                + f32(conv(bf16("image"), "fw", "fb", 1)) + ")\n";
    }

    /** The upsampling stages (nearest, upconv, pixel attention, HRconv), then {@code conv_last} and the skip. */
    static String upsamplerSource(A2nConfig config) {
        int[] factors = config.stageScales();
        List<String> arguments = new ArrayList<>(List.of("features", "image"));
        StringBuilder body = new StringBuilder("    f = " + bf16("features") + "\n");
        for (int s = 1; s <= factors.length; s++) {
            int k = factors[s - 1];
            for (String layer : new String[] {"up", "att", "hr"}) {
                arguments.add(layer + s + "w");
                arguments.add(layer + s + "b");
            }
            body.append(String.format(Locale.ROOT,
                    "    u = torch.upsample_nearest2d(f, [torch.size(f, 2) * %d, torch.size(f, 3) * %d])\n", k, k))
                    .append("    u = ").append(conv("u", "up" + s + "w", "up" + s + "b", 1)).append('\n')
                    .append("    u = torch.leaky_relu(torch.mul(u, torch.sigmoid(")
                    .append(conv("u", "att" + s + "w", "att" + s + "b", 0)).append(")), ").append(SLOPE).append(")\n")
                    .append("    f = torch.leaky_relu(").append(conv("u", "hr" + s + "w", "hr" + s + "b", 1))
                    .append(", ").append(SLOPE).append(")\n");
        }
        arguments.add("lw");
        arguments.add("lb");
        body.append("    r = torch.conv2d(").append(f32("f")).append(", lw, lb, [1, 1], [1, 1], [1, 1], 1)\n")
                .append(String.format(Locale.ROOT, "    s = torch.upsample_bilinear2d(image, [torch.size(image, 2) * %d,"
                        + " torch.size(image, 3) * %d], False)\n", config.scale(), config.scale()))
                .append("    return torch.add(s, r)\n");
        return signature("A2nUpsampler", arguments.toArray(String[]::new)) + body;
    }
}
