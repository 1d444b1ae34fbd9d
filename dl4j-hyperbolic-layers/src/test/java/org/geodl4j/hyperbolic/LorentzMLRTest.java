package org.geodl4j.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.manifold.Lorentz;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The output-layer contract ({@link OutputLayerContractTest}) for {@link LorentzMLR}, plus its logits. */
class LorentzMLRTest extends OutputLayerContractTest {

    @Override
    HyperbolicOutputLayer.Builder<?> builder(boolean trainable, double c) {
        return LorentzMLR.builder().curvature(c).trainableCurvature(trainable);
    }

    @Override
    PointSpace inSpace() {
        return PointSpace.LORENTZ;
    }

    /** With identity activation the layer's output is the geometry core's Lorentz MLR logits. */
    @Test
    void identityActivationOutputsTheCoreMlrLogits() {
        MultiLayerConfiguration conf = Nets.list(D, new NoOp()).layer(LorentzMLR.builder().curvature(C).nOut(3)
                .activation(Activation.IDENTITY).lossFunction(LossFunctions.LossFunction.MSE).build())
                .setInputType(InputType.feedForward(Nets.N_IN + 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Bridges.lorentzPoints(x(9).muli(0.8), C);
        INDArray expected = new Lorentz(C).mlrLogits(x, net.getParam("0_" + LorentzMLR.NORMAL),
                net.getParam("0_" + LorentzMLR.OFFSET));
        assertTrue(net.output(x).equalsWithEps(expected, 1e-10), net.output(x) + " vs " + expected);
    }
}
