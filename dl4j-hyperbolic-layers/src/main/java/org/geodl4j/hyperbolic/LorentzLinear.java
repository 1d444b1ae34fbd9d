package org.geodl4j.hyperbolic;

import java.util.Map;

import org.geodl4j.manifold.Lorentz;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Lorentz fully-connected layer (LFC) of Bdéir, Schwethelm &amp; Landwehr, "Fully Hyperbolic Convolutional Neural
 * Networks for Computer Vision", ICLR 2024 (HyperbolicCV {@code LorentzFullyConnected}; after Chen et al., "Fully
 * Hyperbolic Neural Networks", ACL 2022): a Euclidean linear map of the whole {@code (n+1)}-vector whose time
 * coordinate is then recomputed so the result lies on the hyperboloid,
 * <pre>  y' = x·W + b,   y = (sqrt(||y'_s||^2 + 1/c), y'_s)      ({@link Lorentz#projx})</pre>
 * then the optional activation in the tangent space at the origin. {@code nIn} and {@code nOut} are full widths
 * (dimension + 1). Parameters are Euclidean: {@code W [nIn, nOut] ~ U(-0.02, 0.02)} (HyperbolicCV's init; the layer's
 * {@code weightInit} is not used), {@code b [1, nOut] = 0}.
 *
 * <p>Convention: HyperbolicCV applies ReLU to the space coordinates and recomputes the time; here the activation is
 * {@code exp_o(phi(log_o(y)))}, the same convention as the Poincaré layers. The output time column of {@code W}
 * has no effect (it is overwritten).
 */
public class LorentzLinear extends LinearHyperbolicLayer {

    private static final long serialVersionUID = 1L;

    /** Weight parameter name, {@code [nIn, nOut]}. */
    public static final String WEIGHT = "W";
    /** Bias parameter name, {@code [1, nOut]}. */
    public static final String BIAS = "b";
    /** Half-width of the uniform weight initialisation (HyperbolicCV). */
    public static final double INIT_RANGE = 0.02;

    private LorentzLinear() {
    }

    private LorentzLinear(Builder b) {
        super(b);
        if (getNOut() < 2) {
            throw new IllegalArgumentException(describe() + ": nOut is the full Lorentz width (dimension + 1) and must"
                    + " be >= 2, got " + getNOut());
        }
    }

    @Override
    protected void declareParameters(GeoLayerParams params) {
        params.addWeightParam(WEIGHT, getNIn(), getNOut());
        if (isHasBias()) {
            params.addBiasParam(BIAS, 1, getNOut());
        }
    }

    @Override
    protected void initializeLayerParameters(Map<String, INDArray> params) {
        INDArray w = params.get(WEIGHT);
        w.assign(Nd4j.rand(w.dataType(), w.shape()).muli(2 * INIT_RANGE).subi(INIT_RANGE));
        if (isHasBias()) {
            params.get(BIAS).assign(0);
        }
    }

    @Override
    protected SDVariable definePoints(GeoLayerContext ctx, SDVariable x, SDVariable c) {
        SDVariable y = x.mmul(ctx.param(WEIGHT));
        if (isHasBias()) {
            y = y.add(ctx.param(BIAS));
        }
        return PointSpace.LORENTZ.tangentActivation(Lorentz.projx(y, c), getActivation(), c);
    }

    @Override
    protected PointSpace inputSpace() {
        return PointSpace.LORENTZ;
    }

    @Override
    protected PointSpace outputSpace() {
        return PointSpace.LORENTZ;
    }

    /** A builder ({@code nOut} required, full width; curvature 1, fixed; with bias; no activation by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link LorentzLinear}. */
    public static final class Builder extends LinearHyperbolicLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public LorentzLinear build() {
            return new LorentzLinear(this);
        }
    }
}
