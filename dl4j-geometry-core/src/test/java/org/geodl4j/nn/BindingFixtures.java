package org.geodl4j.nn;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Networks, data and the step oracle shared by the binding tests: input 4 -> ball layer (4 -> 3, identity) ->
 * DenseLayer (3 -> 5, tanh) -> OutputLayer (5 -> 2, softmax), float64, minibatch 8.
 */
final class BindingFixtures {

    static final int MB = 8;
    static final double C = BallDenseLayer.C;

    private BindingFixtures() {
    }

    static DataSet data(long seed) {
        INDArray f = Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(new long[] {MB, 4})
                .castTo(DataType.DOUBLE);
        INDArray l = Nd4j.zeros(DataType.DOUBLE, MB, 2);
        for (int i = 0; i < MB; i++) {
            l.putScalar(i, (int) ((seed + i) % 2), 1.0);
        }
        return new DataSet(f, l);
    }

    private static NeuralNetConfiguration.Builder base(IUpdater globalUpdater) {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE)
                .weightInit(new WeightInitDistribution(new NormalDistribution(0, 0.25))).updater(globalUpdater);
    }

    /**
     * @param ballLayer       layer 0 ({@link BallDenseLayer} for the attach path, {@link BoundBallDenseLayer} for the
     *                        configuration-level path)
     * @param globalUpdater   updater of every layer unless {@code stockUpdater} is given
     * @param stockUpdater    if non-null, the updater of the two stock layers
     */
    static MultiLayerConfiguration mlnConf(BallDenseLayer ballLayer, IUpdater globalUpdater, IUpdater stockUpdater) {
        DenseLayer.Builder hidden = new DenseLayer.Builder().nIn(3).nOut(5).activation(Activation.TANH);
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(2)
                .activation(Activation.SOFTMAX);
        if (stockUpdater != null) {
            hidden.updater(stockUpdater.clone());
            out.updater(stockUpdater.clone());
        }
        return base(globalUpdater).list().layer(ballLayer).layer(hidden.build()).layer(out.build()).build();
    }

    static MultiLayerNetwork mln(BallDenseLayer ballLayer, IUpdater globalUpdater, IUpdater stockUpdater) {
        MultiLayerNetwork net = new MultiLayerNetwork(mlnConf(ballLayer, globalUpdater, stockUpdater));
        net.init();
        return net;
    }

    static ComputationGraph graph(IUpdater updater) {
        ComputationGraphConfiguration conf = base(updater).graphBuilder().addInputs("in")
                .addLayer("ball", new BallDenseLayer(4, 3), "in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(3).nOut(5).activation(Activation.TANH).build(), "ball")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /**
     * The parameters one projected-RSGD step (no momentum) should produce, computed from the model's current
     * gradient on {@code ds}: ball parameters (keys in {@code ballKeys}) row by row with {@link BallStepReference},
     * the others {@code x - lr g}; {@code g} = DL4J's summed gradient / minibatch, as DL4J's updater divides it.
     */
    static Map<String, INDArray> expectedStep(Model model, DataSet ds, double lr, Set<String> ballKeys) {
        Gradient gradient;
        if (model instanceof MultiLayerNetwork) {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            net.setInput(ds.getFeatures());
            net.setLabels(ds.getLabels());
            net.computeGradientAndScore();
            gradient = net.gradient();
        } else {
            ComputationGraph g = (ComputationGraph) model;
            g.setInputs(ds.getFeatures());
            g.setLabels(ds.getLabels());
            g.computeGradientAndScore();
            gradient = g.gradient();
        }
        Map<String, INDArray> expected = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : model.paramTable().entrySet()) {
            INDArray x = e.getValue().dup();
            INDArray g = gradient.getGradientFor(e.getKey()).dup().reshape(x.shape()).div(MB);
            if (ballKeys.contains(e.getKey())) {
                long dim = x.size(x.rank() - 1);
                x = x.reshape(x.length() / dim, dim);   // one point per row (a rank-1 bias is one point)
                g = g.reshape(x.shape());
                INDArray next = x.dup();
                for (int i = 0; i < x.rows(); i++) {
                    double[] xi = x.getRow(i).toDoubleVector();
                    double[] gi = g.getRow(i).toDoubleVector();
                    double[] yi = BallStepReference.step(xi, gi, lr, C);
                    for (int j = 0; j < yi.length; j++) {
                        next.putScalar(i, j, yi[j]);
                    }
                }
                expected.put(e.getKey(), next.reshape(e.getValue().shape()));
            } else {
                expected.put(e.getKey(), x.sub(g.mul(lr)));
            }
        }
        return expected;
    }

    /** Largest absolute difference between the model's parameters and {@code expected}. */
    static double maxDiff(Model model, Map<String, INDArray> expected) {
        double max = 0;
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            INDArray actual = model.paramTable().get(e.getKey());
            max = Math.max(max, actual.sub(e.getValue()).amaxNumber().doubleValue());
        }
        return max;
    }

    /** Copies of all parameters. */
    static Map<String, INDArray> snapshot(Model model) {
        Map<String, INDArray> out = new HashMap<>();
        model.paramTable().forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
