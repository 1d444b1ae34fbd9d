package org.geodl4j.hyperbolic.wordnet;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The WordNet reconstruction experiment of Nickel &amp; Kiela (NeurIPS 2017, §4.1) on a {@link WordNetClosure}: trains
 * Poincaré embeddings with {@link PoincareEmbeddingTrainer} for each (dimension, optimiser) pair and reports mean rank
 * and mAP in both conventions of {@link ReconstructionEvaluation} plus wall-clock seconds per epoch.
 *
 * <p>Defaults mirror gensim's {@code PoincareModel} so the peer script {@code benchmarks/peers/gensim_poincare.py}
 * runs the same schedule: batch 10, 10 negatives, 10 burn-in epochs at a tenth of the learning rate (gensim: alpha 0.1,
 * burn-in alpha 0.01), then {@code epochs} epochs; RSGD at lr 0.3 (Nickel &amp; Kiela's {@code train-mammals.sh}),
 * Riemannian Adam at lr 0.01. Seconds per epoch average all epochs, burn-in included.
 *
 * <pre>
 * java ... org.geodl4j.hyperbolic.wordnet.WordNetReconstructionExperiment [epochs] [--dims 10,2] [--seed 1]
 *      [--tsv file | --wordnet /usr/share/wordnet] [--write-embeddings dir]
 * </pre>
 */
public final class WordNetReconstructionExperiment {

    /** Default training epochs after burn-in. */
    public static final int DEFAULT_EPOCHS = 50;
    /** Default burn-in epochs (gensim). */
    public static final int DEFAULT_BURN_IN_EPOCHS = 10;
    /** Default burn-in learning-rate factor (gensim: 0.01 burn-in alpha over 0.1 alpha). */
    public static final double DEFAULT_BURN_IN_FACTOR = 0.1;
    /** Default RSGD learning rate (Nickel &amp; Kiela's train-mammals.sh). */
    public static final double DEFAULT_RSGD_LR = 0.3;
    /** Default Riemannian Adam learning rate. */
    public static final double DEFAULT_RADAM_LR = 0.01;

    /**
     * One result row.
     *
     * @param method          e.g. {@code "RSGD (plain Java)"}
     * @param dim             embedding dimension
     * @param learningRate    learning rate after burn-in
     * @param epochs          epochs trained, burn-in included
     * @param finalLoss       mean loss of the last epoch
     * @param secondsPerEpoch wall-clock seconds per epoch
     * @param result          reconstruction scores
     */
    public record Row(String method, int dim, double learningRate, int epochs, double finalLoss, double secondsPerEpoch,
            ReconstructionEvaluation.Result result) {

        /** A markdown table row: method, dim, lr, epochs, loss, s/epoch, MR/mAP gensim, MR/mAP N&amp;K. */
        public String markdown() {
            return String.format(Locale.ROOT, "| %s | %d | %g | %d | %.4f | %.4f | %.3f | %.4f | %.3f | %.4f |", method,
                    dim, learningRate, epochs, finalLoss, secondsPerEpoch, result.gensim().meanRank(),
                    result.gensim().meanAveragePrecision(), result.nickelKiela().meanRank(),
                    result.nickelKiela().meanAveragePrecision());
        }

        /** Header of {@link #markdown()}. */
        public static String markdownHeader() {
            return "| method | dim | lr | epochs | final loss | s/epoch | MR (gensim) | mAP (gensim) | MR (N&K) | mAP (N&K) |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|";
        }
    }

    private WordNetReconstructionExperiment() {
    }

    /**
     * Trains and evaluates one configuration.
     *
     * @param method  label of the row
     * @param trainer a fresh trainer
     * @param epochs  epochs to train (burn-in included, as configured in the trainer)
     * @param log     progress output (one line every 10 epochs), or null
     */
    public static Row run(String method, PoincareEmbeddingTrainer trainer, int epochs, double learningRate,
            PrintStream log) {
        long t0 = System.nanoTime();
        List<PoincareEmbeddingTrainer.EpochReport> reports = trainer.train(epochs, r -> {
            if (log != null && (r.epoch() % 10 == 0 || r.epoch() == 1)) {
                log.println("  " + method + " dim " + trainer.dim() + ": " + r);
            }
        });
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new Row(method, trainer.dim(), learningRate, epochs, reports.get(epochs - 1).meanLoss(),
                seconds / epochs, trainer.evaluate());
    }

    /**
     * The standard grid: for each dimension, RSGD and Riemannian Adam (plain-Java paths), and, when the factories are
     * given, the same through DL4J updaters (e.g. {@code lr -> new RiemannianSgd(lr)}, {@code lr -> new RiemannianAdam(lr)}).
     *
     * @param rsgdUpdater  learning rate to IUpdater for the RSGD row through the updater, or null
     * @param radamUpdater learning rate to IUpdater for the Riemannian Adam row through the updater, or null
     */
    public static List<Row> runGrid(WordNetClosure closure, int[] dims, int epochs, long seed,
            DoubleFunction<IUpdater> rsgdUpdater, DoubleFunction<IUpdater> radamUpdater, PrintStream log) {
        List<Row> rows = new ArrayList<>();
        int total = epochs + DEFAULT_BURN_IN_EPOCHS;
        for (int dim : dims) {
            PoincareEmbeddingTrainer.Builder base = PoincareEmbeddingTrainer.builder().dim(dim).negatives(10)
                    .batchSize(10).burnIn(DEFAULT_BURN_IN_EPOCHS, DEFAULT_BURN_IN_FACTOR).seed(seed);
            rows.add(run("RSGD (plain Java)", base.optimizer(PoincareEmbeddingTrainer.Optimizer.RSGD)
                    .learningRate(DEFAULT_RSGD_LR).build(closure), total, DEFAULT_RSGD_LR, log));
            rows.add(run("RiemannianAdam (plain Java)", base.optimizer(PoincareEmbeddingTrainer.Optimizer.RADAM)
                    .learningRate(DEFAULT_RADAM_LR).build(closure), total, DEFAULT_RADAM_LR, log));
            if (rsgdUpdater != null) {
                rows.add(run("RiemannianSgd updater", base.updater(rsgdUpdater.apply(DEFAULT_RSGD_LR)).build(closure),
                        total, DEFAULT_RSGD_LR, log));
            }
            if (radamUpdater != null) {
                rows.add(run("RiemannianAdam updater",
                        base.updater(radamUpdater.apply(DEFAULT_RADAM_LR)).build(closure), total, DEFAULT_RADAM_LR,
                        log));
            }
            base.updater(null);
        }
        return rows;
    }

    /** Writes {@code name v_1 ... v_dim} lines (readable by {@code gensim_poincare.py --eval-embedding}). */
    public static void writeEmbedding(WordNetClosure closure, double[] table, int dim, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < closure.size(); i++) {
                StringBuilder sb = new StringBuilder(closure.name(i));
                for (int k = 0; k < dim; k++) {
                    sb.append(' ').append(table[i * dim + k]);
                }
                w.write(sb.append('\n').toString());
            }
        }
    }

    /** Command line: see the class comment. */
    public static void main(String[] args) throws IOException {
        int epochs = DEFAULT_EPOCHS;
        int[] dims = {10, 2};
        long seed = 1;
        WordNetClosure closure = null;
        Path writeDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dims" -> {
                    String[] f = args[++i].split(",");
                    dims = new int[f.length];
                    for (int k = 0; k < f.length; k++) {
                        dims[k] = Integer.parseInt(f[k].trim());
                    }
                }
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--tsv" -> closure = WordNetClosure.fromTsv(Paths.get(args[++i]));
                case "--wordnet" -> closure = WordNetClosure.fromWordNetDirectory(Paths.get(args[++i]));
                case "--write-embeddings" -> writeDir = Paths.get(args[++i]);
                default -> epochs = Integer.parseInt(args[i]);
            }
        }
        if (closure == null) {
            closure = WordNetClosure.mammals();
        }
        System.out.println(closure + "; " + epochs + " epochs after " + DEFAULT_BURN_IN_EPOCHS
                + " burn-in epochs, batch 10, 10 negatives, seed " + seed);
        List<Row> rows = runGrid(closure, dims, epochs, seed, null, null, System.out);
        System.out.println(Row.markdownHeader());
        for (Row r : rows) {
            System.out.println(r.markdown());
        }
        if (writeDir != null) {
            Files.createDirectories(writeDir);
            for (int dim : dims) {
                PoincareEmbeddingTrainer t = PoincareEmbeddingTrainer.builder().dim(dim).negatives(10).batchSize(10)
                        .burnIn(DEFAULT_BURN_IN_EPOCHS, DEFAULT_BURN_IN_FACTOR).seed(seed)
                        .learningRate(DEFAULT_RSGD_LR).build(closure);
                t.train(epochs + DEFAULT_BURN_IN_EPOCHS, null);
                Path f = writeDir.resolve("rsgd_dim" + dim + ".txt");
                writeEmbedding(closure, t.embeddingTable(), dim, f);
                System.out.println("wrote " + f + " (" + t.evaluate() + ")");
            }
        }
    }
}
