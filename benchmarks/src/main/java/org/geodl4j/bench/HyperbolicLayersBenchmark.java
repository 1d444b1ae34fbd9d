package org.geodl4j.bench;

import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.hyperbolic.GyroLorentzBatchNorm;
import org.geodl4j.hyperbolic.LorentzBatchNorm;
import org.geodl4j.hyperbolic.LorentzLinear;
import org.geodl4j.hyperbolic.PoincareBatchNorm;
import org.geodl4j.hyperbolic.PoincareLinear;
import org.geodl4j.manifold.Lorentz;
import org.geodl4j.manifold.PoincareBall;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
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
 * Forward + backward ({@code computeGradientAndScore}: output, loss, backprop to every parameter and the input) of one
 * layer on a float32 batch of 256, followed by the same parameter-free MSE {@code LossLayer}:
 * {@code PoincareLinear} and {@code LorentzLinear} (256 -> 256; Lorentz widths 257 = dimension + 1) against DL4J's
 * {@code DenseLayer} (baseline {@code euclideanDense}), and {@code PoincareBatchNorm}, {@code LorentzBatchNorm},
 * {@code GyroLorentzBatchNorm} (training mode, 256 channels) against DL4J's {@code BatchNormalization} (baseline
 * {@code euclideanBatchNorm}). Inputs are points of each layer's input space. Targets (issue 4): linear at most 1.5x
 * DenseLayer, batch norm at most 2x BatchNormalization.
 *
 * <p>Two more baselines split a hyperbolic layer's ratio into "SameDiff layer overhead" and "hyperbolic math":
 * {@code euclideanSameDiffDense} ({@code x·W + b}) and {@code euclideanSameDiffBatchNorm} (Euclidean training-mode batch
 * norm with running statistics), both {@link SameDiffBaselineLayer} on the project's SameDiff layer base, the base of
 * every hyperbolic layer. (Named {@code euclidean*} so the report prints ratios against them too.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class HyperbolicLayersBenchmark {

    private static final int BATCH = 256;
    private static final int WIDTH = 256;

    private MultiLayerNetwork dense;
    private MultiLayerNetwork poincareLinear;
    private MultiLayerNetwork lorentzLinear;
    private MultiLayerNetwork batchNorm;
    private MultiLayerNetwork poincareBatchNorm;
    private MultiLayerNetwork lorentzBatchNorm;
    private MultiLayerNetwork gyroLorentzBatchNorm;
    private MultiLayerNetwork sameDiffDense;
    private MultiLayerNetwork sameDiffBatchNorm;

    private static MultiLayerNetwork net(Layer layer, long inWidth, INDArray x) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).updater(new NoOp()).list()
                .layer(layer)
                .layer(new LossLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(inWidth)).build());
        n.init();
        n.setInput(x);
        n.setLabels(Nd4j.rand(DataType.FLOAT, x.size(0), layer instanceof LorentzLinear
                || layer instanceof LorentzBatchNorm || layer instanceof GyroLorentzBatchNorm ? WIDTH + 1 : WIDTH));
        return n;
    }

    @Setup
    public void setup() {
        Nd4j.getRandom().setSeed(7);
        INDArray u = Nd4j.randn(DataType.FLOAT, BATCH, WIDTH).muli(0.1);
        INDArray ball = new PoincareBall(1.0).expmap0(u);
        INDArray hyperboloid = new Lorentz(1.0).expmap0(u);
        dense = net(new DenseLayer.Builder().nOut(WIDTH).activation(Activation.IDENTITY).build(), WIDTH, u);
        poincareLinear = net(PoincareLinear.builder().nOut(WIDTH).build(), WIDTH, ball);
        lorentzLinear = net(LorentzLinear.builder().nOut(WIDTH + 1).build(), WIDTH + 1, hyperboloid);
        batchNorm = net(new BatchNormalization.Builder().build(), WIDTH, u);
        poincareBatchNorm = net(PoincareBatchNorm.builder().build(), WIDTH, ball);
        lorentzBatchNorm = net(LorentzBatchNorm.builder().build(), WIDTH + 1, hyperboloid);
        gyroLorentzBatchNorm = net(GyroLorentzBatchNorm.builder().build(), WIDTH + 1, hyperboloid);
        sameDiffDense = net(SameDiffBaselineLayer.dense(WIDTH), WIDTH, u);
        sameDiffBatchNorm = net(SameDiffBaselineLayer.batchNorm(), WIDTH, u);
    }

    private static double step(MultiLayerNetwork n) {
        n.computeGradientAndScore();
        return n.score();
    }

    @Benchmark
    public double euclideanDense() {
        return step(dense);
    }

    @Benchmark
    public double poincareLinear() {
        return step(poincareLinear);
    }

    @Benchmark
    public double lorentzLinear() {
        return step(lorentzLinear);
    }

    @Benchmark
    public double euclideanBatchNorm() {
        return step(batchNorm);
    }

    @Benchmark
    public double poincareBatchNorm() {
        return step(poincareBatchNorm);
    }

    @Benchmark
    public double lorentzBatchNorm() {
        return step(lorentzBatchNorm);
    }

    @Benchmark
    public double gyroLorentzBatchNorm() {
        return step(gyroLorentzBatchNorm);
    }

    @Benchmark
    public double euclideanSameDiffDense() {
        return step(sameDiffDense);
    }

    @Benchmark
    public double euclideanSameDiffBatchNorm() {
        return step(sameDiffBatchNorm);
    }
}
