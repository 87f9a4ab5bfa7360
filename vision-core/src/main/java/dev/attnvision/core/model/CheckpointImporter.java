package dev.attnvision.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.attnvision.attention.ParameterPaths;
import dev.attnvision.attention.ParameterValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads checkpoint tensors into a DJL block, strictly: every parameter must get a tensor of its exact shape and
 * every tensor must find its parameter.
 *
 * <p>There is no rename table: a parameter's checkpoint key is its {@link ParameterPaths} path, the child names
 * from the root block joined with {@code "."} (DJL's two-digit position prefix stripped), then the parameter name
 * ({@code weight}, {@code bias}). Blocks whose children are named after the official PyTorch
 * submodules ({@code AAB_trunk.3}, {@code attention.k2}) therefore match the official state_dict one to one.
 */
public final class CheckpointImporter {
    private CheckpointImporter() {}

    /**
     * Copies {@code tensors} into the parameters of an initialized {@code block}.
     *
     * @param source names the checkpoint in error messages
     * @throws InvalidModelException listing all missing, unexpected and mis-shaped keys at once; nothing is copied then
     */
    public static void load(Block block, Map<String, CheckpointTensor> tensors, String source)
            throws InvalidModelException {
        if (!block.isInitialized()) {
            throw new IllegalStateException("initialize the block before loading weights into it");
        }
        Map<String, Parameter> parameters = ParameterPaths.of(block);
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        parameters.forEach((key, parameter) -> {
            CheckpointTensor tensor = tensors.get(key);
            Shape expected = parameter.getArray().getShape();
            if (tensor == null) {
                missing.add(key + " " + expected);
            } else if (!tensor.shape().equals(expected)) {
                misShaped.add(key + " is " + tensor.shape() + ", the network needs " + expected);
            }
        });
        List<String> unexpected = tensors.keySet().stream().filter(k -> !parameters.containsKey(k))
                .map(k -> k + " " + tensors.get(k).shape()).toList();
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misShaped.isEmpty()) {
            StringBuilder message = new StringBuilder("The weights in " + source + " do not fit the network"
                    + " (wrong architecture or scale?):");
            appendList(message, "missing", missing);
            appendList(message, "unexpected", unexpected);
            appendList(message, "wrong shape", misShaped);
            throw new InvalidModelException(message.toString());
        }
        parameters.forEach((key, parameter) -> {
            ParameterValues.assign(parameter.getArray(), tensors.get(key).values());
        });
    }

    private static void appendList(StringBuilder message, String what, List<String> keys) {
        if (!keys.isEmpty()) {
            message.append("\n  ").append(what).append(" (").append(keys.size()).append("): ")
                    .append(String.join(", ", keys));
        }
    }
}
