package org.geodl4j.samples.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One example of every plot type, shaped like the samples' real figures (loss curves, a labelled Poincaré-disk
 * tree, ternary weight counts, Koopman eigenvalues, trajectories, error vs horizon). Used by {@code PlotGalleryTest}
 * and, through {@link #main}, by the font-free check that runs it in a separate JVM.
 */
final class PlotGallery {

    /** File names written by {@link #renderAll(Path)}. */
    static final String[] FILES = {
        "loss.png", "poincare.png", "ternary-grid.png", "eigenvalues.png", "trajectory.png", "horizon.png",
        "histogram.png",
    };

    private PlotGallery() {
    }

    public static void main(String[] args) {
        renderAll(Path.of(args.length > 0 ? args[0] : "target/plot-gallery"));
    }

    static void renderAll(Path dir) {
        Random rnd = new Random(42);
        int n = 400;
        double[] steps = new double[n];
        double[] sgd = new double[n];
        double[] adam = new double[n];
        double[] adamSd = new double[n];
        double[] muon = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i * 5;
            sgd[i] = 2.0 * Math.exp(-i / 120.0) * (1 + 0.15 * rnd.nextGaussian() * Math.exp(-i / 400.0)) + 1e-3;
            adam[i] = 2.0 * Math.exp(-i / 25.0) + 1e-6;
            adamSd[i] = 0.4 * adam[i];
            muon[i] = 2.0 * Math.exp(-i / 40.0) * (1 + 0.3 * Math.abs(rnd.nextGaussian())) + 2e-5;
        }
        new LineChart().title("Training loss (Rayleigh quotient on the sphere)").xLabel("step").yLabel("loss")
                .logY(true).add("Riemannian SGD", steps, sgd).addBand("Riemannian Adam (mean \u00b1 sd)", steps, adam,
                        adamSd).add("Muon", steps, muon)
                .save(dir.resolve(FILES[0]));

        ScatterPlot disk = new ScatterPlot().title("WordNet mammals in the Poincare disk").equalAspect(true)
                .labelScale(1)
                .circle(0, 0, 1);
        List<double[]> pts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        pts.add(new double[] {0.02, -0.01});
        names.add("mammal.n.01");
        String[] level1 = {"carnivore", "primate", "ungulate", "rodent", "cetacean", "bat"};
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < level1.length; a++) {
            double angle = 2 * Math.PI * a / level1.length + 0.3;
            pts.add(new double[] {0.45 * Math.cos(angle), 0.45 * Math.sin(angle)});
            names.add(level1[a]);
            int parent = pts.size() - 1;
            pairs.add(new int[] {0, parent});
            for (int b = 0; b < 7; b++) {
                double ang = angle + (b - 3) * 0.11;
                double r = 0.82 + 0.03 * (b % 2);
                pts.add(new double[] {r * Math.cos(ang), r * Math.sin(ang)});
                names.add(level1[a].substring(0, 3) + "_" + b);
                int child = pts.size() - 1;
                pairs.add(new int[] {parent, child});
                for (int c = 0; c < 3; c++) {
                    double a2 = ang + (c - 1) * 0.03;
                    pts.add(new double[] {0.97 * Math.cos(a2), 0.97 * Math.sin(a2)});
                    names.add(null);
                    pairs.add(new int[] {child, pts.size() - 1});
                }
            }
        }
        double[] px = new double[pts.size()];
        double[] py = new double[pts.size()];
        double[] radii = new double[pts.size()];
        Color[] colours = new Color[pts.size()];
        for (int i = 0; i < px.length; i++) {
            px[i] = pts.get(i)[0];
            py[i] = pts.get(i)[1];
            double norm = Math.hypot(px[i], py[i]);
            radii[i] = 2 + 4 * (1 - norm);
            colours[i] = Palette.colour(norm < 0.3 ? 1 : norm < 0.6 ? 0 : norm < 0.9 ? 2 : 3);
        }
        disk.edges(px, py, pairs.toArray(new int[0][])).points(null, px, py, colours, radii)
                .labels(px, py, names.toArray(new String[0]));
        disk.save(dir.resolve(FILES[1]));

        Grid grid = new Grid(2).title("BitNet b1.58: ternary weights per layer");
        long[][] counts = {{2210, 4102, 2188}, {5020, 6100, 5264}, {301, 702, 277}};
        for (int l = 0; l < counts.length; l++) {
            double[] c = {counts[l][0], counts[l][1], counts[l][2]};
            grid.add(new BarChart("-1", "0", "+1").title("layer " + (l + 1)).yLabel("count").valueLabels(true)
                    .add(null, c, Palette.colour(l)));
        }
        double[] latent = new double[5000];
        for (int i = 0; i < latent.length; i++) {
            latent[i] = 0.05 * rnd.nextGaussian();
        }
        grid.add(new Histogram().title("latent weights, layer 1").xLabel("w").bins(40).add(null, latent));
        grid.save(dir.resolve(FILES[2]));

        double[] trueRe = new double[8];
        double[] trueIm = new double[8];
        double[] estRe = new double[8];
        double[] estIm = new double[8];
        for (int k = 0; k < 4; k++) {
            double mod = 0.995 - 0.05 * k;
            double ang = 0.25 * (k + 1);
            trueRe[2 * k] = mod * Math.cos(ang);
            trueIm[2 * k] = mod * Math.sin(ang);
            trueRe[2 * k + 1] = trueRe[2 * k];
            trueIm[2 * k + 1] = -trueIm[2 * k];
            estRe[2 * k] = trueRe[2 * k] * (1 + 0.02 * rnd.nextGaussian());
            estIm[2 * k] = trueIm[2 * k] * (1 + 0.02 * rnd.nextGaussian());
            estRe[2 * k + 1] = estRe[2 * k];
            estIm[2 * k + 1] = -estIm[2 * k];
        }
        new ScatterPlot().title("Koopman eigenvalues").xLabel("Re").yLabel("Im").equalAspect(true).circle(0, 0, 1)
                .points("true", trueRe, trueIm).points("learned", estRe, estIm)
                .label(estRe[0], estIm[0], "λ1").label(estRe[2], estIm[2], "λ2")
                .save(dir.resolve(FILES[3]));

        int t = 300;
        double[] time = new double[t];
        double[] theta = new double[t];
        double[] pred = new double[t];
        for (int i = 0; i < t; i++) {
            time[i] = i * 0.05;
            theta[i] = 1.2 * Math.cos(1.9 * time[i]) * Math.exp(-0.02 * time[i]);
            pred[i] = 1.2 * Math.cos(1.93 * time[i]) * Math.exp(-0.021 * time[i]);
        }
        new LineChart().title("Pendulum: predicted vs true angle").xLabel("time [s]").yLabel("theta [rad]")
                .add("true", time, theta).add("Koopman rollout", time, pred)
                .save(dir.resolve(FILES[4]));

        double[] horizon = {1, 2, 5, 10, 20, 50, 100, 200};
        double[] err = new double[horizon.length];
        double[] errSd = new double[horizon.length];
        double[] base = new double[horizon.length];
        for (int i = 0; i < horizon.length; i++) {
            err[i] = 1e-4 * Math.pow(horizon[i], 1.3);
            errSd[i] = 0.5 * err[i];
            base[i] = 1e-3 * Math.pow(horizon[i], 1.8);
        }
        new LineChart().title("Rollout error vs horizon").xLabel("horizon [steps]").yLabel("RMSE").logX(true)
                .logY(true).markers(true).addBand("Koopman (5 seeds)", horizon, err, errSd)
                .add("MLP baseline", horizon, base)
                .save(dir.resolve(FILES[5]));

        double[] before = new double[3000];
        double[] after = new double[3000];
        for (int i = 0; i < before.length; i++) {
            before[i] = rnd.nextGaussian();
            after[i] = 0.6 * rnd.nextGaussian() + (rnd.nextBoolean() ? 1.2 : -1.2);
        }
        new Histogram().title("Weight distribution").xLabel("weight").yLabel("count").bins(50)
                .add("init", before).add("trained", after)
                .save(dir.resolve(FILES[6]));
    }
}
