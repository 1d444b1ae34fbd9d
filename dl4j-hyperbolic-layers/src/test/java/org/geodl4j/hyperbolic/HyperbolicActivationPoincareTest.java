package org.geodl4j.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.manifold.Lorentz;
import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.*;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * {@link HyperbolicActivation} on the Poincaré ball (ELU with alpha 0.7): the layer contract; every supported DL4J
 * activation gives exactly {@code exp_0(phi(log_0 x))} with DL4J's own eager {@code phi}, on both spaces; unsupported
 * activations are rejected naming the layer.
 */
class HyperbolicActivationPoincareTest extends LayerContractTest {

    @Override
    Layer layer(boolean trainable, double c) {
        return HyperbolicActivation.builder().activation(new ActivationELU(0.7)).curvature(c)
                .trainableCurvature(trainable).build();
    }

    @Override
    PointSpace inSpace() {
        return PointSpace.POINCARE;
    }

    @Override
    PointSpace outSpace() {
        return PointSpace.POINCARE;
    }

    private static final IActivation[] SUPPORTED = {new ActivationIdentity(), new ActivationReLU(),
        new ActivationReLU(1.5, null, 0.1), new ActivationLReLU(0.2), new ActivationELU(0.5), new ActivationSELU(),
        new ActivationTanH(), new ActivationSigmoid(), new ActivationHardTanH(), new ActivationHardSigmoid(),
        new ActivationSoftPlus(), new ActivationSoftSign(), new ActivationReLU6(), new ActivationCube(),
        new ActivationSwish(), new ActivationGELU(), new ActivationMish(), new ActivationRectifiedTanh()};

    private static MultiLayerNetwork single(HyperbolicActivation layer, long width) {
        MultiLayerConfiguration conf = Nets.list(D, new NoOp()).layer(layer)
                .setInputType(InputType.feedForward(width)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void everySupportedActivationMatchesDl4jsEagerActivationInTheTangentSpace() {
        PoincareBall ball = new PoincareBall(C);
        Lorentz lorentz = new Lorentz(C);
        INDArray u = x(11).muli(3);
        INDArray p = ball.expmap0(u);
        INDArray l = lorentz.expmap0(u);
        double worst = 0;
        for (IActivation fn : SUPPORTED) {
            INDArray expectedP = ball.expmap0(fn.getActivation(ball.logmap0(p).dup(), false));
            INDArray gotP = single(HyperbolicActivation.builder().activation(fn).curvature(C).build(), Nets.N_IN)
                    .output(p);
            INDArray expectedL = lorentz.expmap0(fn.getActivation(lorentz.logmap0(l).dup(), false));
            INDArray gotL = single(HyperbolicActivation.builder().space(PointSpace.LORENTZ).activation(fn)
                    .curvature(C).build(), Nets.N_IN + 1).output(l);
            double err = Math.max(gotP.sub(expectedP).amaxNumber().doubleValue(),
                    gotL.sub(expectedL).amaxNumber().doubleValue());
            assertTrue(err < 1e-6, fn + ": |layer - exp0(phi(log0 x))| = " + err);
            worst = Math.max(worst, err);
        }
        System.out.println("[HyperbolicActivation] " + SUPPORTED.length + " activations x 2 spaces, max error " + worst);
    }

    @Test
    void unsupportedActivationsAreRejectedNamingTheLayer() {
        for (IActivation fn : new IActivation[] {new ActivationRReLU(), new ActivationReLU(null, 0.5, null)}) {
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> HyperbolicActivation.builder().activation(fn).build()), "HyperbolicActivation", "SameDiff");
        }
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> HyperbolicActivation.builder().space(PointSpace.EUCLIDEAN).build()), "HyperbolicActivation");
    }
}
