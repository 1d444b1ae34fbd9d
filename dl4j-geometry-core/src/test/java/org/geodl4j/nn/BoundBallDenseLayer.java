package org.geodl4j.nn;

import java.util.List;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * TEST-scope layer doing configuration-level binding, the way geodl4j's layer base does: its parameters reach a
 * {@link ParamAwareUpdater} through {@link ParamBinding} without any attach step.
 */
public class BoundBallDenseLayer extends BallDenseLayer {

    /** For Jackson. */
    public BoundBallDenseLayer() {
    }

    public BoundBallDenseLayer(long nIn, long nOut) {
        super(nIn, nOut);
    }

    private long[] shapeOf(String param) {
        return "W".equals(param) ? new long[] {getNIn(), getNOut()} : new long[] {getNOut()};
    }

    private char orderOf(String param) {
        return "W".equals(param) ? 'f' : 'c';
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return ParamBinding.bindUpdater(this, paramName, shapeOf(paramName), orderOf(paramName),
                super.getUpdaterByParam(paramName));
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return ParamBinding.tapRegularization(this, paramName, shapeOf(paramName), orderOf(paramName),
                getUpdaterByParam(paramName), super.getRegularizationByParam(paramName));
    }
}
