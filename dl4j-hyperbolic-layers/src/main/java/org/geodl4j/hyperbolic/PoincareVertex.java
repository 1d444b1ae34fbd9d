package org.geodl4j.hyperbolic;

import java.util.Map;
import java.util.Objects;

import org.geodl4j.nn.GeoLayerParams;
import org.geodl4j.nn.GeoSameDiffVertex;
import org.geodl4j.nn.GeoVertexContext;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of the ComputationGraph vertices that combine Poincaré-ball branches ({@link MobiusAddVertex},
 * {@link PoincareConcatVertex}): it holds the curvature setting — fixed, or trainable as {@code c = softplus(raw)}
 * ({@link Curvature}; the raw value is then the vertex's only parameter) — its JSON properties, equality, and the
 * on-ball check of the inputs. A subclass defines only its formula, input types and shape checks.
 */
public abstract class PoincareVertex extends GeoSameDiffVertex {

    private static final long serialVersionUID = 1L;

    private double curvature = Curvature.DEFAULT;
    private boolean trainableCurvature;

    /** For Jackson. */
    protected PoincareVertex() {
    }

    /**
     * @param curvature          {@code c > 0} (initial value when trainable)
     * @param trainableCurvature whether {@code c = softplus(rawCurvature)} is trained
     */
    protected PoincareVertex(double curvature, boolean trainableCurvature) {
        this.curvature = Curvature.check(curvature, getClass().getSimpleName());
        this.trainableCurvature = trainableCurvature;
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

    /** The curvature as a SameDiff variable of this graph: a constant, or {@code softplus} of the trained parameter. */
    protected SDVariable curvature(GeoVertexContext ctx) {
        return Curvature.define(ctx.sameDiff(), ctx.dataType(), curvature,
                trainableCurvature ? ctx.param(Curvature.RAW_PARAM) : null);
    }

    /** Finite and inside the ball of the fixed curvature (only finite when the curvature is trained). */
    protected void checkOnBall(INDArray points) {
        PointSpace.POINCARE.checkPoints(points, trainableCurvature ? Double.NaN : curvature,
                getClass().getSimpleName());
    }

    /** The (initial, if trainable) curvature. */
    public double getCurvature() {
        return curvature;
    }

    /** For Jackson. */
    public void setCurvature(double curvature) {
        this.curvature = Curvature.check(curvature, getClass().getSimpleName());
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
        PoincareVertex v = (PoincareVertex) o;
        return Double.compare(curvature, v.curvature) == 0 && trainableCurvature == v.trainableCurvature;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), curvature, trainableCurvature);
    }
}
