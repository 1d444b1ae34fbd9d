package org.geodl4j.hyperbolic.wordnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.geodl4j.updater.EpsilonConvention;
import org.geodl4j.updater.RiemannianAdam;
import org.geodl4j.updater.RiemannianSgd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trainer driven by geodl4j's own {@link RiemannianSgd} and {@link RiemannianAdam} (through {@link UpdaterTableStep},
 * i.e. the updaters' {@code applyUpdater} on the table bound as one ParamSlot on the Poincaré ball) against the
 * built-in plain-Java RSGD / Riemannian Adam on the feline subtree of the mammal closure.
 *
 * <p>With matching settings the two paths are the same algorithm, so the tables must agree to rounding: RSGD with the
 * projected step = {@code RiemannianSgd(exact = false)} (retraction {@code projx(x + u)}, re-projection every step),
 * RSGD with the exponential map = {@code RiemannianSgd(exact = true)}, and the built-in Adam (PyTorch eps placement,
 * one second moment per row) = {@code RiemannianAdam} with {@link EpsilonConvention#PYTORCH}. The updaters' own
 * defaults (exact maps, DL4J eps placement) must reconstruct the tree as well as the built-in paths.
 */
class PoincareEmbeddingTrainerRealUpdatersTest {

    private static final int EPOCHS = 8;
    private static final int LONG_EPOCHS = 40;
    private static WordNetClosure tree;

    @BeforeAll
    static void loadTree() {
        tree = WordNetClosure.mammals().subtree("feline.n.01");
        assertTrue(tree.size() > 40 && tree.numEdges() > 100, tree.toString());
    }

    private static PoincareEmbeddingTrainer.Builder base() {
        return PoincareEmbeddingTrainer.builder().dim(5).negatives(5).batchSize(10).burnIn(2, 0.1).seed(11);
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static void assertSameRun(PoincareEmbeddingTrainer viaUpdater, PoincareEmbeddingTrainer builtIn,
            double tol, String what) {
        List<PoincareEmbeddingTrainer.EpochReport> a = viaUpdater.train(EPOCHS, null);
        List<PoincareEmbeddingTrainer.EpochReport> b = builtIn.train(EPOCHS, null);
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(b.get(e).meanLoss(), a.get(e).meanLoss(), tol, what + ": loss of epoch " + (e + 1));
            assertEquals(b.get(e).learningRate(), a.get(e).learningRate(), 1e-15, what + ": lr of epoch " + (e + 1));
        }
        double diff = maxAbsDiff(viaUpdater.embeddingTable(), builtIn.embeddingTable());
        assertTrue(diff < tol, what + ": max table difference " + diff);
        assertTrue(a.get(EPOCHS - 1).meanLoss() < 0.9 * a.get(0).meanLoss(), what + ": loss did not drop, " + a);
    }

    @Test
    void riemannianSgdWithRetractionEqualsTheProjectedStep() {
        PoincareEmbeddingTrainer viaUpdater = base()
                .updater(RiemannianSgd.builder().learningRate(0.3).exact(false).build()).build(tree);
        PoincareEmbeddingTrainer builtIn = base().learningRate(0.3)
                .retraction(PoincareEmbeddingTrainer.Retraction.PROJECTED_STEP).build(tree);
        assertSameRun(viaUpdater, builtIn, 1e-9, "RiemannianSgd(exact=false) vs RSGD/PROJECTED_STEP");
    }

    @Test
    void riemannianSgdWithExpmapEqualsTheExactStep() {
        PoincareEmbeddingTrainer viaUpdater = base().updater(new RiemannianSgd(0.3)).build(tree);
        PoincareEmbeddingTrainer builtIn = base().learningRate(0.3)
                .retraction(PoincareEmbeddingTrainer.Retraction.EXPMAP).build(tree);
        assertSameRun(viaUpdater, builtIn, 1e-9, "RiemannianSgd(exact=true) vs RSGD/EXPMAP");
    }

    @Test
    void riemannianAdamWithPytorchEpsEqualsTheBuiltInAdam() {
        PoincareEmbeddingTrainer viaUpdater = base().updater(RiemannianAdam.builder().learningRate(0.05)
                .epsilonConvention(EpsilonConvention.PYTORCH).exact(false).build()).build(tree);
        PoincareEmbeddingTrainer builtIn = base().optimizer(PoincareEmbeddingTrainer.Optimizer.RADAM)
                .learningRate(0.05).retraction(PoincareEmbeddingTrainer.Retraction.PROJECTED_STEP).build(tree);
        assertSameRun(viaUpdater, builtIn, 1e-8, "RiemannianAdam(PYTORCH eps, retraction) vs built-in RADAM");
    }

    @Test
    void updaterDefaultsReconstructAsWellAsTheBuiltInPaths() {
        PoincareEmbeddingTrainer rsgd = base().learningRate(0.3).build(tree);
        PoincareEmbeddingTrainer radam = base().optimizer(PoincareEmbeddingTrainer.Optimizer.RADAM).learningRate(0.05)
                .build(tree);
        PoincareEmbeddingTrainer sgdUpdater = base().updater(new RiemannianSgd(0.3)).build(tree);
        PoincareEmbeddingTrainer adamUpdater = base().updater(new RiemannianAdam(0.05)).build(tree);
        for (PoincareEmbeddingTrainer t : List.of(rsgd, radam, sgdUpdater, adamUpdater)) {
            t.train(LONG_EPOCHS, null);
        }
        double mapRsgd = rsgd.evaluate().nickelKiela().meanAveragePrecision();
        double mapRadam = radam.evaluate().nickelKiela().meanAveragePrecision();
        ReconstructionEvaluation.Result sgd = sgdUpdater.evaluate();
        ReconstructionEvaluation.Result adam = adamUpdater.evaluate();
        assertTrue(sgd.nickelKiela().meanAveragePrecision() > mapRsgd - 0.03,
                "RiemannianSgd " + sgd + " vs built-in RSGD mAP " + mapRsgd);
        assertTrue(adam.nickelKiela().meanAveragePrecision() > mapRadam - 0.03,
                "RiemannianAdam " + adam + " vs built-in RADAM mAP " + mapRadam);
        System.out.printf("feline subtree, %d epochs: built-in RSGD mAP %.4f, RiemannianSgd %s; built-in RADAM mAP %.4f,"
                + " RiemannianAdam %s%n", LONG_EPOCHS, mapRsgd, sgd, mapRadam, adam);
        assertTrue(sgd.nickelKiela().meanAveragePrecision() > 0.85 && adam.nickelKiela().meanAveragePrecision() > 0.85,
                sgd + " / " + adam);
    }
}
