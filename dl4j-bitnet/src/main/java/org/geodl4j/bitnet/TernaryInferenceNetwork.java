package org.geodl4j.bitnet;

import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A feed-forward inference model produced by {@link TernaryExport}: a chain of stages, each either a packed ternary
 * layer ({@link PackedBitLinear} followed by its activation) or an ordinary DL4J layer run in inference mode.
 *
 * <p>Convention: same input/output as the source network's {@code output(x, false)}; not thread-safe for concurrent
 * {@link #output} calls that share DL4J layers.
 */
public final class TernaryInferenceNetwork implements AutoCloseable {

    /** One step of the chain. */
    static final class Stage {
        final InputPreProcessor preProcessor;
        final PackedBitLinear packed;
        final Activation activation;
        final Layer layer;

        private Stage(InputPreProcessor preProcessor, PackedBitLinear packed, Activation activation, Layer layer) {
            this.preProcessor = preProcessor;
            this.packed = packed;
            this.activation = activation;
            this.layer = layer;
        }

        static Stage packed(InputPreProcessor pre, PackedBitLinear packed, Activation activation) {
            return new Stage(pre, packed, activation, null);
        }

        static Stage dl4j(InputPreProcessor pre, Layer layer) {
            return new Stage(pre, null, null, layer);
        }
    }

    private final List<Stage> stages;
    private final TernaryMatMul kernel;

    TernaryInferenceNetwork(List<Stage> stages, int threads) {
        this.stages = List.copyOf(stages);
        this.kernel = new TernaryMatMul(threads);
    }

    /**
     * Runs the chain.
     *
     * @param x network input
     * @return network output
     */
    public INDArray output(INDArray x) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray a = x;
        for (Stage s : stages) {
            if (s.preProcessor != null) {
                a = s.preProcessor.preProcess(a, (int) a.size(0), mgr);
            }
            if (s.packed != null) {
                a = s.activation.getActivationFunction().getActivation(s.packed.output(a, kernel), false);
            } else {
                a = s.layer.activate(a, false, mgr).dup();
            }
        }
        return a;
    }

    /** @return the packed layers in order */
    public List<PackedBitLinear> packedLayers() {
        return stages.stream().filter(s -> s.packed != null).map(s -> s.packed)
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                        Collections::unmodifiableList));
    }

    /** @return bytes held by the packed layers (codes, scales, biases) */
    public long packedBytes() {
        return packedLayers().stream().mapToLong(PackedBitLinear::sizeInBytes).sum();
    }

    /** @return the kernel (for timing) */
    public TernaryMatMul kernel() {
        return kernel;
    }

    /** Stops the kernel's worker threads. */
    @Override
    public void close() {
        kernel.close();
    }
}
