package org.geodl4j.hyperbolic;

import java.util.Map;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hyperbolic linear layer of Ganea, Bécigneul &amp; Hofmann, "Hyperbolic Neural Networks", NeurIPS 2018
 * (arXiv:1805.09112), Eqs. 25–27, on the Poincaré ball:
 * <pre>  y = phi^⊗( (M ⊗ x) ⊕ b ),   M ⊗ x = exp_0(log_0(x)·W),   phi^⊗(h) = exp_0(phi(log_0(h)))</pre>
 * with {@code W [nIn, nOut]} a Euclidean weight (the layer's {@code weightInit}, Xavier by default) and {@code b [1, nOut]}
 * a <b>point of the ball</b> (initialised at the origin), declared through {@link #manifoldOf} so that a Riemannian
 * updater (RiemannianSgd/RiemannianAdam) moves it along the ball; {@code phi} is the optional activation.
 * Input and output: ball points ({@code PoincareExpMap0} maps Euclidean features in).
 *
 * <p>Convention: geoopt's MobiusLinear example initialises {@code W} as identity plus {@code U(0, 1e-3)}; here the
 * DL4J weight initialisation applies. With a plain (Euclidean) updater on {@code b} the step can leave the ball; the
 * forward pass re-projects it, but use a Riemannian updater as the paper does.
 */
public class MobiusLinear extends LinearHyperbolicLayer {

    private static final long serialVersionUID = 1L;

    /** Weight parameter name, {@code [nIn, nOut]}. */
    public static final String WEIGHT = "W";
    /** Bias parameter name, {@code [1, nOut]}, a point of the ball. */
    public static final String BIAS = "b";

    private MobiusLinear() {
    }

    private MobiusLinear(Builder b) {
        super(b);
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
        initWeight(WEIGHT, params.get(WEIGHT), getNIn(), getNOut());
        if (isHasBias()) {
            params.get(BIAS).assign(0);
        }
    }

    @Override
    protected SDVariable definePoints(GeoLayerContext ctx, SDVariable x, SDVariable c) {
        SDVariable h = PoincareBall.mobiusMatVec(ctx.param(WEIGHT), x, c);
        if (isHasBias()) {
            h = PoincareBall.mobiusAdd(h, PoincareBall.projx(ctx.param(BIAS), c), c);
        }
        return PointSpace.POINCARE.tangentActivation(h, getActivation(), c);
    }

    /** {@code b} lives on the ball of the (initial) curvature; {@code W} is Euclidean. */
    @Override
    public Manifold manifoldOf(String paramName) {
        return BIAS.equals(paramName) ? new PoincareBall(getCurvature()) : Euclidean.INSTANCE;
    }

    @Override
    protected PointSpace inputSpace() {
        return PointSpace.POINCARE;
    }

    @Override
    protected PointSpace outputSpace() {
        return PointSpace.POINCARE;
    }

    /** A builder ({@code nOut} required; curvature 1, fixed; with bias; no activation by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link MobiusLinear}. */
    public static final class Builder extends LinearHyperbolicLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public MobiusLinear build() {
            return new MobiusLinear(this);
        }
    }
}
