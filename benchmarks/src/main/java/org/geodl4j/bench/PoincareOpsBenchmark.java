package org.geodl4j.bench;

import java.util.concurrent.TimeUnit;

import org.geodl4j.manifold.PoincareBall;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.infra.Blackhole;
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
 * Batched Poincaré-ball ops (float32, 4096 points of dimension 64 by default) against plain ND4J Euclidean
 * operations of the same shape: {@code euclideanAdd} (x + y), {@code euclideanRowNorm} (‖x‖ per row) and
 * {@code euclideanDist} (‖x − y‖ per row). {@link BenchmarkReport} runs this class and prints each Poincaré op's time
 * as a ratio to the baselines measured in the same run.
 *
 * <p>Every op runs inside one reused ND4J workspace, as ops do inside DL4J training: without it each call allocates
 * fresh off-heap buffers and the measurement is dominated by JavaCPP's deallocation (explicit {@code System.gc()}
 * once off-heap memory reaches its limit), not by the math — a plain {@code x.add(y)} then took ~12 ms instead of
 * tens of microseconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class PoincareOpsBenchmark {

    @Param({"4096"})
    public int batch;

    @Param({"64"})
    public int dim;

    private static final WorkspaceConfiguration WS = WorkspaceConfiguration.builder()
            .initialSize(64L * 1024 * 1024)
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.NONE)
            .build();

    private PoincareBall ball;
    private INDArray x;
    private INDArray y;
    private INDArray u;

    @Setup
    public void setup() {
        Nd4j.getRandom().setSeed(42);
        ball = new PoincareBall(1.0);
        x = ball.randomPoint(1, DataType.FLOAT, batch, dim);
        y = ball.randomPoint(2, DataType.FLOAT, batch, dim);
        u = Nd4j.randn(DataType.FLOAT, batch, dim).muli(0.5);
    }

    @Benchmark
    public void euclideanAdd(Blackhole bh) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, "poincare-bench")) {
            bh.consume(x.add(y));
        }
    }

    @Benchmark
    public void euclideanRowNorm(Blackhole bh) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, "poincare-bench")) {
            bh.consume(x.norm2(true, -1));
        }
    }

    @Benchmark
    public void euclideanDist(Blackhole bh) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, "poincare-bench")) {
            bh.consume(x.sub(y).norm2(true, -1));
        }
    }

    @Benchmark
    public void poincareExpmap0(Blackhole bh) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, "poincare-bench")) {
            bh.consume(ball.expmap0(u));
        }
    }

    @Benchmark
    public void poincareLogmap0(Blackhole bh) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, "poincare-bench")) {
            bh.consume(ball.logmap0(x));
        }
    }

    @Benchmark
    public void poincareDist(Blackhole bh) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, "poincare-bench")) {
            bh.consume(ball.dist(x, y));
        }
    }

    @Benchmark
    public void poincareMobiusAdd(Blackhole bh) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, "poincare-bench")) {
            bh.consume(ball.mobiusAdd(x, y));
        }
    }
}
