package org.geodl4j.bench;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.geodl4j.nn.GeoUpdaters;
import org.geodl4j.updater.Muon;
import org.geodl4j.updater.RiemannianAdam;
import org.geodl4j.updater.Rlo;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The networks and data of the updater per-step benchmarks: float32 MLPs with the same seed for every updater, each
 * attached with {@link GeoUpdaters#attach} (a no-op for DL4J's own Adam), and one fixed mini-batch.
 */
final class UpdaterBenchNets {

    private UpdaterBenchNets() {
    }

    /** The four updaters compared: DL4J Adam (baseline), Muon, RiemannianAdam, RLO-Λ. */
    enum Choice {
        ADAM {
            @Override
            IUpdater updater() {
                return new Adam(1e-3);
            }
        },
        MUON {
            @Override
            IUpdater updater() {
                return new Muon(0.02);
            }
        },
        RIEMANNIAN_ADAM {
            @Override
            IUpdater updater() {
                return new RiemannianAdam(1e-3);
            }
        },
        RLO_LAMBDA {
            @Override
            IUpdater updater() {
                return Rlo.lambda().toBuilder().learningRate(1e-3).build();
            }
        };

        abstract IUpdater updater();
    }

    /**
     * An initialised float32 MLP {@code sizes[0] -> ... -> sizes[n-1]} (ReLU hidden layers, softmax output) trained by
     * {@code choice}, with the binding attached.
     */
    static MultiLayerNetwork mlp(Choice choice, int... sizes) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(12345)
                .dataType(DataType.FLOAT).updater(choice.updater()).weightInit(WeightInit.XAVIER).list();
        for (int i = 0; i + 2 < sizes.length; i++) {
            b.layer(new DenseLayer.Builder().nIn(sizes[i]).nOut(sizes[i + 1]).activation(Activation.RELU).build());
        }
        int n = sizes.length;
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(sizes[n - 2]).nOut(sizes[n - 1])
                .activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        GeoUpdaters.attach(net);
        return net;
    }

    /** A fixed float32 mini-batch of {@code batch} examples with one-hot labels. */
    static DataSet batch(int batch, int in, int classes) {
        INDArray x = Nd4j.getRandomFactory().getNewRandomInstance(7).nextGaussian(new long[] {batch, in})
                .castTo(DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % classes, 1.0);
        }
        return new DataSet(x, y);
    }
}
