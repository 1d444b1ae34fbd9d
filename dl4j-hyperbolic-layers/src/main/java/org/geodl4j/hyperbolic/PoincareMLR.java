package org.geodl4j.hyperbolic;

import java.util.Map;

import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hyperbolic multinomial logistic regression on the Poincaré ball, as an output layer: the logit of class {@code k}
 * is {@code 2||z_k||} times the signed distance from the input point to the class hyperplane (Ganea, Bécigneul &amp;
 * Hofmann, "Hyperbolic Neural Networks", NeurIPS 2018, §3.1, in the unidirectional parameterisation of Shimizu,
 * Mukuta &amp; Harada, "Hyperbolic Neural Networks++", ICLR 2021, Eq. 6 — {@link PoincareBall#mlrLogits}):
 * <pre>  logit_k(x) = (2||z_k||/sqrt(c)) arsinh( (2 sqrt(c) &lt;x, z_k/||z_k||&gt; cosh(2 sqrt(c) r_k)
 *                                        - (1 + c||x||^2) sinh(2 sqrt(c) r_k)) / (1 - c||x||^2) )</pre>
 * then the layer's activation and loss (softmax + MCXENT by default; any DL4J {@code IActivation}/{@code ILossFunction},
 * e.g. sigmoid + XENT for one-vs-rest). Input: ball points {@code [N, nIn]} (e.g. from {@link PoincareExpMap0},
 * {@link PoincareLinear} or trained Poincaré embeddings).
 *
 * <p>Parameters (Euclidean, as in HNN++): {@code z} weight-normalised, direction {@code V [nIn, nOut]} and gain
 * {@code g [1, nOut]} ({@code z_k = g_k V_k/||V_k||}), and offsets {@code r [1, nOut]} (a bias; the hyperplane of class
 * {@code k} passes at signed distance {@code r_k} from the origin). Initialisation (HNN++ {@code UnidirectionalPoincareMLR}):
 * {@code V ~ N(0, (nIn^{-1/2}/sqrt(c))^2)}, {@code g = ||V_k||}, {@code r = 0}; the layer's {@code weightInit} is not
 * used. The curvature is fixed or trainable ({@link Curvature}).
 *
 * <p>Convention: Ganea et al. parameterise each class by a ball point {@code p_k} and a tangent normal {@code a_k};
 * HNN++'s {@code (z_k, r_k)} spans the same family of hyperplanes with Euclidean parameters only, so any updater
 * works (no parameter lives on the manifold).
 */
public class PoincareMLR extends HyperbolicOutputLayer {

    private static final long serialVersionUID = 1L;

    /** Direction of the hyperplane normals, {@code [nIn, nOut]}. */
    public static final String DIRECTION = "V";
    /** Norm (gain) of the hyperplane normals, {@code [1, nOut]}. */
    public static final String GAIN = "g";
    /** Hyperplane offsets, {@code [1, nOut]} (bias). */
    public static final String OFFSET = "r";

    private PoincareMLR() {
    }

    private PoincareMLR(Builder b) {
        super(b);
        if (b.nOut() <= 0) {
            throw new IllegalArgumentException(describe() + ": nOut (number of classes) must be positive, got "
                    + b.nOut());
        }
    }

    @Override
    protected void declareParameters(GeoLayerParams params) {
        params.addWeightParam(DIRECTION, getNIn(), getNOut());
        params.addWeightParam(GAIN, 1, getNOut());
        params.addBiasParam(OFFSET, 1, getNOut());
    }

    @Override
    protected void initializeLayerParameters(Map<String, INDArray> params) {
        INDArray v = params.get(DIRECTION);
        double std = 1.0 / Math.sqrt(getNIn()) / Math.sqrt(getCurvature());
        v.assign(Nd4j.randn(v.dataType(), v.shape()).muli(std));
        params.get(GAIN).assign(v.norm2(true, 0));
        params.get(OFFSET).assign(0);
    }

    @Override
    protected SDVariable definePreOutput(GeoLayerContext ctx, SDVariable x, SDVariable c) {
        SDVariable v = ctx.param(DIRECTION);
        SDVariable vNorm = ctx.sameDiff().math.sqrt(v.mul(v).sum(true, 0).add(1e-30));
        SDVariable z = v.mul(ctx.param(GAIN).mul(vNorm.rdiv(1.0)));
        return PoincareBall.mlrLogits(PoincareBall.projx(x, c), z, ctx.param(OFFSET), c);
    }

    @Override
    protected PointSpace inputSpace() {
        return PointSpace.POINCARE;
    }

    /** A builder ({@code nOut} required; curvature 1, fixed; softmax + MCXENT by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link PoincareMLR}. */
    public static final class Builder extends HyperbolicOutputLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public PoincareMLR build() {
            return new PoincareMLR(this);
        }
    }
}
