package org.geodl4j.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The output-layer contract ({@link OutputLayerContractTest}) for {@link PoincareMLR}, plus its logits. */
class PoincareMLRTest extends OutputLayerContractTest {

    @Override
    HyperbolicOutputLayer.Builder<?> builder(boolean trainable, double c) {
        return PoincareMLR.builder().curvature(c).trainableCurvature(trainable);
    }

    @Override
    PointSpace inSpace() {
        return PointSpace.POINCARE;
    }

    /** With identity activation the layer's output is the geometry core's HNN++ MLR logits of z = g V/||V||. */
    @Test
    void identityActivationOutputsTheCoreMlrLogits() {
        MultiLayerConfiguration conf = Nets.list(D, new NoOp()).layer(PoincareMLR.builder().curvature(C).nOut(3)
                .activation(Activation.IDENTITY).lossFunction(LossFunctions.LossFunction.MSE).build())
                .setInputType(InputType.feedForward(Nets.N_IN)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        LayerContractTest.jitter(net.params());
        INDArray x = x(9).muli(0.4);
        INDArray v = net.getParam("0_" + PoincareMLR.DIRECTION);
        INDArray z = v.div(v.norm2(true, 0)).muli(net.getParam("0_" + PoincareMLR.GAIN));
        INDArray expected = new PoincareBall(C).mlrLogits(x, z, net.getParam("0_" + PoincareMLR.OFFSET));
        assertTrue(net.output(x).equalsWithEps(expected, 1e-10), net.output(x) + " vs " + expected);
    }
}
