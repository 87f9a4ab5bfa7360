package dev.attnvision.core.torchscript;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A TorchScript module compiled by libtorch from source ({@link TorchScriptArchive}) and called with arrays: a whole
 * computation runs inside the engine in one call, in types DJL's arrays cannot hold (bfloat16 on DJL 0.35.1, whose
 * engine aborts the process when such an array is made), as long as its arguments and result are float arrays.
 *
 * <p>A module is meant for one thread at a time, like a DJL {@code Predictor}; it holds native memory until closed.
 */
public final class TorchScriptModule implements AutoCloseable {
    private final PtNDManager manager;
    private final PtSymbolBlock module;

    /**
     * Compiles a module.
     *
     * @param name its class name
     * @param forward its {@code forward} method, as {@link TorchScriptArchive#of} takes it
     */
    public TorchScriptModule(String name, String forward) {
        manager = (PtNDManager) NDManager.newBaseManager("PyTorch");
        try {
            module = JniUtils.loadModule(manager, new ByteArrayInputStream(TorchScriptArchive.of(name, forward)),
                    false, false);
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException("libtorch could not read the TorchScript module " + name, e);
        }
    }

    /**
     * Runs {@code forward} on the arrays, which must all be PyTorch arrays.
     *
     * @param into the manager the result is attached to
     * @param inputs the arguments, in order
     * @return the tensor {@code forward} returns
     */
    public NDArray call(NDManager into, NDArray... inputs) {
        IValue[] arguments = new IValue[inputs.length];
        try {
            for (int i = 0; i < inputs.length; i++) {
                arguments[i] = IValue.from((PtNDArray) inputs[i]);
            }
            try (IValue result = module.forward(arguments)) {
                return result.toTensor((PtNDManager) into);
            }
        } finally {
            for (IValue argument : arguments) {
                if (argument != null) {
                    argument.close();
                }
            }
        }
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
