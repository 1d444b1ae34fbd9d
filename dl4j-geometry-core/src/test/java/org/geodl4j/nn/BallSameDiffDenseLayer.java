package org.geodl4j.nn;

import java.util.Map;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.geodl4j.manifold.PoincareBall;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * TEST-scope DL4J {@code SameDiffLayer} {@code y = x W + b} with {@code W [nIn, nOut]} laid out in the default
 * {@code 'c'} {@code paramReshapeOrder} (unlike {@code DenseLayer}'s {@code 'f'}); the rows of {@code W} are declared
 * on the Poincaré ball, {@code b} is Euclidean. Used through {@link GeoUpdaters#attach} only.
 */
public class BallSameDiffDenseLayer extends SameDiffLayer implements ManifoldAware {

    private long nIn;
    private long nOut;

    /** For Jackson. */
    protected BallSameDiffDenseLayer() {
    }

    public BallSameDiffDenseLayer(long nIn, long nOut) {
        this.nIn = nIn;
        this.nOut = nOut;
    }

    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    public long getNOut() {
        return nOut;
    }

    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    @Override
    public Manifold manifoldOf(String paramName) {
        return "W".equals(paramName) ? new PoincareBall(BallDenseLayer.C) : Euclidean.INSTANCE;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam("W", nIn, nOut);
        params.addBiasParam("b", 1, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("W").assign(Nd4j.getRandomFactory().getNewRandomInstance(5).nextGaussian(params.get("W").shape())
                .castTo(params.get("W").dataType()).muli(0.25));
        params.get("b").assign(0.05);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        return layerInput.mmul(paramTable.get("W")).add(paramTable.get("b"));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(nOut);
    }
}
