package org.geodl4j.hyperbolic;

import java.util.HashSet;
import java.util.Set;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Small networks and data for the hyperbolic layer tests. */
final class Nets {

    static final int N_IN = 3;
    static final int N_CLASSES = 2;
    static final int MINIBATCH = 5;
    static final int T = 3;

    private Nets() {
    }

    /** Softmax + MCXENT on top of {@code nIn} Euclidean features. */
    static OutputLayer softmaxOut(long nIn) {
        return new OutputLayer.Builder(LossFunction.MCXENT).nOut(N_CLASSES).activation(Activation.SOFTMAX).build();
    }

    static NeuralNetConfiguration.ListBuilder list(DataType dt, IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(12345).dataType(dt).updater(updater).list();
    }

    /** A MultiLayerNetwork of {@code layers} then softmax (feed-forward input {@code N_IN}). */
    static MultiLayerNetwork mln(DataType dt, IUpdater updater, long outWidth, Layer... layers) {
        NeuralNetConfiguration.ListBuilder b = list(dt, updater);
        for (Layer l : layers) {
            b.layer(l);
        }
        MultiLayerConfiguration conf = b.layer(softmaxOut(outWidth)).setInputType(InputType.feedForward(N_IN)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A MultiLayerNetwork with input width {@code inWidth}: {@code layer}, (Lorentz: drop time), softmax. */
    static MultiLayerNetwork mlnWithInput(DataType dt, long inWidth, Layer layer, int lorentzOut) {
        NeuralNetConfiguration.ListBuilder b = list(dt, new NoOp()).layer(layer);
        MultiLayerConfiguration conf = b.layer(softmaxOut(0)).setInputType(InputType.feedForward(inWidth)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A recurrent MultiLayerNetwork of {@code layers} then an RNN softmax output (input {@code [N, N_IN, T]}). */
    static MultiLayerNetwork rnn(DataType dt, long outWidth, Layer... layers) {
        NeuralNetConfiguration.ListBuilder b = list(dt, new NoOp());
        for (Layer l : layers) {
            b.layer(l);
        }
        MultiLayerConfiguration conf = b.layer(new RnnOutputLayer.Builder(LossFunction.MCXENT)
                .nOut(N_CLASSES).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(N_IN)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A ComputationGraph chain of {@code layers} then softmax. */
    static ComputationGraph graph(DataType dt, long outWidth, Layer... layers) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(12345).dataType(dt)
                .updater(new NoOp()).graphBuilder().addInputs("in");
        String prev = "in";
        for (int i = 0; i < layers.length; i++) {
            g.addLayer("l" + i, layers[i], prev);
            prev = "l" + i;
        }
        g.addLayer("out", softmaxOut(outWidth), prev).setOutputs("out").setInputTypes(InputType.feedForward(N_IN));
        ComputationGraph cg = new ComputationGraph(g.build());
        cg.init();
        return cg;
    }

    static INDArray features(DataType dt, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(dt, shape).subi(0.5).muli(2);
    }

    static INDArray labels(DataType dt, int n) {
        INDArray y = Nd4j.zeros(dt, n, N_CLASSES);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i * 7 + 1) % N_CLASSES, 1.0);
        }
        return y;
    }

    static INDArray rnnLabels(DataType dt, int n, int t) {
        INDArray y = Nd4j.zeros(dt, n, N_CLASSES, t);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                y.putScalar(new int[] {i, (i + 2 * j) % N_CLASSES, j}, 1.0);
            }
        }
        return y;
    }

    /** A [N, T] mask with some trailing steps masked. */
    static INDArray rnnMask(DataType dt, int n, int t) {
        INDArray m = Nd4j.ones(dt, n, t);
        for (int i = 0; i < n; i++) {
            for (int j = t - (i % t); j < t; j++) {
                m.putScalar(i, j, 0.0);
            }
        }
        return m;
    }

    /*
     * The gradient checks skip the parameters of a stock DL4J output layer (OutputLayer / RnnOutputLayer) on top of
     * the layers under test: its W/b gradients are a^T·delta of the activations below, so finite differences on them
     * test DL4J's own layer and nothing of the geodl4j layers (a forward bug below would change numeric and analytic
     * values alike). Every parameter of every geodl4j layer (and the curvature) is still checked entry by entry, and
     * the input gradient of the layer under test is checked through the parameters below it. Skipping the head halves
     * the forward passes of a check. Geodl4j output layers (PoincareMLR, LorentzMLR) are never skipped.
     */

    static boolean check(MultiLayerNetwork net, INDArray x, INDArray y) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .excludeParams(dl4jHeadParams(net)).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    static boolean checkMasked(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .inputMask(mask).labelMask(mask).excludeParams(dl4jHeadParams(net))
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    static boolean check(ComputationGraph cg, INDArray x, INDArray y) {
        Set<String> head = new HashSet<>();
        for (String out : cg.getConfiguration().getNetworkOutputs()) {
            if (isDl4jHead(cg.getLayer(out).conf().getLayer())) {
                for (String k : cg.getLayer(out).paramTable().keySet()) {
                    head.add(out + "_" + k);
                }
            }
        }
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(cg)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {y})
                .excludeParams(keepNonEmpty(head, cg.paramTable().keySet()))
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    /** Parameter keys of the network's last layer when it is a stock DL4J output layer, else none. */
    static Set<String> dl4jHeadParams(MultiLayerNetwork net) {
        Set<String> head = new HashSet<>();
        int last = net.getnLayers() - 1;
        if (isDl4jHead(net.getLayer(last).conf().getLayer())) {
            for (String k : net.getLayer(last).paramTable().keySet()) {
                head.add(last + "_" + k);
            }
        }
        return keepNonEmpty(head, net.paramTable().keySet());
    }

    /**
     * {@code head}, or nothing when the head holds every parameter (a parameter-free layer with fixed curvature): then
     * the head is checked as before, so a check never runs on zero parameters.
     */
    private static Set<String> keepNonEmpty(Set<String> head, Set<String> all) {
        if (!all.containsAll(head)) {
            throw new IllegalStateException("head keys " + head + " not among the parameters " + all);
        }
        return head.size() < all.size() ? head : Set.of();
    }

    private static boolean isDl4jHead(Layer layer) {
        return layer instanceof OutputLayer || layer instanceof RnnOutputLayer;
    }
}
