package org.geodl4j.nn;

import java.util.Map;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Parameter-free test layer whose definition depends on the mode: {@code y = x + 1} in training, {@code y = x} in inference. */
public class TrainingShiftLayer extends GeoSameDiffLayer {

    private static final long serialVersionUID = 1L;

    public TrainingShiftLayer() {
    }

    @Override
    public void defineParameters(GeoLayerParams params) {
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
    }

    @Override
    protected SDVariable define(GeoLayerContext ctx) {
        return ctx.training() ? ctx.input().add(1.0) : ctx.sameDiff().identity(ctx.input());
    }

    @Override
    protected void setNInFromInputType(InputType inputType, boolean override) {
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }
}
