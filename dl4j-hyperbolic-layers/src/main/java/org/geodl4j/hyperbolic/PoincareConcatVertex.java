package org.geodl4j.hyperbolic;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoVertexContext;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Poincaré β-concatenation for ComputationGraph (Shimizu, Mukuta &amp; Harada, "Hyperbolic Neural Networks++", ICLR
 * 2021, §3.3): inputs {@code x_i} in the balls {@code D^{n_i}} are mapped to the tangent space at the origin, rescaled
 * so the concatenation keeps the expected norm, concatenated and mapped back,
 * <pre>  u_i = log_0(x_i) B(n/2, 1/2) / B(n_i/2, 1/2),   out = exp_0(concat(u_1, ..., u_k)),   n = sum n_i</pre>
 * with {@code B} the beta function ({@code B(m/2, 1/2)/B(n/2, 1/2) = r(m)/r(n)}, {@code r(n) = Γ(n/2)/Γ((n+1)/2)},
 * computed exactly by {@code r(n+2) = r(n) n/(n+1)}). Inputs: feed-forward ball points {@code [N, n_i]}, any number
 * (≥ 2); output {@code [N, n]}. The curvature is fixed or trainable ({@link Curvature}).
 */
public class PoincareConcatVertex extends PoincareVertex {

    private static final long serialVersionUID = 1L;

    /** For Jackson. */
    private PoincareConcatVertex() {
    }

    /**
     * @param curvature          {@code c > 0} (initial value when trainable)
     * @param trainableCurvature whether {@code c = softplus(rawCurvature)} is trained
     */
    public PoincareConcatVertex(double curvature, boolean trainableCurvature) {
        super(curvature, trainableCurvature);
    }

    /** Fixed curvature {@code c}. */
    public PoincareConcatVertex(double curvature) {
        this(curvature, false);
    }

    @Override
    protected SDVariable define(GeoVertexContext ctx) {
        SDVariable c = curvature(ctx);
        long[] widths = new long[ctx.inputs().size()];
        long n = 0;
        for (int i = 0; i < widths.length; i++) {
            widths[i] = ctx.input(i).getShape()[1];
            n += widths[i];
        }
        SDVariable[] u = new SDVariable[widths.length];
        for (int i = 0; i < widths.length; i++) {
            u[i] = PoincareBall.logmap0(PoincareBall.projx(ctx.input(i), c), c).mul(betaRatio(n, widths[i]));
        }
        return PoincareBall.expmap0(ctx.sameDiff().concat(1, u), c);
    }

    /** {@code B(n/2, 1/2) / B(m/2, 1/2) = r(n)/r(m)}, {@code r(k) = Γ(k/2)/Γ((k+1)/2)}. */
    public static double betaRatio(long n, long m) {
        return gammaHalfRatio(n) / gammaHalfRatio(m);
    }

    /** {@code r(k) = Γ(k/2)/Γ((k+1)/2)} for {@code k >= 1}: {@code r(1) = sqrt(pi)}, {@code r(2) = 2/sqrt(pi)}, {@code r(k+2) = r(k) k/(k+1)}. */
    static double gammaHalfRatio(long k) {
        double r = k % 2 == 1 ? Math.sqrt(Math.PI) : 2 / Math.sqrt(Math.PI);
        for (long j = k % 2 == 1 ? 1 : 2; j < k; j += 2) {
            r *= (double) j / (j + 1);
        }
        return r;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... in) throws InvalidInputTypeException {
        long n = 0;
        for (InputType t : in) {
            if (!(t instanceof InputType.InputTypeFeedForward)) {
                throw new InvalidInputTypeException("PoincareConcatVertex: expected feed-forward inputs, got "
                        + Arrays.toString(in));
            }
            n += ((InputType.InputTypeFeedForward) t).getSize();
        }
        return InputType.feedForward(n);
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return Integer.MAX_VALUE;
    }

    /** Rank-2 inputs with one minibatch size, finite, inside the ball (when {@code c} is fixed). */
    @Override
    public void validateInput(INDArray[] input) {
        String who = getClass().getSimpleName();
        for (INDArray in : input) {
            if (in.rank() != 2 || in.size(0) != input[0].size(0)) {
                throw new IllegalArgumentException(who + ": expected inputs [minibatch, n_i] with one minibatch size,"
                        + " got " + Arrays.toString(Arrays.stream(input).map(a -> Arrays.toString(a.shape())).toArray()));
            }
            checkOnBall(in);
        }
    }
}
