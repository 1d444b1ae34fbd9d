package org.geodl4j.samples;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.geodl4j.hyperbolic.wordnet.PoincareEmbeddingTrainer;
import org.geodl4j.hyperbolic.wordnet.ReconstructionEvaluation;
import org.geodl4j.hyperbolic.wordnet.WordNetClosure;
import org.geodl4j.hyperbolic.wordnet.WordNetReconstructionExperiment;
import org.geodl4j.samples.plot.Palette;
import org.geodl4j.samples.plot.ProgressBar;
import org.geodl4j.samples.plot.ScatterPlot;
import org.geodl4j.updater.RiemannianAdam;
import org.geodl4j.updater.RiemannianSgd;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code poincare-wordnet}: Poincaré embeddings of the WordNet mammal closure (Nickel &amp; Kiela, NeurIPS 2017) with
 * the fast {@link PoincareEmbeddingTrainer}: trains with a progress bar, prints reconstruction mean rank and mAP in
 * both conventions (gensim's and Nickel &amp; Kiela's), and for a 2-D embedding draws the Poincaré disk with the
 * mammals coloured by subtree, each node joined to its closest ancestor, and the largest subtrees labelled, like the
 * paper's Figure 1. {@code --grid} runs the reconstruction experiment of {@code docs/RESULTS.md} (dims 10 and 2,
 * built-in RSGD / Riemannian Adam, with {@code --with-updaters} also geodl4j's {@code RiemannianSgd} /
 * {@code RiemannianAdam} updaters).
 */
@Command(name = "poincare-wordnet", mixinStandardHelpOptions = true,
        description = "Poincaré embeddings of the WordNet mammal closure: reconstruction mean rank / mAP and a PNG of "
                + "the 2-D Poincaré disk.")
final class PoincareWordnet implements Callable<Integer> {

    /** Subtrees coloured in the figure, in legend order. */
    static final String[][] GROUPS = {{"carnivore.n.01", "carnivores"}, {"ungulate.n.01", "ungulates"},
        {"primate.n.02", "primates"}, {"rodent.n.01", "rodents"}, {"aquatic_mammal.n.01", "aquatic mammals"}};

    @Option(names = "--dim", description = "Embedding dimension; the PNG needs 2 (default: ${DEFAULT-VALUE}).")
    int dim = 2;

    @Option(names = "--epochs", description = "Epochs after 10 burn-in epochs at lr/10 (default: ${DEFAULT-VALUE}).")
    int epochs = 50;

    @Option(names = "--optimizer", description = "rsgd or radam (built-in fast paths) (default: ${DEFAULT-VALUE}).")
    String optimizer = "rsgd";

    @Option(names = "--lr", description = "Learning rate (default: 0.3 for rsgd, 0.01 for radam).")
    Double lr;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--labels", description = "How many nodes to label, largest subtrees first (default: "
            + "${DEFAULT-VALUE}).")
    int labels = 45;

    @Option(names = "--png", description = "Output PNG (default: ${DEFAULT-VALUE}).")
    Path png = Path.of("out", "wordnet_mammals_poincare_disk.png");

    @Option(names = "--grid", description = "Run the RESULTS.md grid instead: dims 10 and 2, built-in RSGD/RADAM and "
            + "the RiemannianSgd/RiemannianAdam updaters.")
    boolean grid;

    @Option(names = "--with-updaters", description = "With --grid, also train through the RiemannianSgd/RiemannianAdam "
            + "IUpdaters (a dense ND4J step over the whole table per batch: 50-75x slower per epoch than the fast paths).")
    boolean withUpdaters;

    /** A built-in RSGD (or RADAM when {@code lr < 0.1}) trainer with the experiment's schedule. */
    static PoincareEmbeddingTrainer trainer(int dim, double lr, long seed) {
        return PoincareEmbeddingTrainer.builder().dim(dim).negatives(10).batchSize(10)
                .burnIn(WordNetReconstructionExperiment.DEFAULT_BURN_IN_EPOCHS,
                        WordNetReconstructionExperiment.DEFAULT_BURN_IN_FACTOR)
                .learningRate(lr).seed(seed).build(WordNetClosure.mammals());
    }

    @Override
    public Integer call() {
        WordNetClosure mammals = WordNetClosure.mammals();
        if (grid) {
            return runGrid(mammals);
        }
        boolean adam = optimizer.equalsIgnoreCase("radam");
        if (!adam && !optimizer.equalsIgnoreCase("rsgd")) {
            throw new IllegalArgumentException("--optimizer must be rsgd or radam, got " + optimizer);
        }
        double rate = lr != null ? lr : adam ? WordNetReconstructionExperiment.DEFAULT_RADAM_LR
                : WordNetReconstructionExperiment.DEFAULT_RSGD_LR;
        PoincareEmbeddingTrainer t = PoincareEmbeddingTrainer.builder().dim(dim).negatives(10).batchSize(10)
                .burnIn(WordNetReconstructionExperiment.DEFAULT_BURN_IN_EPOCHS,
                        WordNetReconstructionExperiment.DEFAULT_BURN_IN_FACTOR)
                .optimizer(adam ? PoincareEmbeddingTrainer.Optimizer.RADAM : PoincareEmbeddingTrainer.Optimizer.RSGD)
                .learningRate(rate).seed(seed).build(mammals);
        System.out.println(mammals + "; " + t);
        int total = WordNetReconstructionExperiment.DEFAULT_BURN_IN_EPOCHS + epochs;
        long t0 = System.nanoTime();
        try (ProgressBar pb = new ProgressBar("training", total)) {
            t.train(total, r -> {
                pb.setExtra(String.format(Locale.ROOT, "loss %.4f%s", r.meanLoss(), r.burnIn() ? " (burn-in)" : ""));
                pb.step();
            });
        }
        double perEpoch = (System.nanoTime() - t0) * 1e-9 / total;
        ReconstructionEvaluation.Result r = t.evaluate();
        System.out.printf(Locale.ROOT, "%d epochs, %.4f s/epoch%n", total, perEpoch);
        System.out.printf(Locale.ROOT, "reconstruction, gensim convention (node among its negatives): "
                + "mean rank %.3f, mAP %.4f%n", r.gensim().meanRank(), r.gensim().meanAveragePrecision());
        System.out.printf(Locale.ROOT, "reconstruction, Nickel & Kiela convention (node excluded):    "
                + "mean rank %.3f, mAP %.4f%n", r.nickelKiela().meanRank(), r.nickelKiela().meanAveragePrecision());
        if (dim == 2) {
            ScatterPlot plot = disk(mammals, t.embeddingTable(), labels,
                    String.format(Locale.ROOT, "WordNet mammals in the Poincare disk (mAP %.3f)",
                            r.nickelKiela().meanAveragePrecision()));
            plot.save(png);
            System.out.println("wrote " + png + " (" + plot.labelsDropped() + " labels left out for lack of room)");
        } else {
            System.out.println("(no PNG: the disk plot needs --dim 2)");
        }
        return 0;
    }

    private int runGrid(WordNetClosure mammals) {
        System.out.println(mammals + "; batch 10, 10 negatives, 10 burn-in epochs at lr/10 + 50 epochs, seed 1");
        List<WordNetReconstructionExperiment.Row> rows = WordNetReconstructionExperiment.runGrid(mammals,
                new int[] {10, 2}, 50, 1,
                withUpdaters ? lr -> RiemannianSgd.builder().learningRate(lr).exact(false).build() : null,
                withUpdaters ? RiemannianAdam::new : null, System.out);
        System.out.println(WordNetReconstructionExperiment.Row.markdownHeader());
        for (WordNetReconstructionExperiment.Row row : rows) {
            System.out.println(row.markdown());
        }
        return 0;
    }

    /** Index of the group (see {@link #GROUPS}) node {@code i} belongs to, or -1. */
    static int group(WordNetClosure closure, int i) {
        for (int g = 0; g < GROUPS.length; g++) {
            int root = closure.indexOf(GROUPS[g][0]);
            if (root >= 0 && (i == root || closure.isAncestor(i, root))) {
                return g;
            }
        }
        return -1;
    }

    /**
     * The disk figure: unit circle, every node joined to its closest ancestor (the ancestor with most ancestors of its
     * own), points coloured by {@link #GROUPS}, labels for the {@code numLabels} nodes with most descendants.
     */
    static ScatterPlot disk(WordNetClosure closure, double[] table, int numLabels, String title) {
        int n = closure.size();
        double[] x = new double[n];
        double[] y = new double[n];
        int[] descendants = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = table[2 * i];
            y[i] = table[2 * i + 1];
        }
        for (int e = 0; e < closure.numEdges(); e++) {
            descendants[closure.edgeAncestor(e)]++;
        }
        ScatterPlot plot = new ScatterPlot().title(title).equalAspect(true).size(1000, 1000).labelScale(1)
                .circle(0, 0, 1).pointRadius(2.5);
        Color edge = new Color(0xCCCCCC);
        for (int i = 0; i < n; i++) {
            int parent = -1;
            for (int a : closure.ancestors(i)) {
                if (parent < 0 || closure.numAncestors(a) > closure.numAncestors(parent)) {
                    parent = a;
                }
            }
            if (parent >= 0) {
                plot.edge(x[i], y[i], x[parent], y[parent], edge);
            }
        }
        for (int g = -1; g < GROUPS.length; g++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (group(closure, i) == g) {
                    members.add(i);
                }
            }
            double[] gx = members.stream().mapToDouble(i -> x[i]).toArray();
            double[] gy = members.stream().mapToDouble(i -> y[i]).toArray();
            plot.points(g < 0 ? "other" : GROUPS[g][1], gx, gy, g < 0 ? new Color(0x888888) : Palette.colour(g));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> -descendants[i]).thenComparing(closure::name));
        for (int k = 0; k < Math.min(numLabels, n); k++) {
            int i = order.get(k);
            String name = closure.name(i);
            int dot = name.indexOf('.');
            plot.label(x[i], y[i], (dot > 0 ? name.substring(0, dot) : name).replace('_', ' '));
        }
        return plot;
    }
}
