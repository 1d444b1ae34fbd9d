package org.geodl4j.nn;

import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test layer with a buffer, shaped like a batch-norm running mean:
 * <pre>
 *   training:  y = tanh(x·W + b),           runningMean ← decay·runningMean + (1 − decay)·mean_batch(x)
 *   inference: y = tanh((x − runningMean)·W + b)
 * </pre>
 * {@code runningMean [1, nIn]} starts at {@link #INITIAL_MEAN}.
 */
public class RunningMeanLayer extends GeoSameDiffLayer {

    private static final long serialVersionUID = 1L;

    /** Initial value of every running-mean entry. */
    public static final double INITIAL_MEAN = 0.5;

    private long nIn;
    private long nOut;
    private double decay;

    private RunningMeanLayer() {
    }

    public RunningMeanLayer(long nIn, long nOut, double decay) {
        this.nIn = nIn;
        this.nOut = nOut;
        this.decay = decay;
    }

    @Override
    public void defineParameters(GeoLayerParams params) {
        params.addWeightParam("W", nIn, nOut);
        params.addBiasParam("b", 1, nOut);
        params.addBuffer("runningMean", 1, nIn);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        initWeight("W", params.get("W"), nIn, nOut);
        params.get("b").assign(0);
        params.get("runningMean").assign(INITIAL_MEAN);
    }

    @Override
    protected SDVariable define(GeoLayerContext ctx) {
        SameDiff sd = ctx.sameDiff();
        SDVariable x = ctx.input();
        SDVariable rm = ctx.param("runningMean");
        if (ctx.training()) {
            ctx.updateBuffer("runningMean", rm.mul(decay).add(sd.mean(x, true, 0).mul(1.0 - decay)));
        } else {
            x = x.sub(rm);
        }
        return sd.math().tanh(x.mmul(ctx.param("W")).add(ctx.param("b")));
    }

    @Override
    protected void setNInFromInputType(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = ((InputType.InputTypeFeedForward) inputType).getSize();
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(nOut);
    }

    @Override
    public char paramReshapeOrder(String param) {
        return "W".equals(param) ? 'f' : 'c';
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

    public double getDecay() {
        return decay;
    }

    public void setDecay(double decay) {
        this.decay = decay;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        RunningMeanLayer r = (RunningMeanLayer) o;
        return nIn == r.nIn && nOut == r.nOut && Double.compare(decay, r.decay) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, nOut, decay);
    }
}
