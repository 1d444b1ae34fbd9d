package org.geodl4j.hyperbolic.wordnet;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;

import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.ParamAwareGradientUpdater;
import org.geodl4j.nn.ParamSlot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Moves a {@link PoincareEmbeddingTrainer}'s table with a DL4J {@link IUpdater}, exactly as a network's updater block
 * would: the table is one INDArray parameter {@code [n, dim]} bound as a {@link ParamSlot} on the
 * {@link PoincareBall} (for a {@link ParamAwareGradientUpdater}, e.g. geodl4j's Riemannian updaters), the dense
 * Euclidean gradient is handed to {@code applyUpdater}, and the update it writes is subtracted, as DL4J does.
 * Optimiser state lives in a state view of {@code stateSize(n·dim)} values, as in DL4J.
 */
final class UpdaterTableStep {

    private static final String STEP_WORKSPACE_ID = "geodl4j-embedding-updater-step";
    /** As DL4J's {@code WS_ALL_LAYERS_ACT_CONFIG}, which MultiLayerNetwork uses for its updater working memory. */
    private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.05)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .build();

    private final IUpdater config;
    private final GradientUpdater<?> updater;
    private final INDArray params;
    private final INDArray flatGradient;
    private final double baseLearningRate;
    private final int dim;
    private final boolean float32;

    UpdaterTableStep(IUpdater updaterConfig, double[] table, int n, int dim, PoincareBall ball, boolean float32) {
        this.config = updaterConfig.clone();
        if (!config.hasLearningRate()) {
            throw new IllegalArgumentException("PoincareEmbeddingTrainer: updater " + config
                    + " has no learning rate; the trainer needs one to apply the burn-in factor");
        }
        this.baseLearningRate = config.getLearningRate(0, 0);
        this.dim = dim;
        this.float32 = float32;
        DataType dtype = float32 ? DataType.FLOAT : DataType.DOUBLE;
        this.params = Nd4j.createFromArray(table).castTo(dtype).reshape('c', n, dim);
        this.flatGradient = Nd4j.zeros(dtype, (long) n * dim);
        long stateSize = config.stateSize((long) n * dim);
        INDArray state = stateSize > 0 ? Nd4j.zeros(dtype, 1, stateSize) : null;
        this.updater = config.instantiate(state, true);
        if (updater instanceof ParamAwareGradientUpdater<?> aware) {
            aware.bind(List.of(new ParamSlot("PoincareEmbeddingTrainer", "embeddings", params, 0, (long) n * dim,
                    'c', ball)));
        }
    }

    double baseLearningRate() {
        return baseLearningRate;
    }

    /** Sets the (constant) learning rate of the next steps; a schedule of the configured updater is replaced. */
    void setLearningRate(double lr) {
        if (config.getLearningRate(0, 0) != lr) {
            config.setLrAndSchedule(lr, null);
        }
    }

    /**
     * One step: the touched rows' gradient goes into the dense gradient (all other rows 0), the updater writes its
     * update there, the update is subtracted from the table, and the whole table is copied back into {@code table}.
     */
    void apply(double[] table, double[] grad, int[] touched, int numTouched, int iteration, int epoch) {
        // the updater overwrites the whole gradient array with its (possibly dense) update: start from zeros
        flatGradient.assign(0);
        if (float32) {
            FloatBuffer g = flatGradient.data().asNioFloat();
            for (int i = 0; i < numTouched; i++) {
                int o = touched[i] * dim;
                for (int k = 0; k < dim; k++) {
                    g.put(o + k, (float) grad[o + k]);
                }
            }
        } else {
            DoubleBuffer g = flatGradient.data().asNioDouble();
            for (int i = 0; i < numTouched; i++) {
                int o = touched[i] * dim;
                for (int k = 0; k < dim; k++) {
                    g.put(o + k, grad[o + k]);
                }
            }
        }
        // the updater's temporaries live in a reused workspace, as in DL4J's own fit (UPDATER_WORKING_MEM): outside
        // one, every step leaves table-sized off-heap buffers that only a (rare) Java GC frees — RSS grew to 17 GB
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, STEP_WORKSPACE_ID)) {
            updater.applyUpdater(flatGradient, iteration, epoch);
            params.subi(flatGradient.reshape('c', params.shape()));
        }
        copyParamsTo(table);
    }

    private void copyParamsTo(double[] table) {
        if (float32) {
            FloatBuffer p = params.data().asNioFloat();
            for (int i = 0; i < table.length; i++) {
                table[i] = p.get(i);
            }
        } else {
            params.data().asNioDouble().get(0, table);
        }
    }

    @Override
    public String toString() {
        return "updater " + config;
    }
}
