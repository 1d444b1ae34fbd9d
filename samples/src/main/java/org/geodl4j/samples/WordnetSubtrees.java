package org.geodl4j.samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.geodl4j.hyperbolic.wordnet.PoincareEmbeddingTrainer;
import org.geodl4j.hyperbolic.wordnet.WordNetClosure;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.samples.plot.ProgressBar;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wordnet-subtrees}: WordNet subtree classification (Ganea, Bécigneul &amp; Hofmann, "Hyperbolic Neural
 * Networks", NeurIPS 2018, §4): Poincaré embeddings of the mammal closure are trained once (RSGD, the reconstruction
 * schedule), then for each subtree a binary classifier decides "is the node in the subtree (root included)?" from the
 * frozen embedding: a hyperbolic MLR (two classes, HNN++ form {@link PoincareBall#mlrLogits(SDVariable, SDVariable,
 * SDVariable, SDVariable)}, Shimizu et al. 2021) against a Euclidean logistic regression (two-class softmax on
 * {@code xW + b}) on the same vectors. Both: a small SameDiff model in float64, full-batch Adam, softmax cross
 * entropy. Each seed draws a fresh stratified 80/20 train/test split and fresh classifier inits; the F1 of the positive
 * class on the test set is reported as mean ± standard deviation over the seeds.
 *
 * <p>The {@code PoincareMLR} output layer was not on main when this was written, so the hyperbolic MLR is the
 * geometry core's SameDiff {@code mlrLogits} inside a minimal SameDiff graph (no new geometry here).
 */
@Command(name = "wordnet-subtrees", mixinStandardHelpOptions = true,
        description = "WordNet mammal subtree classification on Poincaré embeddings: hyperbolic MLR vs Euclidean "
                + "logistic regression, F1 over several seeds.")
final class WordnetSubtrees implements Callable<Integer> {

    /** Default subtrees (each has at least 100 descendants among the 1180 mammals). */
    static final String[] DEFAULT_SUBTREES = {"carnivore.n.01", "even-toed_ungulate.n.01", "rodent.n.01",
        "primate.n.02"};

    @Option(names = "--dims", split = ",", description = "Embedding dimensions (default: ${DEFAULT-VALUE}).")
    int[] dims = {2, 10};

    @Option(names = "--subtrees", split = ",", description = "Subtree roots (default: carnivore.n.01, "
            + "even-toed_ungulate.n.01, rodent.n.01, primate.n.02).")
    String[] subtrees = DEFAULT_SUBTREES;

    @Option(names = "--seeds", description = "Number of seeds (split + classifier init) (default: ${DEFAULT-VALUE}).")
    int seeds = 5;

    @Option(names = "--embedding-epochs", description = "Embedding epochs after 10 burn-in epochs (default: "
            + "${DEFAULT-VALUE}).")
    int embeddingEpochs = 50;

    @Option(names = "--iterations", description = "Full-batch Adam iterations per classifier (default: "
            + "${DEFAULT-VALUE}).")
    int iterations = 200;

    @Option(names = "--lr", description = "Adam learning rate of the classifiers (default: ${DEFAULT-VALUE}).")
    double lr = 0.05;

    /** F1 of both classifiers for one subtree, dimension and seed. */
    record Score(String subtree, int dim, int seed, double f1Hyperbolic, double f1Euclidean) {
    }

    @Override
    public Integer call() {
        WordNetClosure mammals = WordNetClosure.mammals();
        System.out.println(mammals + "; embeddings: RSGD lr 0.3, batch 10, 10 negatives, 10 burn-in + "
                + embeddingEpochs + " epochs, seed 1");
        List<Score> all = new ArrayList<>();
        for (int dim : dims) {
            PoincareEmbeddingTrainer t = PoincareWordnet.trainer(dim, 0.3, 1);
            try (ProgressBar pb = new ProgressBar("embedding dim " + dim, 10 + embeddingEpochs)) {
                t.train(10 + embeddingEpochs, r -> {
                    pb.setExtra(String.format(Locale.ROOT, "loss %.4f", r.meanLoss()));
                    pb.step();
                });
            }
            System.out.println("  reconstruction: " + t.evaluate());
            double[][] x = rows(t.embeddingTable(), mammals.size(), dim);
            try (ProgressBar pb = new ProgressBar("classifiers dim " + dim, (long) subtrees.length * seeds)) {
                for (String root : subtrees) {
                    boolean[] positive = membership(mammals, root);
                    for (int s = 1; s <= seeds; s++) {
                        all.add(evaluate(root, dim, s, x, positive, iterations, lr));
                        pb.step();
                    }
                }
            }
        }
        System.out.println();
        System.out.println(markdown(all, mammals));
        return 0;
    }

    /** Markdown table: per subtree and dim, positives, F1 mean ± sd over seeds of both classifiers. */
    static String markdown(List<Score> scores, WordNetClosure closure) {
        StringBuilder sb = new StringBuilder(
                "| subtree | positives | dim | F1 hyperbolic MLR | F1 Euclidean LR |\n|---|---|---|---|---|\n");
        List<String> keys = new ArrayList<>();
        for (Score s : scores) {
            String k = s.subtree() + "|" + s.dim();
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }
        for (String k : keys) {
            String root = k.substring(0, k.indexOf('|'));
            int dim = Integer.parseInt(k.substring(k.indexOf('|') + 1));
            double[] h = scores.stream().filter(s -> s.subtree().equals(root) && s.dim() == dim)
                    .mapToDouble(Score::f1Hyperbolic).toArray();
            double[] e = scores.stream().filter(s -> s.subtree().equals(root) && s.dim() == dim)
                    .mapToDouble(Score::f1Euclidean).toArray();
            int pos = 0;
            for (boolean b : membership(closure, root)) {
                pos += b ? 1 : 0;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f ± %.3f | %.3f ± %.3f |%n", root, pos, dim,
                    mean(h), sd(h), mean(e), sd(e)));
        }
        return sb.toString();
    }

    static boolean[] membership(WordNetClosure closure, String root) {
        int r = closure.indexOf(root);
        if (r < 0) {
            throw new IllegalArgumentException("wordnet-subtrees: '" + root + "' is not a node of " + closure);
        }
        boolean[] in = new boolean[closure.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = i == r || closure.isAncestor(i, r);
        }
        return in;
    }

    static double[][] rows(double[] table, int n, int dim) {
        double[][] x = new double[n][dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(table, i * dim, x[i], 0, dim);
        }
        return x;
    }

    /** One seed: stratified 80/20 split, both classifiers trained from seeded inits, test F1 of each. */
    static Score evaluate(String root, int dim, int seed, double[][] x, boolean[] positive, int iterations,
            double lr) {
        SplittableRandom rnd = new SplittableRandom(1000L * seed + 17);
        List<Integer> pos = new ArrayList<>();
        List<Integer> neg = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            (positive[i] ? pos : neg).add(i);
        }
        shuffle(pos, rnd);
        shuffle(neg, rnd);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        split(pos, train, test);
        split(neg, train, test);
        DataSet trainSet = dataSet(x, positive, train);
        DataSet testSet = dataSet(x, positive, test);
        long initSeed = rnd.nextLong();
        double h = f1(fitPredict(true, dim, trainSet, testSet, initSeed, iterations, lr), testSet.getLabels());
        double e = f1(fitPredict(false, dim, trainSet, testSet, initSeed, iterations, lr), testSet.getLabels());
        return new Score(root, dim, seed, h, e);
    }

    private static void shuffle(List<Integer> l, SplittableRandom rnd) {
        for (int i = l.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Integer t = l.get(i);
            l.set(i, l.get(j));
            l.set(j, t);
        }
    }

    private static void split(List<Integer> l, List<Integer> train, List<Integer> test) {
        int nTest = Math.max(1, (int) Math.round(0.2 * l.size()));
        test.addAll(l.subList(0, nTest));
        train.addAll(l.subList(nTest, l.size()));
    }

    private static DataSet dataSet(double[][] x, boolean[] positive, List<Integer> idx) {
        double[][] f = new double[idx.size()][];
        double[][] y = new double[idx.size()][2];
        for (int i = 0; i < idx.size(); i++) {
            f[i] = x[idx.get(i)];
            y[i][positive[idx.get(i)] ? 1 : 0] = 1;
        }
        return new DataSet(Nd4j.createFromArray(f), Nd4j.createFromArray(y));
    }

    /**
     * Trains a two-class classifier (hyperbolic MLR or Euclidean logistic regression) on {@code train} with full-batch
     * Adam and returns its predicted class (1 = in the subtree) on {@code test}'s features.
     */
    static INDArray fitPredict(boolean hyperbolic, int dim, DataSet train, DataSet test, long seed, int iterations,
            double lr) {
        Nd4j.getRandom().setSeed(seed);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.DOUBLE, -1, dim);
        SDVariable label = sd.placeHolder("y", DataType.DOUBLE, -1, 2);
        SDVariable logits;
        if (hyperbolic) {
            // HNN++ init: z ~ N(0, 1/dim) (std n^-1/2 / sqrt(c), c = 1), r = 0 (Shimizu et al. 2021)
            SDVariable z = sd.var("z", Nd4j.randn(DataType.DOUBLE, dim, 2).muli(1.0 / Math.sqrt(dim)));
            SDVariable r = sd.var("r", Nd4j.zeros(DataType.DOUBLE, 1, 2));
            logits = PoincareBall.mlrLogits(in, z, r, sd.constant("c", Nd4j.scalar(1.0)));
        } else {
            SDVariable w = sd.var("w", Nd4j.randn(DataType.DOUBLE, dim, 2).muli(1.0 / Math.sqrt(dim)));
            SDVariable b = sd.var("b", Nd4j.zeros(DataType.DOUBLE, 1, 2));
            logits = in.mmul(w).add(b);
        }
        logits.rename("logits");
        sd.loss.softmaxCrossEntropy("loss", label, logits, null);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(lr)).dataSetFeatureMapping("x")
                .dataSetLabelMapping("y").build());
        for (int i = 0; i < iterations; i++) {
            sd.fit(train);
        }
        INDArray out = sd.output(java.util.Map.of("x", test.getFeatures()), "logits").get("logits");
        return out.argMax(1);
    }

    /** F1 of the positive class (1) for predicted classes {@code pred [N]} and one-hot labels {@code [N, 2]}. */
    static double f1(INDArray pred, INDArray labels) {
        long[] p = pred.toLongVector();
        double[][] y = labels.toDoubleMatrix();
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < p.length; i++) {
            boolean truth = y[i][1] > 0.5;
            boolean guess = p[i] == 1;
            tp += truth && guess ? 1 : 0;
            fp += !truth && guess ? 1 : 0;
            fn += truth && !guess ? 1 : 0;
        }
        return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    static double mean(double[] a) {
        return Arrays.stream(a).average().orElse(Double.NaN);
    }

    static double sd(double[] a) {
        if (a.length < 2) {
            return 0;
        }
        double m = mean(a);
        return Math.sqrt(Arrays.stream(a).map(v -> (v - m) * (v - m)).sum() / (a.length - 1));
    }
}
