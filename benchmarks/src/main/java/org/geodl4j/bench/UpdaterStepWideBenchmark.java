package org.geodl4j.bench;

import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.bench.UpdaterBenchNets.Choice;
import org.nd4j.linalg.dataset.DataSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step ({@code fit} of one mini-batch, 32 by default ({@link #batch}): forward, backward, updater)
 * of a float32 network whose hidden weight is 1024 x 1024 (1024 -> 1024 -> 10), with DL4J's {@code Adam}
 * ({@code euclideanAdam}, the baseline) and with Muon (Newton–Schulz 5 steps on the 1024 x 1024 and 1024 x 10
 * weights), RiemannianAdam (Euclidean parameters: Adam through the binding) and RLO-Λ. {@link BenchmarkReport}
 * prints each time as a ratio to the
 * baseline. Targets (issue 3): Muon at most 1.5x, RiemannianAdam at most 1.2x Adam per step.
 *
 * <p>Expect Muon far above 1.5x here: Newton–Schulz costs about {@code 3 * steps} products of {@code m x m} matrices
 * ({@code 5 * 3 * 2 * 1024^3 = 3.2e10} flops) against {@code 6 m^2 B = 2e8} flops of forward and backward for a
 * batch of {@code B = 32}, the overhead ratio {@code T m / B} of the Muon blog (§"Runtime analysis"); it drops to
 * about 1.5x only for batches of several thousand examples (or tokens).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class UpdaterStepWideBenchmark {

    private MultiLayerNetwork adam;
    private MultiLayerNetwork muon;
    private MultiLayerNetwork riemannianAdam;
    private MultiLayerNetwork rloLambda;
    private DataSet data;

    /** Mini-batch size (default 32; {@code BenchmarkReport --param batch=4096} shows how Muon's fixed cost amortises). */
    @Param({"32"})
    public int batch;

    @Setup
    public void setup() {
        adam = UpdaterBenchNets.mlp(Choice.ADAM, 1024, 1024, 10);
        muon = UpdaterBenchNets.mlp(Choice.MUON, 1024, 1024, 10);
        riemannianAdam = UpdaterBenchNets.mlp(Choice.RIEMANNIAN_ADAM, 1024, 1024, 10);
        rloLambda = UpdaterBenchNets.mlp(Choice.RLO_LAMBDA, 1024, 1024, 10);
        data = UpdaterBenchNets.batch(batch, 1024, 10);
    }

    @Benchmark
    public double euclideanAdam() {
        adam.fit(data);
        return adam.score();
    }

    @Benchmark
    public double muon() {
        muon.fit(data);
        return muon.score();
    }

    @Benchmark
    public double riemannianAdam() {
        riemannianAdam.fit(data);
        return riemannianAdam.score();
    }

    @Benchmark
    public double rloLambda() {
        rloLambda.fit(data);
        return rloLambda.score();
    }
}
