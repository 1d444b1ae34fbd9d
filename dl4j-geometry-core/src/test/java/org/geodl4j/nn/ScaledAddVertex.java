package org.geodl4j.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.geodl4j.manifold.PoincareBall;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test vertex on {@link GeoSameDiffVertex}:
 * <pre>  out = (scale · (x_0 + x_1 + … + x_{n-1})  [+ shift])  [⊙ mask_0]</pre>
 * with a learnable scalar {@code scale [1, 1]} (weight, initialised to {@code initialScale}) and, when
 * {@code shiftDim > 0}, a bias {@code shift [1, shiftDim]} declared on the Poincaré ball of curvature
 * {@link BallDenseLayer#C} (initialised inside it). With {@code initialScale = 1} and no shift it is DL4J's
 * {@code ElementWiseVertex(Add)}.
 */
public class ScaledAddVertex extends GeoSameDiffVertex {

    private static final long serialVersionUID = 1L;

    private double initialScale = 1.0;
    private long shiftDim;

    private ScaledAddVertex() {
    }

    public ScaledAddVertex(double initialScale, long shiftDim) {
        this.initialScale = initialScale;
        this.shiftDim = shiftDim;
    }

    @Override
    public void defineParameters(GeoLayerParams params) {
        params.addWeightParam("scale", 1, 1);
        if (shiftDim > 0) {
            params.addBiasParam("shift", 1, shiftDim);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("scale").assign(initialScale);
        if (shiftDim > 0) {
            INDArray s = params.get("shift");
            for (int j = 0; j < shiftDim; j++) {
                s.putScalar(0, j, -0.2 + 0.5 * j / Math.max(1, shiftDim - 1));
            }
        }
    }

    @Override
    protected SDVariable define(GeoVertexContext ctx) {
        SDVariable sum = ctx.input(0);
        for (int i = 1; i < ctx.inputs().size(); i++) {
            sum = sum.add(ctx.input(i));
        }
        SDVariable out = sum.mul(ctx.param("scale"));
        out = shiftDim > 0 ? out.add(ctx.param("shift")) : out;
        return ctx.mask(0) == null ? out : out.mul(ctx.mask(0));     // zero masked examples, as DL4J layers do
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        return vertexInputs[0];
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public void validateInput(INDArray[] input) {
        for (INDArray in : input) {
            if (!Arrays.equals(in.shape(), input[0].shape())) {
                throw new IllegalArgumentException("all inputs must have one shape, got "
                        + Arrays.toString(input[0].shape()) + " and " + Arrays.toString(in.shape()));
            }
        }
    }

    @Override
    public Manifold manifoldOf(String paramName) {
        return "shift".equals(paramName) ? new PoincareBall(BallDenseLayer.C) : Euclidean.INSTANCE;
    }

    public double getInitialScale() {
        return initialScale;
    }

    public void setInitialScale(double initialScale) {
        this.initialScale = initialScale;
    }

    public long getShiftDim() {
        return shiftDim;
    }

    public void setShiftDim(long shiftDim) {
        this.shiftDim = shiftDim;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        ScaledAddVertex v = (ScaledAddVertex) o;
        return Double.compare(initialScale, v.initialScale) == 0 && shiftDim == v.shiftDim;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), initialScale, shiftDim);
    }
}
