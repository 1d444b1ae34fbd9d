package org.geodl4j.bench;

import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.geodl4j.nn.GeoSameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Benchmark-only Euclidean layers on the project's SameDiff layer base ({@link GeoSameDiffLayer}, the base of every
 * hyperbolic layer), so that a hyperbolic layer's time splits into "SameDiff layer overhead" (this layer vs DL4J's
 * native {@code DenseLayer}/{@code BatchNormalization}) and "hyperbolic math" (the hyperbolic layer vs this layer):
 * <ul>
 *   <li>{@link Kind#DENSE}: {@code y = x·W + b} (one matmul and one add, as DL4J's {@code DenseLayer} with identity
 *       activation);</li>
 *   <li>{@link Kind#BATCH_NORM}: training-mode batch norm {@code y = (x − μ_B)·rsqrt(σ²_B + ε)·γ + β} with running mean
 *       and variance buffers updated by an EMA (as DL4J's {@code BatchNormalization} in training).</li>
 * </ul>
 */
public class SameDiffBaselineLayer extends GeoSameDiffLayer {

    private static final long serialVersionUID = 1L;

    /** The computation. */
    public enum Kind { DENSE, BATCH_NORM }

    private static final double EPS = 1e-5;
    private static final double MOMENTUM = 0.1;

    private Kind kind = Kind.DENSE;
    private long nIn;
    private long nOut;

    private SameDiffBaselineLayer() {
    }

    private SameDiffBaselineLayer(Builder b) {
        super(b);
        this.kind = b.kind;
        this.nIn = b.nIn;
        this.nOut = b.nOut;
    }

    /** A dense baseline {@code x·W + b} with {@code nOut} outputs. */
    public static SameDiffBaselineLayer dense(long nOut) {
        Builder b = new Builder();
        b.kind = Kind.DENSE;
        b.nOut = nOut;
        return new SameDiffBaselineLayer(b);
    }

    /** A batch-norm baseline (width inferred). */
    public static SameDiffBaselineLayer batchNorm() {
        Builder b = new Builder();
        b.kind = Kind.BATCH_NORM;
        return new SameDiffBaselineLayer(b);
    }

    @Override
    public void defineParameters(GeoLayerParams params) {
        if (kind == Kind.DENSE) {
            params.addWeightParam("W", nIn, nOut);
            params.addBiasParam("b", 1, nOut);
        } else {
            params.addWeightParam("gamma", 1, nIn);
            params.addBiasParam("beta", 1, nIn);
            params.addBuffer("runningMean", 1, nIn);
            params.addBuffer("runningVar", 1, nIn);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        if (kind == Kind.DENSE) {
            initWeight("W", params.get("W"), nIn, nOut);
            params.get("b").assign(0);
        } else {
            params.get("gamma").assign(1);
            params.get("beta").assign(0);
            params.get("runningMean").assign(0);
            params.get("runningVar").assign(1);
        }
    }

    @Override
    protected SDVariable define(GeoLayerContext ctx) {
        SDVariable x = ctx.input();
        if (kind == Kind.DENSE) {
            return x.mmul(ctx.param("W")).add(ctx.param("b"));
        }
        SDVariable mu;
        SDVariable var;
        if (ctx.training()) {
            mu = ctx.sameDiff().mean(x, true, 0);
            SDVariable d = x.sub(mu);
            var = ctx.sameDiff().mean(d.mul(d), true, 0);
            ctx.updateBuffer("runningMean", ctx.param("runningMean").mul(1 - MOMENTUM).add(mu.mul(MOMENTUM)));
            ctx.updateBuffer("runningVar", ctx.param("runningVar").mul(1 - MOMENTUM).add(var.mul(MOMENTUM)));
        } else {
            mu = ctx.param("runningMean");
            var = ctx.param("runningVar");
        }
        SDVariable inv = ctx.sameDiff().math().rsqrt(var.add(EPS));
        return x.sub(mu).mul(inv).mul(ctx.param("gamma")).add(ctx.param("beta"));
    }

    @Override
    protected void setNInFromInputType(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = ((InputType.InputTypeFeedForward) inputType).getSize();
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(kind == Kind.DENSE ? nOut : ((InputType.InputTypeFeedForward) inputType).getSize());
    }

    @Override
    public char paramReshapeOrder(String param) {
        return "W".equals(param) ? 'f' : 'c';
    }

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = kind;
    }

    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    public long getNOut() {
        return nOut;
    }

    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        SameDiffBaselineLayer l = (SameDiffBaselineLayer) o;
        return kind == l.kind && nIn == l.nIn && nOut == l.nOut;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), kind, nIn, nOut);
    }

    /** Builder (used through {@link #dense(long)} and {@link #batchNorm()}). */
    public static final class Builder extends GeoSameDiffLayer.Builder<Builder> {
        private Kind kind = Kind.DENSE;
        private long nIn;
        private long nOut;

        @Override
        @SuppressWarnings("unchecked")
        public SameDiffBaselineLayer build() {
            return new SameDiffBaselineLayer(this);
        }
    }
}
