package org.geodl4j.hyperbolic;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoLayerParams;
import org.geodl4j.nn.GeoSameDiffVertex;
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
public class MobiusAddVertex extends GeoSameDiffVertex {

    private static final long serialVersionUID = 1L;

    private double curvature = Curvature.DEFAULT;
    private boolean trainableCurvature;

    /** For Jackson. */
    private MobiusAddVertex() {
    }

    /**
     * @param curvature          {@code c > 0} (initial value when trainable)
     * @param trainableCurvature whether {@code c = softplus(rawCurvature)} is trained
     */
    public MobiusAddVertex(double curvature, boolean trainableCurvature) {
        this.curvature = Curvature.check(curvature, "MobiusAddVertex");
        this.trainableCurvature = trainableCurvature;
    }

    /** Fixed curvature {@code c}. */
    public MobiusAddVertex(double curvature) {
        this(curvature, false);
    }

    @Override
    public void defineParameters(GeoLayerParams params) {
        if (trainableCurvature) {
            params.addBiasParam(Curvature.RAW_PARAM, 1, 1);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        if (trainableCurvature) {
            params.get(Curvature.RAW_PARAM).assign(Curvature.rawOf(curvature));
        }
    }

    @Override
    protected SDVariable define(GeoVertexContext ctx) {
        SDVariable c = Curvature.define(ctx.sameDiff(), ctx.dataType(), curvature,
                trainableCurvature ? ctx.param(Curvature.RAW_PARAM) : null);
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
            PointSpace.POINCARE.checkPoints(in, trainableCurvature ? Double.NaN : curvature, who);
        }
    }

    /** The (initial, if trainable) curvature. */
    public double getCurvature() {
        return curvature;
    }

    /** For Jackson. */
    public void setCurvature(double curvature) {
        this.curvature = Curvature.check(curvature, "MobiusAddVertex");
    }

    /** Whether the curvature is trained. */
    public boolean isTrainableCurvature() {
        return trainableCurvature;
    }

    /** For Jackson. */
    public void setTrainableCurvature(boolean trainableCurvature) {
        this.trainableCurvature = trainableCurvature;
        setVertexParams(null);
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        MobiusAddVertex v = (MobiusAddVertex) o;
        return Double.compare(curvature, v.curvature) == 0 && trainableCurvature == v.trainableCurvature;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), curvature, trainableCurvature);
    }
}
