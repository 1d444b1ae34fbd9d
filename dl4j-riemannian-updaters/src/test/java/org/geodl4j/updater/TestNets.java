package org.geodl4j.updater;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The small MLP (5-12-10-3, tanh, softmax) and fixed data shared by the DL4J-level updater tests. */
final class TestNets {

    static final int IN = 5;
    static final int OUT = 3;

    private TestNets() {
    }

    static MultiLayerConfiguration mlpConf(IUpdater updater, DataType dataType) {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(dataType).updater(updater)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().name("dense0").nIn(IN).nOut(12).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().name("dense1").nIn(12).nOut(10).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(10).nOut(OUT)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    /** An initialised MLP; parameters depend only on the seed, not on the updater. */
    static MultiLayerNetwork mlp(IUpdater updater, DataType dataType) {
        MultiLayerNetwork net = new MultiLayerNetwork(mlpConf(updater, dataType));
        net.init();
        return net;
    }

    /** 32 fixed examples with one-hot labels. */
    static DataSet data(DataType dataType) {
        INDArray x = Nd4j.getRandomFactory().getNewRandomInstance(7).nextGaussian(new long[] {32, IN})
                .castTo(dataType);
        INDArray y = Nd4j.zeros(dataType, 32, OUT);
        for (int i = 0; i < 32; i++) {
            int k = (int) Math.floorMod(Math.round(x.getDouble(i, 0) * 3 + x.getDouble(i, 1) * 2), OUT);
            y.putScalar(i, k, 1.0);
        }
        return new DataSet(x, y);
    }

    static void fit(MultiLayerNetwork net, DataSet data, int steps) {
        for (int i = 0; i < steps; i++) {
            net.fit(data);
        }
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
