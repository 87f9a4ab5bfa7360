package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.attnvision.attention.ParameterValues;
import dev.attnvision.core.model.StoredModel;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Network interpolation (Wang et al. 2018, ESRGAN, arXiv:1809.00219, section 3.4): for two networks of one
 * architecture, one fine-tuned from the other, {@code θ = (1 - α) θ_base + α θ_tuned} parameter by parameter gives a
 * network between them. Real-ESRGAN's {@code --denoise_strength} blends a denoising model with a gentler one this way;
 * attnvision blends a real-photo model ({@code α = 1}: full restoration) with the clean model it started from
 * ({@code α = 0}: only upscaling).
 */
public final class NetworkInterpolation {
    private NetworkInterpolation() {}

    /**
     * {@code tuned}'s network loaded into {@code manager} (parameters verified and frozen) and blended with {@code
     * base}'s by {@link #blend}; {@code base} is loaded only for the blend and released. A {@code base} of fewer
     * blocks, from which {@code tuned} was grown, is grown the same way first ({@link Net2NetDeepening}).
     */
    public static A2n load(StoredModel tuned, StoredModel base, double strength, NDManager manager)
            throws IOException {
        A2n network = tuned.loadA2n(manager);
        try (NDManager scratch = manager.newSubManager()) {
            blend(network, Net2NetDeepening.grown(base.loadA2n(scratch), network.config(), scratch), strength);
        }
        return network;
    }

    /**
     * Overwrites every parameter of {@code tuned} with {@code (1 - strength) base + strength tuned}.
     *
     * @throws IllegalArgumentException if {@code strength} is outside [0, 1] or the networks' parameters differ in
     *     names or shapes
     */
    public static void blend(Block tuned, Block base, double strength) {
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("the strength must be in [0, 1], got " + strength);
        }
        Map<String, Parameter> baseParameters = base.getParameters().stream()
                .collect(Collectors.toMap(Pair::getKey, Pair::getValue));
        if (baseParameters.size() != tuned.getParameters().size()) {
            throw new IllegalArgumentException("the networks have " + tuned.getParameters().size() + " and "
                    + baseParameters.size() + " parameters; only networks of one architecture can be blended");
        }
        for (Pair<String, Parameter> entry : tuned.getParameters()) {
            Parameter other = baseParameters.get(entry.getKey());
            NDArray target = entry.getValue().getArray();
            if (other == null || !other.getArray().getShape().equals(target.getShape())) {
                throw new IllegalArgumentException("parameter " + entry.getKey() + " " + target.getShape()
                        + " has no counterpart of that shape; only networks of one architecture can be blended");
            }
            try (NDManager scratch = target.getManager().newSubManager()) {
                NDArray a = other.getArray().mul(1 - strength);
                NDArray b = target.mul(strength);
                NDArray blended = a.add(b);
                for (NDArray temporary : new NDArray[] {a, b, blended}) {
                    temporary.attach(scratch);
                }
                ParameterValues.assign(target, blended);
            }
        }
    }
}
