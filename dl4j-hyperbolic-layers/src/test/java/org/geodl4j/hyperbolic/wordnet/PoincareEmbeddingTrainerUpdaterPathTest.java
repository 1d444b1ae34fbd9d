package org.geodl4j.hyperbolic.wordnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.ParamAwareGradientUpdater;
import org.geodl4j.nn.ParamSlot;
import org.geodl4j.nn.SlotBinding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The IUpdater path hands the table to a param-aware updater as one ParamSlot on the ball and applies its update as
 * DL4J does. Checked with a minimal param-aware projected RSGD written here against the plain-Java RSGD path.
 */
class PoincareEmbeddingTrainerUpdaterPathTest {

    private static WordNetClosure tree;

    @BeforeAll
    static void loadTree() {
        tree = WordNetClosure.mammals().subtree("carnivore.n.01");
    }

    /** Config of {@link ProjectedRsgd}: update = x - projx(x - lr · egrad2rgrad(x, g)), written via the slot. */
    static final class ProjectedRsgdConfig implements IUpdater {
        double lr;
        int boundSlots;
        ParamSlot lastSlot;

        ProjectedRsgdConfig(double lr) {
            this.lr = lr;
        }

        @Override
        public long stateSize(long numParams) {
            return 0;
        }

        @Override
        public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
            return new ProjectedRsgd(this);
        }

        @Override
        public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
            return new ProjectedRsgd(this);
        }

        @Override
        public IUpdater clone() {
            return this; // shared on purpose: the test reads what the trainer bound
        }

        @Override
        public double getLearningRate(int iteration, int epoch) {
            return lr;
        }

        @Override
        public boolean hasLearningRate() {
            return true;
        }

        @Override
        public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
            this.lr = lr;
        }
    }

    static final class ProjectedRsgd implements ParamAwareGradientUpdater<ProjectedRsgdConfig> {
        private final ProjectedRsgdConfig config;
        private final SlotBinding binding = new SlotBinding("ProjectedRsgd");

        ProjectedRsgd(ProjectedRsgdConfig config) {
            this.config = config;
        }

        @Override
        public void bind(List<ParamSlot> slots) {
            binding.bind(slots);
            config.boundSlots = slots.size();
            config.lastSlot = slots.get(0);
        }

        @Override
        public boolean isBound() {
            return binding.isBound();
        }

        @Override
        public ProjectedRsgdConfig getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of();
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder,
                boolean initialize) {
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            for (ParamSlot s : binding.slotsFor(gradient)) {
                INDArray x = s.value();
                INDArray g = s.gradientIn(gradient);
                INDArray next = s.manifold().projx(x.sub(s.manifold().egrad2rgrad(x, g).muli(config.lr)));
                g.assign(x.sub(next));
            }
        }
    }

    @Test
    void paramAwareUpdaterThroughTheSlotMatchesThePlainJavaStep() {
        ProjectedRsgdConfig config = new ProjectedRsgdConfig(0.3);
        PoincareEmbeddingTrainer viaUpdater = PoincareEmbeddingTrainer.builder().dim(4).negatives(5)
                .burnIn(1, 0.1).seed(9).updater(config).build(tree);
        PoincareEmbeddingTrainer plain = PoincareEmbeddingTrainer.builder().dim(4).negatives(5).learningRate(0.3)
                .burnIn(1, 0.1).seed(9).build(tree);
        assertEquals(1, config.boundSlots);
        assertArrayEquals(new long[] {tree.size(), 4}, config.lastSlot.shape());
        assertEquals(new PoincareBall(1.0), config.lastSlot.manifold());
        List<PoincareEmbeddingTrainer.EpochReport> a = viaUpdater.train(4, null);
        List<PoincareEmbeddingTrainer.EpochReport> b = plain.train(4, null);
        assertEquals(0.03, a.get(0).learningRate(), 1e-15, "burn-in factor applied to the updater's rate");
        assertEquals(0.3, a.get(1).learningRate(), 1e-15);
        double[] x = viaUpdater.embeddingTable();
        double[] y = plain.embeddingTable();
        double maxDiff = 0;
        for (int i = 0; i < x.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(x[i] - y[i]));
        }
        assertTrue(maxDiff < 1e-10, "max difference " + maxDiff);
        for (int e = 0; e < 4; e++) {
            assertEquals(b.get(e).meanLoss(), a.get(e).meanLoss(), 1e-9);
        }
    }
}
