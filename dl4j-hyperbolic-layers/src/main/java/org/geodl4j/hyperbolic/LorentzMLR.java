package org.geodl4j.hyperbolic;

import java.util.Map;

import org.geodl4j.manifold.Lorentz;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multinomial logistic regression on the Lorentz hyperboloid, as an output layer (Bdéir, Schwethelm &amp; Landwehr,
 * "Fully Hyperbolic Convolutional Neural Networks for Computer Vision", ICLR 2024, HyperbolicCV {@code LorentzMLR};
 * {@link Lorentz#mlrLogits}): class {@code k} has an offset {@code a_k} and a normal {@code z_k in R^n}, and
 * <pre>  logit_k(x) = (||z_k||/sqrt(c)) arsinh( sqrt(c) (cosh(sqrt(c) a_k) &lt;x_s, z_k/||z_k||&gt; - sinh(sqrt(c) a_k) x_0) )</pre>
 * is {@code ||z_k||} times the signed distance from {@code x} to the class hyperplane (which passes at distance
 * {@code |a_k|} from the origin); then the layer's activation and loss (softmax + MCXENT by default, any DL4J loss).
 * Input: hyperboloid points {@code [N, n+1]}, time coordinate first (e.g. from {@link LorentzExpMap0} or
 * {@link LorentzLinear}); {@code nIn = n + 1}.
 *
 * <p>Parameters (Euclidean, as in HyperbolicCV): {@code z [n, nOut]} (weight) and {@code a [1, nOut]} (bias), both
 * initialised {@code U(-1/sqrt(n), 1/sqrt(n))}; the layer's {@code weightInit} is not used. The input's time
 * coordinate is recomputed from its space coordinates ({@code projx}) so that points of another curvature (a layer
 * below with its own trainable {@code c}) are valid input.
 */
public class LorentzMLR extends HyperbolicOutputLayer {

    private static final long serialVersionUID = 1L;

    /** Hyperplane normals (space part), {@code [nIn - 1, nOut]}. */
    public static final String NORMAL = "z";
    /** Hyperplane offsets, {@code [1, nOut]} (bias). */
    public static final String OFFSET = "a";

    private LorentzMLR() {
    }

    private LorentzMLR(Builder b) {
        super(b);
        if (b.nOut() <= 0) {
            throw new IllegalArgumentException(describe() + ": nOut (number of classes) must be positive, got "
                    + b.nOut());
        }
    }

    @Override
    protected void declareParameters(GeoLayerParams params) {
        params.addWeightParam(NORMAL, Math.max(getNIn() - 1, 0), getNOut());
        params.addBiasParam(OFFSET, 1, getNOut());
    }

    @Override
    protected void initializeLayerParameters(Map<String, INDArray> params) {
        if (getNIn() < 2) {
            throw new IllegalStateException(describe() + ": nIn is the full Lorentz width n + 1 and must be >= 2, got "
                    + getNIn());
        }
        double bound = 1.0 / Math.sqrt(getNIn() - 1);
        for (String p : new String[] {NORMAL, OFFSET}) {
            INDArray v = params.get(p);
            v.assign(Nd4j.rand(v.dataType(), v.shape()).muli(2 * bound).subi(bound));
        }
    }

    @Override
    protected SDVariable definePreOutput(GeoLayerContext ctx, SDVariable x, SDVariable c) {
        return Lorentz.mlrLogits(Lorentz.projx(x, c), ctx.param(NORMAL), ctx.param(OFFSET), c);
    }

    @Override
    protected PointSpace inputSpace() {
        return PointSpace.LORENTZ;
    }

    /** A builder ({@code nOut} required; curvature 1, fixed; softmax + MCXENT by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link LorentzMLR}. */
    public static final class Builder extends HyperbolicOutputLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public LorentzMLR build() {
            return new LorentzMLR(this);
        }
    }
}
