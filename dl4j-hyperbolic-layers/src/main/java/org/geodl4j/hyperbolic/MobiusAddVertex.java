package org.geodl4j.hyperbolic;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoVertexContext;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hyperbolic residual connection for ComputationGraph: the Möbius sum of two Poincaré-ball branches,
 * <pre>  out = projx(x ⊕ y),   x ⊕ y = [(1 + 2c&lt;x,y&gt; + c||y||^2) x + (1 - c||x||^2) y] / (1 + 2c&lt;x,y&gt; + c^2||x||^2||y||^2)</pre>
 * (Ganea et al., NeurIPS 2018, §2.2; {@link PoincareBall#mobiusAdd}; van Spengler et al. 2023 use it for Poincaré
 * ResNet skips). Inputs: two feed-forward ball points {@code [N, D]} of one width, in the order given to
 * {@code addVertex(name, vertex, x, y)} (Möbius addition is not commutative). The curvature is fixed or trainable
 * ({@link Curvature}; the trainable one is the vertex's only parameter).
 */
public class MobiusAddVertex extends PoincareVertex {

    private static final long serialVersionUID = 1L;

    /** For Jackson. */
    private MobiusAddVertex() {
    }

    /**
     * @param curvature          {@code c > 0} (initial value when trainable)
     * @param trainableCurvature whether {@code c = softplus(rawCurvature)} is trained
     */
    public MobiusAddVertex(double curvature, boolean trainableCurvature) {
        super(curvature, trainableCurvature);
    }

    /** Fixed curvature {@code c}. */
    public MobiusAddVertex(double curvature) {
        this(curvature, false);
    }

    @Override
    protected SDVariable define(GeoVertexContext ctx) {
        SDVariable c = curvature(ctx);
        return PoincareBall.mobiusAdd(PoincareBall.projx(ctx.input(0), c), PoincareBall.projx(ctx.input(1), c), c);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... in) throws InvalidInputTypeException {
        if (in.length != 2 || !(in[0] instanceof InputType.InputTypeFeedForward) || !in[0].equals(in[1])) {
            throw new InvalidInputTypeException("MobiusAddVertex: expected two feed-forward inputs of one width, got "
                    + Arrays.toString(in));
        }
        return in[0];
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    /** Two {@code [N, D]} inputs of one shape, finite, inside the ball (when {@code c} is fixed). */
    @Override
    public void validateInput(INDArray[] input) {
        String who = getClass().getSimpleName();
        if (input.length != 2 || input[0].rank() != 2 || !Arrays.equals(input[0].shape(), input[1].shape())) {
            throw new IllegalArgumentException(who + ": expected two inputs [minibatch, D] of one shape, got "
                    + Arrays.toString(Arrays.stream(input).map(a -> Arrays.toString(a.shape())).toArray()));
        }
        for (INDArray in : input) {
            checkOnBall(in);
        }
    }
}
