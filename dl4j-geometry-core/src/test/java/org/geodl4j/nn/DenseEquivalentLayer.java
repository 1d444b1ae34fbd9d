package org.geodl4j.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test layer on {@link GeoSameDiffLayer} computing exactly what DL4J's {@code DenseLayer} computes:
 * <pre>  y = act(x·W + b)   (times the mask when one is given)</pre>
 * with {@code W [nIn, nOut]} in 'f' order and {@code b [1, nOut]}, so flat parameters match DenseLayer's layout.
 */
public class DenseEquivalentLayer extends GeoSameDiffLayer {

    private static final long serialVersionUID = 1L;

    private long nIn;
    private long nOut;
    private Activation activation = Activation.TANH;

    private DenseEquivalentLayer() {
    }

    private DenseEquivalentLayer(Builder b) {
        super(b);
        this.nIn = b.nIn;
        this.nOut = b.nOut;
        this.activation = b.activation;
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
        SDVariable z = ctx.input().mmul(ctx.param("W")).add(ctx.param("b"));
        SDVariable y = activation.asSameDiff(ctx.sameDiff(), z);
        return ctx.mask() == null ? y : y.mul(ctx.mask());
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

    public Activation getActivation() {
        return activation;
    }

    public void setActivation(Activation activation) {
        this.activation = activation;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        DenseEquivalentLayer d = (DenseEquivalentLayer) o;
        return nIn == d.nIn && nOut == d.nOut && activation == d.activation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, nOut, activation);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends GeoSameDiffLayer.Builder<Builder> {
        private long nIn;
        private long nOut;
        private Activation activation = Activation.TANH;

        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        public Builder nOut(long nOut) {
            this.nOut = nOut;
            return this;
        }

        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public DenseEquivalentLayer build() {
            return new DenseEquivalentLayer(this);
        }
    }
}
