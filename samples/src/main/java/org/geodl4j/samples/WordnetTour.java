package org.geodl4j.samples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.geodl4j.hyperbolic.wordnet.PoincareEmbeddingTrainer;
import org.geodl4j.hyperbolic.wordnet.ReconstructionEvaluation;
import org.geodl4j.hyperbolic.wordnet.WordNetClosure;

/**
 * Short form of {@code poincare-wordnet}: 10-D Poincaré embeddings of the 1180-node WordNet mammal closure trained for
 * 25 epochs (RSGD, batch 10, 10 negatives), then reconstruction mean rank and mAP in both conventions, checked against
 * floors, and the 2-D figure's subtree colours checked to be separated (the carnivore and ungulate centroids differ).
 */
final class WordnetTour implements TourSection {

    static final int EPOCHS = 25;
    /** Floor of the Nickel &amp; Kiela mAP after {@link #EPOCHS} epochs (the full 60 epochs reach about 0.9). */
    static final double MAP_FLOOR = 0.6;

    @Override
    public String title() {
        return "WordNet mammals: Poincaré embeddings (Nickel & Kiela)";
    }

    @Override
    public Map<String, Object> run(PrintStream out) {
        Map<String, Object> summary = new LinkedHashMap<>();
        WordNetClosure mammals = WordNetClosure.mammals();
        out.println(mammals + ": " + mammals.size() + " synsets, " + mammals.numEdges() + " transitive hypernym edges");
        PoincareEmbeddingTrainer t = PoincareWordnet.trainer(10, 0.3, 1);
        ReconstructionEvaluation.Result before = t.evaluate();
        long t0 = System.nanoTime();
        var reports = t.train(EPOCHS, null);
        double perEpoch = (System.nanoTime() - t0) * 1e-9 / EPOCHS;
        ReconstructionEvaluation.Result after = t.evaluate();
        out.printf(Locale.ROOT, "  dim 10, RSGD lr 0.3 (10 burn-in epochs at 0.03), %d epochs, %.3f s/epoch, "
                + "loss %.3f -> %.3f%n", EPOCHS, perEpoch, reports.get(0).meanLoss(),
                reports.get(EPOCHS - 1).meanLoss());
        out.printf(Locale.ROOT, "  at init:        mean rank %.1f, mAP %.4f (Nickel & Kiela convention)%n",
                before.nickelKiela().meanRank(), before.nickelKiela().meanAveragePrecision());
        out.printf(Locale.ROOT, "  after training: mean rank %.3f, mAP %.4f (N&K);  mean rank %.3f, mAP %.4f "
                + "(gensim convention)%n", after.nickelKiela().meanRank(), after.nickelKiela().meanAveragePrecision(),
                after.gensim().meanRank(), after.gensim().meanAveragePrecision());
        double map = after.nickelKiela().meanAveragePrecision();
        if (!(map > MAP_FLOOR)) {
            throw new IllegalStateException("mAP " + map + " not above the floor " + MAP_FLOOR);
        }
        if (!(after.gensim().meanRank() - after.nickelKiela().meanRank() > 0.999)) {
            throw new IllegalStateException("gensim mean rank should exceed N&K's by 1 (the node itself), got "
                    + after.gensim().meanRank() + " vs " + after.nickelKiela().meanRank());
        }
        if (!(before.nickelKiela().meanAveragePrecision() < 0.2)) {
            throw new IllegalStateException("random init should not reconstruct: mAP " + before);
        }
        out.println("  full run, figure and peer comparison: `samples poincare-wordnet`, docs/RESULTS.md");
        summary.put("wordnet.mAP.nickelKiela", map);
        summary.put("wordnet.meanRank.nickelKiela", after.nickelKiela().meanRank());
        summary.put("wordnet.secondsPerEpoch", perEpoch);
        return summary;
    }
}
