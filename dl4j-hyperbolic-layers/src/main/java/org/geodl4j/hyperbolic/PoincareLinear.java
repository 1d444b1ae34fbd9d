package org.geodl4j.hyperbolic;

import java.util.Map;

import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Poincaré fully-connected layer of Shimizu, Mukuta &amp; Harada, "Hyperbolic Neural Networks++", ICLR 2021
 * (arXiv:2006.08210), Eq. 9: the output's coordinates are the (scaled) signed distances of the input to {@code nOut}
 * hyperplanes,
 * <pre>  v_k(x) = (2||z_k||/sqrt(c)) arsinh(sqrt(c) lambda_x <x, z_k/||z_k||> cosh(2 sqrt(c) r_k) - (lambda_x - 1) sinh(2 sqrt(c) r_k))
 *   w = sinh(sqrt(c) v)/sqrt(c),   y = w / (1 + sqrt(1 + c||w||^2))</pre>
 * ({@link PoincareBall#mlrLogits}, {@link PoincareBall#pointFromHyperplaneDistances}), then the optional activation in
 * the tangent space at the origin. Parameters are Euclidean, as in HNN++: {@code z} weight-normalised
 * ({@code z_k = g_k v_k/||v_k||}, Salimans &amp; Kingma 2016) with direction {@code V [nIn, nOut]} and gain
 * {@code g [1, nOut]}, and offsets {@code r [1, nOut]} (the bias; without bias {@code r = 0}).
 *
 * <p>Initialisation (HNN++ code, {@code PoincareLinear.reset_parameters}): {@code V ~ N(0, (2 nIn nOut)^{-1/2})},
 * {@code g = ||V_k||}, {@code r = 0}. The layer's {@code weightInit} is not used.
 *
 * <p>Convention: HypLL and poincare-resnet initialise {@code z = I/2} when {@code nIn <= nOut}; with that choice the
 * layer is the identity map at initialisation ({@code mlrLogits(pointFromHyperplaneDistances(v), I, 0) = 2v}).
 */
public class PoincareLinear extends LinearHyperbolicLayer {

    private static final long serialVersionUID = 1L;

    /** Direction of the hyperplane normals, {@code [nIn, nOut]}. */
    public static final String DIRECTION = "V";
    /** Norm (gain) of the hyperplane normals, {@code [1, nOut]}. */
    public static final String GAIN = "g";
    /** Hyperplane offsets, {@code [1, nOut]} (bias). */
    public static final String OFFSET = "r";

    private PoincareLinear() {
    }

    private PoincareLinear(Builder b) {
        super(b);
    }

    @Override
    protected void declareParameters(GeoLayerParams params) {
        params.addWeightParam(DIRECTION, getNIn(), getNOut());
        params.addWeightParam(GAIN, 1, getNOut());
        if (isHasBias()) {
            params.addBiasParam(OFFSET, 1, getNOut());
        }
    }

    @Override
    protected void initializeLayerParameters(Map<String, INDArray> params) {
        INDArray v = params.get(DIRECTION);
        double std = 1.0 / Math.sqrt(2.0 * getNIn() * getNOut());
        v.assign(Nd4j.randn(v.dataType(), v.shape()).muli(std));
        params.get(GAIN).assign(v.norm2(true, 0));
        if (isHasBias()) {
            params.get(OFFSET).assign(0);
        }
    }

    @Override
    protected SDVariable definePoints(GeoLayerContext ctx, SDVariable x, SDVariable c) {
        SDVariable v = ctx.param(DIRECTION);
        SDVariable vNorm = ctx.sameDiff().math.sqrt(v.mul(v).sum(true, 0).add(1e-30));
        SDVariable z = v.mul(ctx.param(GAIN).mul(vNorm.rdiv(1.0)));
        SDVariable r = isHasBias() ? ctx.param(OFFSET)
                : ctx.sameDiff().constant(Nd4j.zeros(ctx.dataType(), 1, getNOut()));
        SDVariable y = PoincareBall.pointFromHyperplaneDistances(PoincareBall.mlrLogits(x, z, r, c), c);
        return PointSpace.POINCARE.tangentActivation(y, getActivation(), c);
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

    /** Builder of {@link PoincareLinear}. */
    public static final class Builder extends LinearHyperbolicLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public PoincareLinear build() {
            return new PoincareLinear(this);
        }
    }
}
