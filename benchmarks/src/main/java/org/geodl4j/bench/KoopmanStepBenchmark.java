package org.geodl4j.bench;

import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.geodl4j.koopman.KoopmanAutoencoder;
import org.geodl4j.koopman.OperatorType;
import org.geodl4j.koopman.TrajectoryWindowIterator;
import org.geodl4j.koopman.data.KoopmanDatasets;
import org.geodl4j.koopman.data.TrajectorySet;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the pendulum Koopman autoencoder in Lusch et al.'s configuration: widths
 * [2, 80, 80, 2, 2, 80, 80, 2] (ReLU), S = 30 prediction steps, batch 128 windows, float32, Adam(1e-3), Lusch
 * weights (1e-3, 1e-9, 1e-14) — with the unconstrained operator ({@code koopmanUnconstrained}), the stable operator
 * ({@code koopmanStable}) and the unconstrained one plus the eigenloss on the Gelfand bound
 * ({@code koopmanEigenloss}). Baseline ({@code euclideanDl4jAutoencoder}): a plain DL4J MultiLayerNetwork autoencoder
 * 2→80→80→2→80→80→2 fitted on the same 128·31 = 3968 states per step (the Koopman step encodes 3968 states and
 * decodes 3968 latents, so both run the same MLP work; the Koopman step adds the 30-step latent rollout, the loss
 * graph and SameDiff overhead).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class KoopmanStepBenchmark {

    static final int STEPS = 30;
    static final int BATCH = 128;

    private KoopmanAutoencoder unconstrained;
    private KoopmanAutoencoder stable;
    private KoopmanAutoencoder eigenloss;
    private MultiLayerNetwork baseline;
    private INDArray windows;
    private DataSet states;

    @Setup
    public void setup() {
        TrajectorySet data = KoopmanDatasets.luschPendulum(32, 1);
        INDArray all = TrajectoryWindowIterator.windows(data, STEPS, 1, DataType.FLOAT);
        windows = all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, BATCH),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        INDArray st = windows.reshape((long) BATCH * (STEPS + 1), 2);
        states = new DataSet(st, st);
        unconstrained = model(OperatorType.UNCONSTRAINED, false);
        stable = model(OperatorType.STABLE, false);
        eigenloss = model(OperatorType.UNCONSTRAINED, true);
        baseline = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(80).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(80).nOut(80).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(80).nOut(2).activation(Activation.IDENTITY).build())
                .layer(new DenseLayer.Builder().nIn(2).nOut(80).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(80).nOut(80).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(80).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        baseline.init();
    }

    private static KoopmanAutoencoder model(OperatorType op, boolean eig) {
        KoopmanAutoencoder.Builder b = KoopmanAutoencoder.builder().widths(2, 80, 80, 2, 2, 80, 80, 2).operator(op)
                .steps(STEPS).luschWeights(1e-3, 1e-9, 1e-14).batchSize(BATCH).dataType(DataType.FLOAT).seed(1);
        if (eig) {
            b.eigenLoss(org.geodl4j.koopman.EigenLoss.UNIT_CIRCLE_MAE, 1.0);
        }
        KoopmanAutoencoder m = b.build();
        m.prepareUpdaters(new Adam(1e-3));
        return m;
    }

    @Benchmark
    public double koopmanUnconstrained() {
        return unconstrained.step(windows);
    }

    @Benchmark
    public double koopmanStable() {
        return stable.step(windows);
    }

    @Benchmark
    public double koopmanEigenloss() {
        return eigenloss.step(windows);
    }

    @Benchmark
    public double euclideanDl4jAutoencoder() {
        baseline.fit(states);
        return baseline.score();
    }
}
