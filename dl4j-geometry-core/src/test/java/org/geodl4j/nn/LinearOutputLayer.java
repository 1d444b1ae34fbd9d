package org.geodl4j.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test output layer on {@link GeoSameDiffOutputLayer} whose pre-activation is DL4J {@code OutputLayer}'s:
 * <pre>  z = x·W + b</pre>
 * with {@code W [nIn, nOut]} in 'f' order and {@code b [1, nOut]}, so flat parameters match {@code OutputLayer}'s
 * layout; activation and loss come from the base (softmax + MCXENT unless configured).
 */
public class LinearOutputLayer extends GeoSameDiffOutputLayer {

    private static final long serialVersionUID = 1L;

    private long nIn;
    private long nOut;

    private LinearOutputLayer() {
    }

    private LinearOutputLayer(Builder b) {
        super(b);
        this.nIn = b.nIn;
        this.nOut = b.nOut;
    }

    @Override
    public void defineParameters(GeoLayerParams params) {
        params.addWeightParam("W", nIn, nOut);
        params.addBiasParam("b", 1, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        initWeight("W", params.get("W"), nIn, nOut);
        params.get("b").assign(0);
    }

    @Override
    protected SDVariable define(GeoLayerContext ctx) {
        return ctx.input().mmul(ctx.param("W")).add(ctx.param("b"));
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

    @Override
    public void validateInput(INDArray input) {
        if (input.rank() != 2 || input.size(1) != nIn) {
            throw new IllegalArgumentException("expected input [minibatch, " + nIn + "], got "
                    + Arrays.toString(input.shape()));
        }
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
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        LinearOutputLayer l = (LinearOutputLayer) o;
        return nIn == l.nIn && nOut == l.nOut;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, nOut);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends GeoSameDiffOutputLayer.Builder<Builder> {
        private long nIn;
        private long nOut;

        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        public Builder nOut(long nOut) {
            this.nOut = nOut;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LinearOutputLayer build() {
            return new LinearOutputLayer(this);
        }
    }
}
