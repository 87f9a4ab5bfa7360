package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;

/** Runs a block's maths so that its temporaries are freed when the maths returns. */
public final class ForwardScope {

    private ForwardScope() {}

    /**
     * Applies {@code body} to {@code input} inside a sub-manager of the input's manager.
     *
     * <p>While {@code body} runs, {@code input} is temporarily attached to the sub-manager, so every
     * array derived from it lands there and is closed afterwards; the input itself goes back to its
     * manager. The result is attached to the input's manager. Autograd keeps what it needs of the
     * closed temporaries, so gradients still flow.
     *
     * @param input the block input
     * @param body the maths; must return a new array, not {@code input}
     * @return the result, owned by the input's manager
     */
    public static NDArray apply(NDArray input, UnaryOperator<NDArray> body) {
        NDManager owner = input.getManager();
        try (NDManager scope = owner.newSubManager()) {
            input.tempAttach(scope);
            NDArray out = body.apply(input);
            out.attach(owner);
            return out;
        }
    }

    /**
     * A view of a shared array (a parameter) owned by {@code scope}, for use in maths run in that scope: arrays
     * derived from it land in the scope, and the shared array itself is never attached elsewhere, even for a
     * while, so forward passes of one network on several threads at once do not disturb each other. Gradients
     * flow through the view to the shared array.
     */
    public static NDArray local(NDArray shared, NDManager scope) {
        NDArray view = shared.reshape(shared.getShape());
        view.attach(scope);
        return view;
    }
}
