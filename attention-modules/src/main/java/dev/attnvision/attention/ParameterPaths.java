package dev.attnvision.attention;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Names every parameter of a block tree by its dotted path, the way PyTorch names state_dict
 * entries.
 *
 * <p>DJL stores the i-th child (from 1) of a block under {@code String.format("%02d", i) + name}.
 * The path of a parameter joins, with ".", the child names without that prefix from the root down,
 * then the parameter's own name: the {@code weight} of a child {@code "attention.k1"} of the root
 * is {@code "attention.k1.weight"}. Blocks named after the official submodules therefore make a
 * checkpoint importer a plain lookup.
 */
public final class ParameterPaths {

    private ParameterPaths() {}

    /**
     * Lists the parameters of a block and its descendants by dotted path.
     *
     * @param root the block
     * @return path to parameter, depth first, a block's own parameters before its children's
     * @throws IllegalStateException if two parameters get the same path
     */
    public static Map<String, Parameter> of(Block root) {
        Map<String, Parameter> paths = new LinkedHashMap<>();
        collect(root, "", paths);
        return paths;
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> paths) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            String path = prefix + p.getValue().getName();
            if (paths.put(path, p.getValue()) != null) {
                throw new IllegalStateException("two parameters share the path '" + path + "'");
            }
        }
        int position = 1;
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), prefix + childName(child.getKey(), position) + ".", paths);
            position++;
        }
    }

    private static String childName(String key, int position) {
        String index = String.format(Locale.ROOT, "%02d", position);
        if (!key.startsWith(index)) {
            throw new IllegalStateException(
                    "child key '" + key + "' does not start with its DJL index " + index);
        }
        return key.substring(index.length());
    }
}
