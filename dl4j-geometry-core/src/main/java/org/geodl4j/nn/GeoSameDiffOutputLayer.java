package org.geodl4j.nn;

import java.util.Objects;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Base configuration of geodl4j output layers: the subclass defines the <em>pre-activation</em> {@code z} as a
 * SameDiff graph, exactly as a {@link GeoSameDiffLayer} defines its output (same parameters, buffers, training flag,
 * weight initialisation, dropout and parameter binding); the layer then applies a DL4J {@link IActivation} and scores
 * with a DL4J {@link ILossFunction}, as DL4J's {@code BaseOutputLayer} does:
 * <pre>
 *   z      = define(ctx)                      e.g. hyperbolic MLR logits from signed distances to hyperplanes
 *   preOut = z ⊙ m                            m = the layer's mask (labels mask) when present, as BaseOutputLayer
 *   out    = activation(preOut) ⊙ m           returned by activate / net.output (so Evaluation works)
 *   score  = loss(labels, preOut, activation, m) / minibatch + regularization
 *   dL/dz  = (∂loss/∂preOut) ⊙ m              then back through the graph as sum(z ⊙ dL/dz)
 * </pre>
 * Defaults: softmax activation and multi-class cross entropy ({@code MCXENT}), so {@code define} returns logits.
 *
 * <p>Example — a softmax regression (getters/setters, {@code equals}/{@code hashCode}, {@code setNInFromInputType},
 * {@code getOutputType} and the Builder omitted; see {@link GeoSameDiffLayer} for the full contract):
 * <pre>{@code
 * public class SoftmaxRegression extends GeoSameDiffOutputLayer {
 *     private long nIn, nOut;
 *     public void defineParameters(GeoLayerParams p) { p.addWeightParam("W", nIn, nOut); p.addBiasParam("b", 1, nOut); }
 *     public void initializeParameters(Map<String, INDArray> p) { initWeight("W", p.get("W"), nIn, nOut); p.get("b").assign(0); }
 *     protected SDVariable define(GeoLayerContext ctx) { return ctx.input().mmul(ctx.param("W")).add(ctx.param("b")); }
 * }
 * // new SoftmaxRegression.Builder().nOut(3).lossFunction(LossFunctions.LossFunction.MCXENT)
 * //         .activation(Activation.SOFTMAX).build()
 * }</pre>
 *
 * <p>Convention: {@link org.geodl4j.nn.GeoLayerContext#mask()} inside {@code define} is the mask DL4J set on the
 * output layer — the labels mask when one is given (per example {@code [mb, 1]} or per output, shaped like the
 * labels), else the propagated features mask; the masking above is applied by the base either way. Labels must have
 * the shape of {@code z}. The network adds this layer's regularization score (as for every geodl4j layer).
 */
public abstract class GeoSameDiffOutputLayer extends GeoSameDiffLayer {

    private static final long serialVersionUID = 1L;

    private ILossFunction lossFn = new LossMCXENT();
    private IActivation activationFn = new ActivationSoftmax();

    /** For Jackson: subclasses need a (private) no-arg constructor calling this. */
    protected GeoSameDiffOutputLayer() {
    }

    /** Copies the builder's settings, including loss function and activation. */
    protected GeoSameDiffOutputLayer(Builder<?> builder) {
        super(builder);
        this.lossFn = builder.lossFn;
        this.activationFn = builder.activationFn;
    }

    /**
     * Defines the pre-activation {@code z} (e.g. logits) of the layer; everything else as
     * {@link GeoSameDiffLayer#define(GeoLayerContext)}. The activation and loss are applied by the runtime.
     */
    @Override
    protected abstract SDVariable define(GeoLayerContext ctx);

    @Override
    GeoSameDiffLayerRuntime newRuntime(NeuralNetConfiguration conf, DataType networkDataType) {
        return new GeoSameDiffOutputLayerRuntime(conf, networkDataType);
    }

    // ---------------------------------------------------------------- bean properties (JSON)

    /** The loss function (DL4J's {@code BaseOutputLayer} property name {@code lossFn}). */
    public ILossFunction getLossFn() {
        return lossFn;
    }

    /** For Jackson and DL4J tooling. */
    public void setLossFn(ILossFunction lossFn) {
        this.lossFn = Objects.requireNonNull(lossFn, "lossFn");
    }

    /** The activation applied to the pre-activation {@code z} (property name {@code activationFn}, as DL4J). */
    public IActivation getActivationFn() {
        return activationFn;
    }

    /** For Jackson and DL4J tooling. */
    public void setActivationFn(IActivation activationFn) {
        this.activationFn = Objects.requireNonNull(activationFn, "activationFn");
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        GeoSameDiffOutputLayer that = (GeoSameDiffOutputLayer) o;
        return Objects.equals(lossFn, that.lossFn) && Objects.equals(activationFn, that.activationFn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), lossFn, activationFn);
    }

    /** Adds the loss function and the activation to {@link GeoSameDiffLayer.Builder}. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends GeoSameDiffLayer.Builder<T> {

        private ILossFunction lossFn = new LossMCXENT();
        private IActivation activationFn = new ActivationSoftmax();

        /** Loss function (default {@code MCXENT}). */
        public T lossFunction(ILossFunction lossFunction) {
            this.lossFn = Objects.requireNonNull(lossFunction, "lossFunction");
            return (T) this;
        }

        /** Loss function (default {@code MCXENT}). */
        public T lossFunction(LossFunctions.LossFunction lossFunction) {
            return lossFunction(Objects.requireNonNull(lossFunction, "lossFunction").getILossFunction());
        }

        /** Activation applied to the pre-activation (default softmax). */
        public T activation(IActivation activation) {
            this.activationFn = Objects.requireNonNull(activation, "activation");
            return (T) this;
        }

        /** Activation applied to the pre-activation (default softmax). */
        public T activation(Activation activation) {
            return activation(Objects.requireNonNull(activation, "activation").getActivationFunction());
        }
    }
}
