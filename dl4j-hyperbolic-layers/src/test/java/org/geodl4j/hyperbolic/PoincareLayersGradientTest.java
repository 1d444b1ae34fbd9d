package org.geodl4j.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Double-precision DL4J gradient checks of the Poincaré layers between an exp_0 and a log_0 bridge, in
 * MultiLayerNetwork (feed-forward, and recurrent with a mask) and ComputationGraph, with fixed and trainable curvature
 * (every hyperbolic layer of the net then trains its own c).
 */
class PoincareLayersGradientTest {

    private static final DataType D = DataType.DOUBLE;
    private static final double C = 0.8;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** name -> (trainable curvature -> layer under test); each maps N_IN-wide ball points to 3-wide ones. */
    private static List<Object[]> layers() {
        List<Object[]> l = new ArrayList<>();
        l.add(new Object[] {"MobiusLinear(tanh)", (Function<Boolean, Layer>) t -> MobiusLinear.builder().nOut(3)
                .activation(Activation.TANH).curvature(C).trainableCurvature(t).build()});
        l.add(new Object[] {"MobiusLinear(no bias)", (Function<Boolean, Layer>) t -> MobiusLinear.builder().nOut(3)
                .hasBias(false).curvature(C).trainableCurvature(t).build()});
        l.add(new Object[] {"PoincareLinear", (Function<Boolean, Layer>) t -> PoincareLinear.builder().nOut(3)
                .curvature(C).trainableCurvature(t).build()});
        l.add(new Object[] {"PoincareLinear(tanh)", (Function<Boolean, Layer>) t -> PoincareLinear.builder().nOut(3)
                .activation(Activation.TANH).curvature(C).trainableCurvature(t).build()});
        return l;
    }

    private static Layer[] sandwich(Layer middle, boolean trainable) {
        return new Layer[] {PoincareExpMap0.builder().curvature(C).trainableCurvature(trainable).build(), middle,
                PoincareLogMap0.builder().curvature(C).trainableCurvature(trainable).build()};
    }

    @SuppressWarnings("unchecked")
    @Test
    void gradientChecksPassInMlnRnnWithMaskAndGraph() {
        List<String> failures = new ArrayList<>();
        for (Object[] k : layers()) {
            Function<Boolean, Layer> f = (Function<Boolean, Layer>) k[1];
            for (boolean trainable : new boolean[] {false, true}) {
                String label = k[0] + (trainable ? " trainable c" : " fixed c");
                MultiLayerNetwork mln = Nets.mln(D, new NoOp(), 3, sandwich(f.apply(trainable), trainable));
                perturbBiases(mln.params());
                if (!Nets.check(mln, Nets.features(D, 1, Nets.MINIBATCH, Nets.N_IN), Nets.labels(D, Nets.MINIBATCH))) {
                    failures.add(label + " MLN");
                }
                MultiLayerNetwork rnn = Nets.rnn(D, 3, sandwich(f.apply(trainable), trainable));
                perturbBiases(rnn.params());
                if (!Nets.checkMasked(rnn, Nets.features(D, 2, Nets.MINIBATCH, Nets.N_IN, Nets.T),
                        Nets.rnnLabels(D, Nets.MINIBATCH, Nets.T), Nets.rnnMask(D, Nets.MINIBATCH, Nets.T))) {
                    failures.add(label + " RNN+mask");
                }
                var cg = Nets.graph(D, 3, sandwich(f.apply(trainable), trainable));
                perturbBiases(cg.params());
                if (!Nets.check(cg, Nets.features(D, 3, Nets.MINIBATCH, Nets.N_IN), Nets.labels(D, Nets.MINIBATCH))) {
                    failures.add(label + " CG");
                }
            }
        }
        assertTrue(failures.isEmpty(), "gradient checks failed: " + failures);
    }

    /** Zero-initialised biases would hide bias-dependent gradient terms: add small seeded noise to every parameter. */
    private static void perturbBiases(INDArray params) {
        Nd4j.getRandom().setSeed(99);
        params.addi(Nd4j.rand(D, params.shape()).subi(0.5).muli(0.1));
    }
}
