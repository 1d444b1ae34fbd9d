package org.geodl4j.koopman;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.geodl4j.koopman.data.TrajectorySet;
import org.geodl4j.manifold.Euclidean;
import org.geodl4j.nn.ParamAwareGradientUpdater;
import org.geodl4j.nn.ParamSlot;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A Koopman autoencoder: MLP encoder φ, linear latent operator K, MLP decoder φ⁻¹, optionally a backward operator D,
 * trained on windows {@code (x₀, …, x_S)} of trajectories.
 *
 * <h2>Model and losses</h2>
 * <pre>
 *   z₀ = φ(x₀),  z_m = K^m z₀,  x̂_m = φ⁻¹(z_m)                       (column convention z' = Kz)
 *   L = w_rec   · MSE(x₀, φ⁻¹φ(x₀))                                     reconstruction
 *     + w_pred  · (1/S) Σ_{m=1..S} MSE(x_m, φ⁻¹(K^m φ(x₀)))             multi-step prediction (Lusch)
 *     + w_lin   · (1/S) Σ_{m=1..S} MSE(φ(x_m), K^m φ(x₀))               latent linearity (Lusch)
 *     + w_inf   · (‖x₀ − φ⁻¹φ(x₀)‖∞ + ‖x₁ − φ⁻¹Kφ(x₀)‖∞)                 L∞ (Lusch; max over batch and dims)
 *     + w_back  · (1/S) Σ_{k=1..S} MSE(x_{S−k}, φ⁻¹(D^k φ(x_S)))        backward prediction (Azencot)
 *     + w_con   · Σ_{k=1..L} (1/2k)(‖(DK − I)_{k×k}‖²_F + ‖(KD − I)_{k×k}‖²_F)   consistency (Azencot)
 *     + w_eig   · eigenloss(|λ(K)|)                                     Miller et al. ({@link EigenLoss})
 *     + w_lyap  · relu(λ_max(KᵀPK − P + εI)), P = LLᵀ + εI              Lyapunov ({@link SpectralOps#lyapunovPenalty})
 *     + w_l2    · Σ_W ‖W‖²/2                                            encoder/decoder weights, no biases
 * </pre>
 * MSE is the mean over batch and state dimensions. Lusch et al.'s weighting is {@link Builder#luschWeights},
 * Azencot et al.'s {@link Builder#azencotWeights}. The operator is chosen by {@link OperatorType}.
 *
 * <h2>Why SameDiff</h2>
 * The losses roll the latent state S steps through K and decode every step, and the stable operators are built from
 * a matrix exponential and block matrices; none of that is a DL4J layer stack. A {@link SameDiff} graph expresses it
 * directly, differentiates it exactly, and needs no {@code SameDiffLayer} (whose M2.1 runtime doubles gradients).
 * Training runs our own loop ({@code calculateGradientsAndOutputs} + one {@link GradientUpdater} per parameter),
 * so any DL4J {@link IUpdater} works, including geodl4j's param-aware updaters (bound to one {@link ParamSlot} per
 * parameter, Euclidean manifold). Encoder/decoder are applied to all S+1 states (resp. S+1 latent states) in one
 * batched pass.
 *
 * <h2>Data layout</h2>
 * A window is a row {@code [(S+1)·d]}, step-major ({@link TrajectoryWindowIterator}); states are rows {@code [n, d]}.
 *
 * <p>References: B. Lusch, J. N. Kutz, S. L. Brunton, "Deep learning for universal linear embeddings of nonlinear
 * dynamics", Nat. Commun. 9:4950 (2018). O. Azencot, N. B. Erichson, V. Lin, M. W. Mahoney, "Forecasting sequential
 * data using consistent Koopman autoencoders", ICML 2020. J. Miller et al., "Eigenvalue initialisation and
 * regularisation for Koopman autoencoders", arXiv 2212.12086 (2023). A. Orvieto et al., "Resurrecting recurrent
 * neural networks for long sequences", ICML 2023 (LRU).
 */
public final class KoopmanAutoencoder {

    /** Names of the loss components reported by {@link #evaluate}. */
    public static final List<String> COMPONENTS = List.of("reconstruction", "prediction", "linearity", "infinity",
            "backward", "consistency", "eigen", "lyapunov", "l2", "loss");

    private static final String MAGIC_PARAMS = "params.bin";
    private static final String MAGIC_CONFIG = "config.properties";

    private final KoopmanConfig config;
    private final Map<String, INDArray> params;
    private final SameDiff sd;
    private final List<String> paramNames;
    private final List<KoopmanListener> listeners = new ArrayList<>();
    private IUpdater updaterConfig;
    private final Map<String, GradientUpdater<?>> updaters = new LinkedHashMap<>();
    private int epochCount;
    private int iterationCount;

    private KoopmanAutoencoder(KoopmanConfig config, Map<String, INDArray> loaded) {
        this.config = config;
        Map<String, INDArray> init = loaded != null ? loaded : initialParams(config);
        this.sd = SameDiff.create();
        this.paramNames = List.copyOf(init.keySet());
        this.params = new LinkedHashMap<>();
        buildGraph(init);
        for (String n : paramNames) {
            params.put(n, sd.getVariable(n).getArr());
        }
        if (loaded == null && config.backward()) {
            // D starts as K⁻¹ (so the consistency loss starts near zero)
            params.get("D").assign(Nd4j.createFromArray(invert(toDouble(operator()))).castTo(config.dataType()));
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration. */
    public KoopmanConfig config() {
        return config;
    }

    /** The underlying SameDiff graph (placeholders {@code x}, {@code x_in}, {@code z_in}; loss {@code loss}). */
    public SameDiff sameDiff() {
        return sd;
    }

    /** Parameter names, in a fixed order. */
    public List<String> paramNames() {
        return paramNames;
    }

    /** Live parameter arrays by name (modifying them modifies the model). */
    public Map<String, INDArray> paramTable() {
        return Collections.unmodifiableMap(params);
    }

    /** Total number of trainable scalars. */
    public long numParams() {
        return params.values().stream().mapToLong(INDArray::length).sum();
    }

    /** Registers a progress callback. */
    public KoopmanAutoencoder addListener(KoopmanListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Removes all progress callbacks. */
    public void clearListeners() {
        listeners.clear();
    }

    /** Number of updates done so far. */
    public int iterationCount() {
        return iterationCount;
    }

    /** Number of epochs done so far. */
    public int epochCount() {
        return epochCount;
    }

    // ------------------------------------------------------------------------------------------------ training

    /**
     * Trains on all windows of S+1 states of {@code data} (batch size, stride and shuffling from the configuration).
     *
     * @return the mean minibatch loss of every epoch
     * @throws IllegalArgumentException if the trajectories are shorter than S+1 samples or of the wrong dimension
     */
    public double[] fit(TrajectorySet data, int epochs, IUpdater updater) {
        checkDimension(data.dimension(), "TrajectorySet " + data.name());
        TrajectoryWindowIterator it = new TrajectoryWindowIterator(data, config.steps(), config.batchSize(),
                config.windowStride(), true, config.seed() + epochCount, config.dataType());
        return fit(it, epochs, updater);
    }

    /**
     * Trains on windows from an iterator whose features are {@code [batch, (S+1)·d]} (labels are ignored).
     *
     * @param updater any DL4J updater configuration; its state persists across {@code fit} calls while the same
     *                (equal) configuration is passed
     * @return the mean minibatch loss of every epoch
     * @throws IllegalArgumentException on a wrong feature shape or non-finite features
     * @throws ArithmeticException      if the loss becomes non-finite
     */
    public double[] fit(DataSetIterator windows, int epochs, IUpdater updater) {
        if (epochs < 0) {
            throw new IllegalArgumentException("KoopmanAutoencoder.fit: epochs must be >= 0, got " + epochs);
        }
        prepareUpdaters(updater);
        double[] means = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            if (windows.resetSupported()) {
                windows.reset();
            }
            double sum = 0;
            int count = 0;
            while (windows.hasNext()) {
                DataSet ds = windows.next();
                sum += step(ds.getFeatures());
                count++;
            }
            means[e] = count == 0 ? Double.NaN : sum / count;
            for (KoopmanListener l : listeners) {
                l.epochDone(epochCount, means[e]);
            }
            epochCount++;
        }
        return means;
    }

    /**
     * One update on a minibatch of windows {@code [batch, (S+1)·d]} with the updater of the last {@code fit} (or
     * {@link #prepareUpdaters}).
     *
     * @return the loss before the update
     */
    public double step(INDArray windows) {
        if (updaterConfig == null) {
            throw new IllegalStateException("KoopmanAutoencoder.step: no updater; call fit(..., updater) or "
                    + "prepareUpdaters(updater) first");
        }
        INDArray x = checkWindows(windows, "fit");
        OutAndGrad og = sd.calculateGradientsAndOutputs(Map.of("x", x), List.of("loss"), paramNames);
        double loss = og.getOutputs().get("loss").getDouble(0);
        if (!Double.isFinite(loss)) {
            throw new ArithmeticException("KoopmanAutoencoder: the loss became " + loss + " at iteration "
                    + iterationCount + " (diverged; lower the learning rate or clip gradients)");
        }
        Map<String, INDArray> grads = og.getGradients();
        double scale = 1;
        if (config.gradientClipNorm() > 0) {
            double sq = 0;
            for (String n : paramNames) {
                double g = grads.get(n).norm2Number().doubleValue();
                sq += g * g;
            }
            double norm = Math.sqrt(sq);
            if (norm > config.gradientClipNorm()) {
                scale = config.gradientClipNorm() / norm;
            }
        }
        for (String n : paramNames) {
            INDArray p = params.get(n);
            INDArray g = grads.get(n).castTo(p.dataType()).dup('c').reshape(p.length());
            if (scale != 1) {
                g.muli(scale);
            }
            updaters.get(n).applyUpdater(g, iterationCount, epochCount);
            p.subi(g.reshape(p.shape()));
        }
        for (KoopmanListener l : listeners) {
            l.iterationDone(epochCount, iterationCount, loss);
        }
        iterationCount++;
        return loss;
    }

    /**
     * Instantiates one updater per parameter (keeping the state when {@code updater} equals the current one).
     * Param-aware geodl4j updaters are bound to the parameter ({@link ParamSlot}, Euclidean).
     */
    public void prepareUpdaters(IUpdater updater) {
        if (updater == null) {
            throw new IllegalArgumentException("KoopmanAutoencoder.fit: updater must not be null");
        }
        if (updater.equals(updaterConfig) && !updaters.isEmpty()) {
            return;
        }
        updaterConfig = updater.clone();
        updaters.clear();
        for (String n : paramNames) {
            INDArray p = params.get(n);
            long size = updaterConfig.stateSize(p.length());
            INDArray state = size > 0 ? Nd4j.zeros(p.dataType(), 1, size) : null;
            GradientUpdater<?> gu = updaterConfig.instantiate(state, true);
            if (gu instanceof ParamAwareGradientUpdater<?> pa) {
                pa.bind(List.of(new ParamSlot("KoopmanAutoencoder", n, p, 0, p.length(), 'c', Euclidean.INSTANCE)));
            }
            updaters.put(n, gu);
        }
    }

    // ------------------------------------------------------------------------------------------------ inference

    /** The loss components (see {@link #COMPONENTS}; absent ones are 0) on windows {@code [n, (S+1)·d]}. */
    public Map<String, Double> evaluate(INDArray windows) {
        INDArray x = checkWindows(windows, "evaluate");
        List<String> outs = new ArrayList<>();
        for (String c : COMPONENTS) {
            if (sd.hasVariable(c)) {
                outs.add(c);
            }
        }
        Map<String, INDArray> r = sd.output(Map.of("x", x), outs.toArray(new String[0]));
        Map<String, Double> m = new LinkedHashMap<>();
        for (String c : COMPONENTS) {
            m.put(c, r.containsKey(c) ? r.get(c).getDouble(0) : 0.0);
        }
        return m;
    }

    /** φ(x) for states {@code [n, d]}: latents {@code [n, L]}. */
    public INDArray encode(INDArray x) {
        INDArray in = checkStates(x, "encode");
        return sd.output(Map.of("x_in", in), "z_out").get("z_out");
    }

    /** φ⁻¹(z) for latents {@code [n, L]}: states {@code [n, d]}. */
    public INDArray decode(INDArray z) {
        if (z.rank() != 2 || z.size(1) != config.latentDim()) {
            throw new IllegalArgumentException("KoopmanAutoencoder.decode: expected latents [n, " + config.latentDim()
                    + "], got " + Arrays.toString(z.shape()));
        }
        checkFinite(z, "decode");
        return sd.output(Map.of("z_in", z.castTo(config.dataType())), "x_out").get("x_out");
    }

    /**
     * Rolls the latent linear dynamics from {@code x0} and decodes: {@code out[:, k, :] = φ⁻¹(K^k φ(x₀))},
     * k = 0..steps (k = 0 is the reconstruction of x₀).
     *
     * @param x0 initial states {@code [n, d]} (or {@code [d]})
     * @return {@code [n, steps+1, d]}
     */
    public INDArray predict(INDArray x0, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("KoopmanAutoencoder.predict: steps must be >= 0, got " + steps);
        }
        INDArray in = x0.rank() == 1 ? x0.reshape(1, x0.length()) : x0;
        INDArray z = encode(in);
        long n = z.size(0);
        int l = config.latentDim();
        INDArray kt = operator().transpose();
        INDArray lat = Nd4j.create(config.dataType(), n, steps + 1, l);
        INDArray cur = z;
        for (int k = 0; k <= steps; k++) {
            lat.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(k),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(cur);
            cur = cur.mmul(kt);
        }
        INDArray dec = decode(lat.reshape(n * (steps + 1), l));
        return dec.reshape(n, steps + 1, config.stateDim());
    }

    /**
     * Mean squared rollout error: from the first state of every trajectory, {@code predict(x₀, horizon)} against the
     * true states 1..horizon (mean over trajectories, steps and dimensions).
     */
    public double rolloutMse(TrajectorySet data, int horizon) {
        checkDimension(data.dimension(), "TrajectorySet " + data.name());
        if (horizon < 1 || horizon >= data.length()) {
            throw new IllegalArgumentException("KoopmanAutoencoder.rolloutMse: horizon must be in [1, "
                    + (data.length() - 1) + "] for " + data.name() + ", got " + horizon);
        }
        INDArray all = data.toArray(config.dataType());
        INDArray x0 = all.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray pred = predict(x0, horizon);
        INDArray idx = pred.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, horizon + 1),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray truth = all.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, horizon + 1),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray diff = idx.sub(truth);
        return diff.mul(diff).meanNumber().doubleValue();
    }

    /** The latent operator K, {@code [L, L]} (column convention {@code z' = Kz}). */
    public INDArray operator() {
        return sd.output(Collections.emptyMap(), "operator").get("operator");
    }

    /** The backward operator D, or null when the model has none. */
    public INDArray backwardOperator() {
        return config.backward() ? params.get("D").dup() : null;
    }

    /**
     * The eigenvalues of K: from the parameters (explicit formula) for STABLE/LRU, by a QR eigen-solver in double
     * precision for UNCONSTRAINED. Complex pairs appear as two conjugate entries.
     */
    public List<Eigenvalue> spectrum() {
        List<Eigenvalue> out = new ArrayList<>();
        switch (config.operator()) {
            case UNCONSTRAINED -> out.addAll(ComplexQrEigenvalues.eigenvalues(toDouble(operator())));
            case STABLE -> {
                double[] rho = params.get("K_rho").toDoubleVector();
                double[] th = params.get("K_theta").toDoubleVector();
                for (int i = 0; i < rho.length; i++) {
                    double r = 1 / (1 + Math.exp(-rho[i]));
                    out.add(new Eigenvalue(r * Math.cos(th[i]), r * Math.sin(th[i])));
                    out.add(new Eigenvalue(r * Math.cos(th[i]), -r * Math.sin(th[i])));
                }
                if (config.realModes() > 0) {
                    for (double s : params.get("K_real").toDoubleVector()) {
                        out.add(new Eigenvalue(Math.tanh(s), 0));
                    }
                }
            }
            case LRU -> {
                double[] nu = params.get("K_nu").toDoubleVector();
                double[] lt = params.get("K_logtheta").toDoubleVector();
                for (int i = 0; i < nu.length; i++) {
                    double r = Math.exp(-Math.exp(nu[i]));
                    double th = Math.exp(lt[i]);
                    out.add(new Eigenvalue(r * Math.cos(th), r * Math.sin(th)));
                    out.add(new Eigenvalue(r * Math.cos(th), -r * Math.sin(th)));
                }
            }
            default -> throw new IllegalStateException("unknown operator " + config.operator());
        }
        return out;
    }

    /**
     * The operator K computed eagerly in double precision from the current parameters by the same formulas as the
     * graph (the double twin of the graph's operator; used by tests and for fast inspection).
     */
    public double[][] operatorDouble() {
        KoopmanConfig c = config;
        int l = c.latentDim();
        int p = c.complexPairs();
        int q = c.realModes();
        return switch (c.operator()) {
            case UNCONSTRAINED -> toDouble(params.get("K"));
            case STABLE -> stableOperator(toDouble(params.get("K_skew")),
                    p > 0 ? params.get("K_rho").castTo(DataType.DOUBLE).toDoubleVector() : new double[0],
                    p > 0 ? params.get("K_theta").castTo(DataType.DOUBLE).toDoubleVector() : new double[0],
                    q > 0 ? params.get("K_real").castTo(DataType.DOUBLE).toDoubleVector() : new double[0]);
            case LRU -> lruOperator(params.get("K_nu").castTo(DataType.DOUBLE).toDoubleVector(),
                    params.get("K_logtheta").castTo(DataType.DOUBLE).toDoubleVector());
        };
    }

    /** Double twin of the STABLE operator: {@code Q B Qᵀ} from the raw parameters (skew L×L, ρ, θ per pair, real). */
    public static double[][] stableOperator(double[][] skew, double[] rho, double[] theta, double[] real) {
        int p = rho.length;
        int l = 2 * p + real.length;
        double[][] b = new double[l][l];
        for (int i = 0; i < p; i++) {
            double r = 1 / (1 + Math.exp(-rho[i]));
            b[2 * i][2 * i] = r * Math.cos(theta[i]);
            b[2 * i][2 * i + 1] = -r * Math.sin(theta[i]);
            b[2 * i + 1][2 * i] = r * Math.sin(theta[i]);
            b[2 * i + 1][2 * i + 1] = r * Math.cos(theta[i]);
        }
        for (int j = 0; j < real.length; j++) {
            b[2 * p + j][2 * p + j] = Math.tanh(real[j]);
        }
        double[][] qm = skewExponentialDouble(skew);
        return mul(mul(qm, b), transpose(qm));
    }

    /** Double twin of the LRU operator from the raw parameters ν, log θ. */
    public static double[][] lruOperator(double[] nu, double[] logTheta) {
        int p = nu.length;
        double[][] b = new double[2 * p][2 * p];
        for (int i = 0; i < p; i++) {
            double r = Math.exp(-Math.exp(nu[i]));
            double th = Math.exp(logTheta[i]);
            b[2 * i][2 * i] = r * Math.cos(th);
            b[2 * i][2 * i + 1] = -r * Math.sin(th);
            b[2 * i + 1][2 * i] = r * Math.sin(th);
            b[2 * i + 1][2 * i + 1] = r * Math.cos(th);
        }
        return b;
    }

    /** Double twin of {@link SpectralOps#skewExponential} (same normalisation, Taylor degree and squarings). */
    static double[][] skewExponentialDouble(double[][] a) {
        int n = a.length;
        double beta = Math.PI * Math.sqrt(n);
        double[][] s = new double[n][n];
        double fro2 = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = a[i][j] - a[j][i];
                fro2 += s[i][j] * s[i][j];
            }
        }
        int sq = SpectralOps.squaringsFor(n);
        double sc = beta / Math.sqrt(beta * beta + fro2) * Math.pow(0.5, sq);
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] *= sc;
            }
            t[i][i] = 1;
        }
        for (int k = SpectralOps.TAYLOR_DEGREE; k >= 1; k--) {
            double[][] xt = mul(s, t);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    t[i][j] = (i == j ? 1 : 0) + xt[i][j] / k;
                }
            }
        }
        for (int i = 0; i < sq; i++) {
            t = mul(t, t);
        }
        return t;
    }

    // ------------------------------------------------------------------------------------------------ angle init

    /**
     * Rotation angles per step (in (0, π)) of the dominant oscillations of {@code data}, estimated by affine DMD on the
     * raw states: least squares {@code x_{t+1} ≈ A x_t + b} over all consecutive pairs, then the arguments of the
     * complex eigenvalues of {@code A}, least-damped first. When A has fewer complex pairs than {@code pairs}, the
     * remaining entries are harmonics {@code k·θ₁} of the first angle (a limit cycle's Koopman eigenvalues are
     * {@code λ₁^k}), capped below π; when A has none, the result is empty.
     *
     * @param data  trajectories (at least two samples each)
     * @param pairs number of angles wanted
     * @return up to {@code pairs} angles
     */
    public static double[] dominantAngles(TrajectorySet data, int pairs) {
        int d = data.dimension();
        int m = d + 1;
        double[][] xx = new double[m][m];
        double[][] yx = new double[d][m];
        for (int i = 0; i < data.size(); i++) {
            double[][] tr = data.trajectory(i);
            for (int t = 0; t + 1 < tr.length; t++) {
                double[] u = Arrays.copyOf(tr[t], m);
                u[d] = 1;
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < m; b++) {
                        xx[a][b] += u[a] * u[b];
                    }
                    for (int r = 0; r < d; r++) {
                        yx[r][a] += tr[t + 1][r] * u[a];
                    }
                }
            }
        }
        double ridge = 1e-10 * (trace(xx) / m + 1e-300);
        for (int a = 0; a < m; a++) {
            xx[a][a] += ridge;
        }
        double[][] ab = mul(yx, invert(xx));
        double[][] a = new double[d][d];
        for (int r = 0; r < d; r++) {
            a[r] = Arrays.copyOf(ab[r], d);
        }
        List<Eigenvalue> complex = new ArrayList<>();
        for (Eigenvalue e : ComplexQrEigenvalues.eigenvalues(a)) {
            if (e.im() > 1e-12) {
                complex.add(e);
            }
        }
        complex.sort((e1, e2) -> Double.compare(e2.modulus(), e1.modulus()));
        if (complex.isEmpty() || pairs <= 0) {
            return new double[0];
        }
        double[] out = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            out[i] = i < complex.size() ? complex.get(i).argument()
                    : Math.min((i - complex.size() + 2) * complex.get(0).argument(), Math.PI - 1e-3);
        }
        return out;
    }

    private static double trace(double[][] a) {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += a[i][i];
        }
        return t;
    }

    /**
     * Sets the rotation angles of K (radii unchanged) before training; see {@link #initialiseAnglesFromData}.
     * STABLE: {@code K_theta}; LRU: {@code K_logtheta = log θ}; UNCONSTRAINED: K is replaced by the block-diagonal
     * rotation-scaling matrix with these angles and the configured initial radius (Q = I; a 1×1 trailing block of an odd
     * latent dimension gets the initial radius).
     *
     * @param angles one angle per complex pair ({@link KoopmanConfig#complexPairs()}, or latentDim/2 for UNCONSTRAINED),
     *               in (0, π)
     * @return this model
     */
    public KoopmanAutoencoder initialiseAngles(double... angles) {
        KoopmanConfig c = config;
        int l = c.latentDim();
        int pairs = c.operator() == OperatorType.UNCONSTRAINED ? l / 2 : c.complexPairs();
        if (angles.length != pairs) {
            throw new IllegalArgumentException("KoopmanAutoencoder.initialiseAngles: " + angles.length
                    + " angles for " + pairs + " complex pairs");
        }
        for (double th : angles) {
            if (!(th > 0 && th < Math.PI)) {
                throw new IllegalArgumentException("KoopmanAutoencoder.initialiseAngles: angle " + th
                        + " not in (0, π)");
            }
        }
        DataType dt = c.dataType();
        switch (c.operator()) {
            case STABLE -> {
                if (pairs > 0) {
                    params.get("K_theta").assign(Nd4j.createFromArray(angles).castTo(dt));
                }
            }
            case LRU -> {
                double[] lt = new double[pairs];
                for (int i = 0; i < pairs; i++) {
                    lt[i] = Math.log(angles[i]);
                }
                params.get("K_logtheta").assign(Nd4j.createFromArray(lt).castTo(dt));
            }
            case UNCONSTRAINED -> {
                double[][] b = new double[l][l];
                double r = c.initRadius();
                for (int i = 0; i < pairs; i++) {
                    b[2 * i][2 * i] = r * Math.cos(angles[i]);
                    b[2 * i][2 * i + 1] = -r * Math.sin(angles[i]);
                    b[2 * i + 1][2 * i] = r * Math.sin(angles[i]);
                    b[2 * i + 1][2 * i + 1] = r * Math.cos(angles[i]);
                }
                if (l % 2 == 1) {
                    b[l - 1][l - 1] = r;
                }
                params.get("K").assign(Nd4j.createFromArray(b).castTo(dt));
            }
            default -> throw new IllegalStateException("unknown operator " + c.operator());
        }
        if (c.backward()) {
            params.get("D").assign(Nd4j.createFromArray(invert(toDouble(operator()))).castTo(dt));
        }
        return this;
    }

    /**
     * Matches the initial rotation angles of K to the data's dominant frequencies ({@link #dominantAngles}); call it
     * on a fresh model before training. Leaves K unchanged when the data show no oscillation.
     *
     * <p>Why: the default initialisation draws θ uniformly in [0.05, 1]·{@code initMaxAngle}, but a multi-step
     * prediction loss is periodic in the angle error Δ = θ − ω. For a pure phase mismatch it is
     * {@code (2/S) Σ_{m=1..S} (1 − cos mΔ)}, whose gradient in θ changes sign first at |Δ| ≈ 0.43 rad for S = 10
     * (≈ 4.4/S in general) and which has further local minima at aliased angles (≈ 0.74 rad for S = 10). An initial
     * angle farther than that from the true ω is driven to such a local minimum — observed on the cylinder wake
     * (ω ≈ 0.05 rad/step): θ₀ = 0.47 rad went to 0.68 rad, final loss 0.23 vs 0.003. Starting at the DMD estimate puts
     * θ inside the basin of ω. The radii and the operator's guarantees (ρ(K) &lt; 1 for STABLE/LRU) are untouched.
     *
     * <p>Caveat: DMD on the raw states is a linear fit; for a system whose frequency depends on the amplitude it is a
     * biased compromise. On the Lusch pendulum (S = 10, 138 steps) it gave 0.0118 rad/step where training from a
     * random angle found 0.0142, and the model trained from it was worse (err@100 0.55 vs 0.29, seed 1) — at that short
     * budget (138 steps, S = 10). With S = 30 the basin shrinks to ≈ 0.15 rad, random angles in [0.025, 0.5] mostly
     * start on the aliased side (pendulum: both operators stuck at 0.26 rad), and with 100 epochs training moves the
     * DMD start to the right angle (0.0140–0.0145 rad/step), so the longer-budget runs of docs/RESULTS.md (Table 4)
     * use it on both systems. It stays opt-in because the estimate is only as good as a linear fit of the states.
     *
     * @return this model
     */
    public KoopmanAutoencoder initialiseAnglesFromData(TrajectorySet data) {
        int pairs = config.operator() == OperatorType.UNCONSTRAINED ? config.latentDim() / 2 : config.complexPairs();
        double[] th = dominantAngles(data, pairs);
        if (th.length == pairs && pairs > 0) {
            initialiseAngles(th);
        }
        return this;
    }

    /** {@code max |λ|} over {@link #spectrum()}. */
    public double spectralRadius() {
        return spectrum().stream().mapToDouble(Eigenvalue::modulus).max().orElse(0);
    }

    // ------------------------------------------------------------------------------------------------ persistence

    /** Saves configuration and parameters (not the updater state) to a zip file. */
    public void save(File file) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(new FileOutputStream(file)))) {
            zip.putNextEntry(new ZipEntry(MAGIC_CONFIG));
            config.toProperties().store(zip, "geodl4j KoopmanAutoencoder");
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(MAGIC_PARAMS));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(paramNames.size());
                for (String n : paramNames) {
                    out.writeUTF(n);
                    Nd4j.write(params.get(n), out);
                }
            }
            zip.write(bytes.toByteArray());
            zip.closeEntry();
        }
    }

    /** Loads a model written by {@link #save}. */
    public static KoopmanAutoencoder load(File file) throws IOException {
        Properties props = null;
        byte[] paramBytes = null;
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(new FileInputStream(file)))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (MAGIC_CONFIG.equals(e.getName())) {
                    props = new Properties();
                    props.load(new NonClosing(zip));
                } else if (MAGIC_PARAMS.equals(e.getName())) {
                    paramBytes = zip.readAllBytes();
                }
            }
        }
        if (props == null || paramBytes == null) {
            throw new IOException("KoopmanAutoencoder.load: " + file + " is not a saved KoopmanAutoencoder (missing "
                    + (props == null ? MAGIC_CONFIG : MAGIC_PARAMS) + ")");
        }
        KoopmanConfig cfg = KoopmanConfig.fromProperties(props);
        Map<String, INDArray> loaded = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(paramBytes))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                loaded.put(name, Nd4j.read(in));
            }
        }
        Map<String, INDArray> expected = initialParams(cfg);
        if (!expected.keySet().equals(loaded.keySet())) {
            throw new IOException("KoopmanAutoencoder.load: parameters " + loaded.keySet() + " do not match the "
                    + "configuration's " + expected.keySet());
        }
        for (String k : expected.keySet()) {
            if (!Arrays.equals(expected.get(k).shape(), loaded.get(k).shape())) {
                throw new IOException("KoopmanAutoencoder.load: parameter " + k + " has shape "
                        + Arrays.toString(loaded.get(k).shape()) + ", expected "
                        + Arrays.toString(expected.get(k).shape()));
            }
        }
        return new KoopmanAutoencoder(cfg, loaded);
    }

    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    // ------------------------------------------------------------------------------------------------ graph

    private void buildGraph(Map<String, INDArray> init) {
        KoopmanConfig c = config;
        DataType dt = c.dataType();
        int d = c.stateDim();
        int l = c.latentDim();
        int s = c.steps();
        Map<String, SDVariable> v = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : init.entrySet()) {
            v.put(e.getKey(), sd.var(e.getKey(), e.getValue().castTo(dt).dup('c')));
        }
        SDVariable k = buildOperator(v);
        sd.identity("operator", k);
        SDVariable kt = sd.transpose(k);

        // inference sub-graphs
        SDVariable xin = sd.placeHolder("x_in", dt, -1, d);
        sd.identity("z_out", mlp(v, "enc", xin, c.encoderHidden().length + 1));
        SDVariable zin = sd.placeHolder("z_in", dt, -1, l);
        sd.identity("x_out", mlp(v, "dec", zin, c.decoderHidden().length + 1));

        // training graph
        SDVariable x = sd.placeHolder("x", dt, -1, (long) (s + 1) * d);
        SDVariable y = mlp(v, "enc", x.reshape(-1, d), c.encoderHidden().length + 1).reshape(-1, (long) (s + 1) * l);
        SDVariable y0 = cols(y, 0, l);
        SDVariable[] lat = new SDVariable[s + 1];
        lat[0] = y0;
        SDVariable z = y0;
        for (int m = 1; m <= s; m++) {
            z = z.mmul(kt);
            lat[m] = z;
        }
        SDVariable rolled = sd.concat(1, lat);
        SDVariable dec = mlp(v, "dec", rolled.reshape(-1, l), c.decoderHidden().length + 1)
                .reshape(-1, (long) (s + 1) * d);
        SDVariable x0 = cols(x, 0, d);
        SDVariable recon = mse(cols(dec, 0, d), x0);
        SDVariable pred = mse(cols(dec, d, (s + 1) * d), cols(x, d, (s + 1) * d));
        SDVariable lin = mse(cols(rolled, l, (s + 1) * l), cols(y, l, (s + 1) * l));
        List<SDVariable> terms = new ArrayList<>();
        term(terms, "reconstruction", recon, c.reconstructionWeight(), true);
        term(terms, "prediction", pred, c.predictionWeight(), true);
        term(terms, "linearity", lin, c.linearityWeight(), true);
        if (c.infinityWeight() > 0) {
            SDVariable inf = sd.math.abs(cols(dec, 0, d).sub(x0)).max()
                    .add(sd.math.abs(cols(dec, d, 2 * d).sub(cols(x, d, 2 * d))).max());
            term(terms, "infinity", inf, c.infinityWeight(), false);
        }
        if (c.backward()) {
            SDVariable dmat = v.get("D");
            SDVariable dt2 = sd.transpose(dmat);
            SDVariable w = cols(y, s * l, (s + 1) * l);
            SDVariable[] back = new SDVariable[s];
            SDVariable[] targets = new SDVariable[s];
            for (int m = 1; m <= s; m++) {
                w = w.mmul(dt2);
                back[m - 1] = w;
                targets[m - 1] = cols(x, (s - m) * d, (s - m + 1) * d);
            }
            SDVariable backDec = mlp(v, "dec", sd.concat(1, back).reshape(-1, l), c.decoderHidden().length + 1)
                    .reshape(-1, (long) s * d);
            SDVariable backLoss = mse(backDec, sd.concat(1, targets));
            term(terms, "backward", backLoss, c.backwardWeight(), c.backwardWeight() > 0);
            if (c.consistencyWeight() > 0) {
                SDVariable eye = sd.constant(Nd4j.eye(l).castTo(dt));
                SDVariable a = dmat.mmul(k).sub(eye);
                SDVariable b = k.mmul(dmat).sub(eye);
                SDVariable wts = sd.constant(consistencyWeights(l, dt));
                SDVariable con = a.mul(a).add(b.mul(b)).mul(wts).sum();
                term(terms, "consistency", con, c.consistencyWeight(), false);
            }
        }
        if (c.eigenWeight() > 0) {
            term(terms, "eigen", SpectralOps.eigenLoss(sd, moduli(v, k), c.eigenLoss()), c.eigenWeight(), false);
        }
        if (c.lyapunovWeight() > 0) {
            SDVariable lyap = SpectralOps.lyapunovPenalty(sd, k, v.get("P_L"), l, c.lyapunovEpsilon(),
                    c.powerSquarings());
            term(terms, "lyapunov", lyap, c.lyapunovWeight(), false);
        }
        if (c.l2Weight() > 0) {
            SDVariable l2 = null;
            for (String n : v.keySet()) {
                if ((n.startsWith("enc_W") || n.startsWith("dec_W"))) {
                    SDVariable sq = v.get(n).mul(v.get(n)).sum().mul(0.5);
                    l2 = l2 == null ? sq : l2.add(sq);
                }
            }
            term(terms, "l2", l2, c.l2Weight(), false);
        }
        SDVariable total = null;
        for (SDVariable t : terms) {
            total = total == null ? t : total.add(t);
        }
        sd.identity("loss", total);
        sd.setLossVariables("loss");
    }

    /** Registers a named component and, if its weight is > 0, adds weight·component to the total. */
    private void term(List<SDVariable> terms, String name, SDVariable value, double weight, boolean always) {
        SDVariable named = sd.identity(name, value);
        if (weight > 0) {
            terms.add(named.mul(weight));
        }
    }

    private SDVariable buildOperator(Map<String, SDVariable> v) {
        KoopmanConfig c = config;
        int l = c.latentDim();
        DataType dt = c.dataType();
        int p = c.complexPairs();
        int q = c.realModes();
        return switch (c.operator()) {
            case UNCONSTRAINED -> v.get("K");
            case STABLE -> {
                SDVariable a = null;
                SDVariable b = null;
                if (p > 0) {
                    SDVariable r = sd.nn.sigmoid(v.get("K_rho"));
                    SDVariable th = v.get("K_theta");
                    a = r.mul(sd.math.cos(th));
                    b = r.mul(sd.math.sin(th));
                }
                SDVariable sv = q > 0 ? sd.math.tanh(v.get("K_real")) : null;
                SDVariable blocks = SpectralOps.blockMatrix(sd, a, b, sv, p, q, dt);
                SDVariable qm = SpectralOps.skewExponential(sd, v.get("K_skew"), l);
                yield qm.mmul(blocks).mmul(sd.transpose(qm));
            }
            case LRU -> {
                SDVariable r = sd.math.exp(sd.math.exp(v.get("K_nu")).neg());
                SDVariable th = sd.math.exp(v.get("K_logtheta"));
                yield SpectralOps.blockMatrix(sd, r.mul(sd.math.cos(th)), r.mul(sd.math.sin(th)), null, p, 0, dt);
            }
        };
    }

    /** Eigenvalue moduli (rank 1, L entries) for the eigenloss; for UNCONSTRAINED the Gelfand bound ρ̂ (1 entry). */
    private SDVariable moduli(Map<String, SDVariable> v, SDVariable k) {
        KoopmanConfig c = config;
        return switch (c.operator()) {
            case UNCONSTRAINED -> SpectralOps.gelfandRadius(sd, k, c.latentDim(), c.gelfandSquarings(),
                    c.powerSquarings()).reshape(1);
            case STABLE -> {
                List<SDVariable> parts = new ArrayList<>();
                if (c.complexPairs() > 0) {
                    SDVariable r = sd.nn.sigmoid(v.get("K_rho"));
                    parts.add(r);
                    parts.add(r);
                }
                if (c.realModes() > 0) {
                    parts.add(sd.math.abs(sd.math.tanh(v.get("K_real"))));
                }
                yield parts.size() == 1 ? parts.get(0) : sd.concat(0, parts.toArray(new SDVariable[0]));
            }
            case LRU -> {
                SDVariable r = sd.math.exp(sd.math.exp(v.get("K_nu")).neg());
                yield sd.concat(0, r, r);
            }
        };
    }

    private SDVariable mlp(Map<String, SDVariable> v, String prefix, SDVariable in, int layers) {
        SDVariable h = in;
        for (int i = 0; i < layers; i++) {
            h = sd.nn.biasAdd(h.mmul(v.get(prefix + "_W" + i)), v.get(prefix + "_b" + i), true);
            if (i < layers - 1) {
                h = activate(h);
            }
        }
        return h;
    }

    private SDVariable activate(SDVariable h) {
        Activation a = config.activation();
        return switch (a) {
            case RELU -> sd.nn.relu(h, 0);
            case TANH -> sd.math.tanh(h);
            case ELU -> sd.nn.elu(h);
            case SIGMOID -> sd.nn.sigmoid(h);
            case SOFTPLUS -> sd.nn.softplus(h);
            case SWISH -> sd.nn.swish(h);
            case LEAKYRELU -> sd.nn.leakyRelu(h, 0.01);
            case IDENTITY -> h;
            default -> throw new IllegalArgumentException("KoopmanAutoencoder: unsupported activation " + a
                    + " (use RELU, TANH, ELU, SIGMOID, SOFTPLUS, SWISH, LEAKYRELU or IDENTITY)");
        };
    }

    private static SDVariable cols(SDVariable a, long from, long to) {
        return a.get(SDIndex.all(), SDIndex.interval(from, to));
    }

    private static SDVariable mse(SDVariable a, SDVariable b) {
        SDVariable diff = a.sub(b);
        return diff.mul(diff).mean();
    }

    /** W_ij = Σ_{k = max(i,j)+1 .. L} 1/(2k): the consistency loss as one weighted sum. */
    static INDArray consistencyWeights(int l, DataType dt) {
        INDArray w = Nd4j.zeros(dt, l, l);
        for (int i = 0; i < l; i++) {
            for (int j = 0; j < l; j++) {
                double s = 0;
                for (int k = Math.max(i, j) + 1; k <= l; k++) {
                    s += 1.0 / (2 * k);
                }
                w.putScalar(i, j, s);
            }
        }
        return w;
    }

    // ------------------------------------------------------------------------------------------------ init

    /** Initial parameters: Xavier-normal weights, zero biases, operator with eigenvalues of modulus initRadius. */
    static Map<String, INDArray> initialParams(KoopmanConfig c) {
        Random rnd = new Random(c.seed());
        DataType dt = c.dataType();
        Map<String, INDArray> p = new LinkedHashMap<>();
        int[] enc = widths(c.stateDim(), c.encoderHidden(), c.latentDim());
        int[] dec = widths(c.latentDim(), c.decoderHidden(), c.stateDim());
        mlpParams(p, "enc", enc, rnd, dt);
        mlpParams(p, "dec", dec, rnd, dt);
        int l = c.latentDim();
        int pairs = c.complexPairs();
        double[] angles = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            angles[i] = c.initMaxAngle() * (0.05 + 0.95 * rnd.nextDouble());
        }
        switch (c.operator()) {
            case UNCONSTRAINED -> {
                int pp = l / 2;
                double[][] b = new double[l][l];
                for (int i = 0; i < pp; i++) {
                    double th = c.initMaxAngle() * (0.05 + 0.95 * rnd.nextDouble());
                    double r = c.initRadius();
                    b[2 * i][2 * i] = r * Math.cos(th);
                    b[2 * i][2 * i + 1] = -r * Math.sin(th);
                    b[2 * i + 1][2 * i] = r * Math.sin(th);
                    b[2 * i + 1][2 * i + 1] = r * Math.cos(th);
                }
                if (l % 2 == 1) {
                    b[l - 1][l - 1] = c.initRadius();
                }
                double[][] q = randomOrthogonal(l, rnd);
                p.put("K", Nd4j.createFromArray(mul(mul(q, b), transpose(q))).castTo(dt));
            }
            case STABLE -> {
                double[][] a = new double[l][l];
                for (int i = 0; i < l; i++) {
                    for (int j = 0; j < l; j++) {
                        a[i][j] = 0.3 * rnd.nextGaussian();
                    }
                }
                p.put("K_skew", Nd4j.createFromArray(a).castTo(dt));
                double logit = Math.log(c.initRadius() / (1 - c.initRadius()));
                if (pairs > 0) {
                    p.put("K_rho", Nd4j.valueArrayOf(new long[] {pairs}, logit, dt));
                    p.put("K_theta", Nd4j.createFromArray(angles).castTo(dt));
                }
                if (c.realModes() > 0) {
                    double at = 0.5 * Math.log((1 + c.initRadius()) / (1 - c.initRadius()));
                    double[] re = new double[c.realModes()];
                    for (int j = 0; j < re.length; j++) {
                        re[j] = (j % 2 == 0 ? 1 : -1) * at * (0.5 + 0.5 * rnd.nextDouble());
                    }
                    p.put("K_real", Nd4j.createFromArray(re).castTo(dt));
                }
            }
            case LRU -> {
                p.put("K_nu", Nd4j.valueArrayOf(new long[] {pairs}, Math.log(-Math.log(c.initRadius())), dt));
                double[] lt = new double[pairs];
                for (int i = 0; i < pairs; i++) {
                    lt[i] = Math.log(angles[i]);
                }
                p.put("K_logtheta", Nd4j.createFromArray(lt).castTo(dt));
            }
            default -> throw new IllegalStateException();
        }
        if (c.backward()) {
            p.put("D", Nd4j.eye(l).castTo(dt));
        }
        if (c.lyapunovWeight() > 0) {
            p.put("P_L", Nd4j.eye(l).castTo(dt));
        }
        return p;
    }

    private static int[] widths(int in, int[] hidden, int out) {
        int[] w = new int[hidden.length + 2];
        w[0] = in;
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = out;
        return w;
    }

    private static void mlpParams(Map<String, INDArray> p, String prefix, int[] w, Random rnd, DataType dt) {
        for (int i = 0; i + 1 < w.length; i++) {
            double std = Math.sqrt(2.0 / (w[i] + w[i + 1]));
            double[][] m = new double[w[i]][w[i + 1]];
            for (double[] row : m) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = std * rnd.nextGaussian();
                }
            }
            p.put(prefix + "_W" + i, Nd4j.createFromArray(m).castTo(dt));
            p.put(prefix + "_b" + i, Nd4j.zeros(dt, w[i + 1]));
        }
    }

    private static double[][] randomOrthogonal(int n, Random rnd) {
        double[][] q = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = rnd.nextGaussian();
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[i][k] * col[i];
                }
                for (int i = 0; i < n; i++) {
                    col[i] -= dot * q[i][k];
                }
            }
            double nrm = 0;
            for (double x : col) {
                nrm += x * x;
            }
            nrm = Math.sqrt(nrm);
            for (int i = 0; i < n; i++) {
                q[i][j] = col[i] / nrm;
            }
        }
        return q;
    }

    private static double[][] mul(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] r = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < m; j++) {
                    r[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return r;
    }

    private static double[][] transpose(double[][] a) {
        double[][] r = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                r[j][i] = a[i][j];
            }
        }
        return r;
    }

    /** Gauss-Jordan inverse with partial pivoting (small matrices). */
    static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(m[piv][col]) < 1e-12) {
                throw new ArithmeticException("KoopmanAutoencoder: the latent operator is singular");
            }
            double[] t = m[piv];
            m[piv] = m[col];
            m[col] = t;
            double inv = 1 / m[col][col];
            for (int j = 0; j < 2 * n; j++) {
                m[col][j] *= inv;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && m[r][col] != 0) {
                    double f = m[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[col][j];
                    }
                }
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, out[i], 0, n);
        }
        return out;
    }

    static double[][] toDouble(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    // ------------------------------------------------------------------------------------------------ checks

    private void checkDimension(int d, String who) {
        if (d != config.stateDim()) {
            throw new IllegalArgumentException("KoopmanAutoencoder: " + who + " has state dimension " + d
                    + ", the model expects " + config.stateDim());
        }
    }

    private INDArray checkWindows(INDArray w, String op) {
        long cols = (long) (config.steps() + 1) * config.stateDim();
        if (w == null || w.rank() != 2 || w.size(1) != cols) {
            throw new IllegalArgumentException("KoopmanAutoencoder." + op + ": expected windows [batch, (S+1)*d] = "
                    + "[batch, " + cols + "] (S=" + config.steps() + ", d=" + config.stateDim() + "), got "
                    + (w == null ? "null" : Arrays.toString(w.shape()))
                    + (w != null && w.rank() == 2 && w.size(1) % config.stateDim() == 0 && w.size(1) < cols
                    ? "; the windows are shorter than S+1 states" : ""));
        }
        checkFinite(w, op);
        return w.castTo(config.dataType());
    }

    private INDArray checkStates(INDArray x, String op) {
        if (x == null || x.rank() != 2 || x.size(1) != config.stateDim()) {
            throw new IllegalArgumentException("KoopmanAutoencoder." + op + ": expected states [n, "
                    + config.stateDim() + "], got " + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        checkFinite(x, op);
        return x.castTo(config.dataType());
    }

    private static void checkFinite(INDArray a, String op) {
        double probe = a.castTo(DataType.DOUBLE).mul(0).sumNumber().doubleValue();
        if (Double.isNaN(probe)) {
            throw new IllegalArgumentException("KoopmanAutoencoder." + op + ": input contains NaN or infinite "
                    + "values");
        }
    }

    @Override
    public String toString() {
        return "KoopmanAutoencoder(" + config.operator() + ", d=" + config.stateDim() + ", L=" + config.latentDim()
                + ", S=" + config.steps() + ", " + numParams() + " params)";
    }

    // ------------------------------------------------------------------------------------------------ builder

    /** Builder of {@link KoopmanAutoencoder}; defaults: weights rec = pred = lin = 1, others 0. */
    public static final class Builder {
        private int stateDim = -1;
        private int[] encoderHidden = {32, 32};
        private int latentDim = 2;
        private int[] decoderHidden;
        private Activation activation = Activation.RELU;
        private OperatorType operator = OperatorType.UNCONSTRAINED;
        private int realModes;
        private boolean backward;
        private int steps = 30;
        private double rec = 1;
        private double pred = 1;
        private double lin = 1;
        private double inf;
        private double back;
        private double con;
        private double eig;
        private EigenLoss eigenLoss = EigenLoss.UNIT_CIRCLE_MAE;
        private double lyap;
        private double lyapEps = 1e-3;
        private double l2;
        private int gelfandSquarings = 3;
        private int powerSquarings = SpectralOps.DEFAULT_POWER_SQUARINGS;
        private double initRadius = 0.99;
        private double initMaxAngle = 0.5;
        private int batchSize = 128;
        private int windowStride = 1;
        private double clip;
        private DataType dataType = DataType.FLOAT;
        private long seed = 12345;

        private Builder() {
        }

        /** State dimension d (required). */
        public Builder stateDim(int d) {
            this.stateDim = d;
            return this;
        }

        /** Hidden widths of the encoder (default [32, 32]); the decoder mirrors them unless set. */
        public Builder encoderHidden(int... widths) {
            this.encoderHidden = widths.clone();
            return this;
        }

        /** Hidden widths of the decoder (default: the encoder's, reversed). */
        public Builder decoderHidden(int... widths) {
            this.decoderHidden = widths.clone();
            return this;
        }

        /** Latent dimension L (default 2). */
        public Builder latentDim(int l) {
            this.latentDim = l;
            return this;
        }

        /**
         * Lusch et al.'s width list {@code [d, h₁, …, L, L, …, h₁', d]} (e.g. pendulum [2,80,80,2,2,80,80,2]): sets
         * stateDim, encoder widths, latent dimension and decoder widths.
         */
        public Builder widths(int... w) {
            int mid = -1;
            for (int i = 1; i < w.length; i++) {
                if (w[i] == w[i - 1] && i - 1 == w.length - 1 - i) {
                    mid = i;
                }
            }
            if (mid < 0) {
                throw new IllegalArgumentException("KoopmanAutoencoder.widths: expected a symmetric list "
                        + "[d, ..., L, L, ..., d] with the latent width repeated in the middle, got "
                        + Arrays.toString(w));
            }
            this.stateDim = w[0];
            this.latentDim = w[mid];
            this.encoderHidden = Arrays.copyOfRange(w, 1, mid - 1);
            this.decoderHidden = Arrays.copyOfRange(w, mid + 1, w.length - 1);
            return this;
        }

        /** Hidden activation (default RELU). */
        public Builder activation(Activation a) {
            this.activation = a;
            return this;
        }

        /** Operator parameterisation (default UNCONSTRAINED). */
        public Builder operator(OperatorType type) {
            this.operator = type;
            return this;
        }

        /** Number of real eigenvalues of a STABLE operator (default 0). */
        public Builder realModes(int q) {
            this.realModes = q;
            return this;
        }

        /** Train a backward operator D (Azencot et al.; default false). */
        public Builder backward(boolean b) {
            this.backward = b;
            return this;
        }

        /** S, steps of the multi-step losses (default 30). */
        public Builder steps(int s) {
            this.steps = s;
            return this;
        }

        public Builder reconstructionWeight(double w) {
            this.rec = w;
            return this;
        }

        public Builder predictionWeight(double w) {
            this.pred = w;
            return this;
        }

        public Builder linearityWeight(double w) {
            this.lin = w;
            return this;
        }

        public Builder infinityWeight(double w) {
            this.inf = w;
            return this;
        }

        /** Backward prediction weight (needs {@link #backward(boolean)}). */
        public Builder backwardWeight(double w) {
            this.back = w;
            return this;
        }

        /** Consistency weight (needs {@link #backward(boolean)}). */
        public Builder consistencyWeight(double w) {
            this.con = w;
            return this;
        }

        /** Miller's eigenloss with weight {@code w} (e.g. 1e2 for the pendulum in Miller et al.). */
        public Builder eigenLoss(EigenLoss type, double w) {
            this.eigenLoss = type;
            this.eig = w;
            return this;
        }

        /** Lyapunov penalty with weight {@code w} and margin ε (default 1e-3). */
        public Builder lyapunov(double w, double eps) {
            this.lyap = w;
            this.lyapEps = eps;
            return this;
        }

        public Builder l2Weight(double w) {
            this.l2 = w;
            return this;
        }

        /**
         * Lusch et al.: {@code L = α₁(L_rec + L_pred) + L_lin + α₂L_∞ + α₃‖W‖²} (pendulum: 1e-3, 1e-9, 1e-14;
         * discrete spectrum: 0.1, 1e-7, 1e-15; fluid: 0.1, 1e-7, 1e-13).
         */
        public Builder luschWeights(double alpha1, double alpha2, double alpha3) {
            this.rec = alpha1;
            this.pred = alpha1;
            this.lin = 1;
            this.inf = alpha2;
            this.l2 = alpha3;
            return this;
        }

        /**
         * Azencot et al.: {@code Σ_{k≤S} MSE_pred + λ_id·S·MSE_rec + ν Σ_k MSE_back + η E_con} (defaults λ_id = 1,
         * ν = 0.1, η = 0.01; S = 8 in the paper), expressed in this class's per-step means; switches backward on.
         */
        public Builder azencotWeights(double lambdaId, double nu, double eta) {
            this.backward = true;
            this.pred = steps;
            this.rec = lambdaId * steps;
            this.lin = 0;
            this.back = nu * steps;
            this.con = eta;
            return this;
        }

        /** g with k = 2^g in ρ̂ = ‖K^k‖₂^{1/k} (UNCONSTRAINED eigenloss; default 3). */
        public Builder gelfandSquarings(int g) {
            this.gelfandSquarings = g;
            return this;
        }

        /** Squarings of the power iteration (default 10, i.e. 1024 power steps). */
        public Builder powerSquarings(int j) {
            this.powerSquarings = j;
            return this;
        }

        /** Initial operator eigenvalue modulus (default 0.99) and maximum angle (default 0.5 rad). */
        public Builder operatorInit(double radius, double maxAngle) {
            this.initRadius = radius;
            this.initMaxAngle = maxAngle;
            return this;
        }

        /** Minibatch size for {@code fit(TrajectorySet, ...)} (default 128). */
        public Builder batchSize(int b) {
            this.batchSize = b;
            return this;
        }

        /** Offset between windows of one trajectory (default 1). */
        public Builder windowStride(int s) {
            this.windowStride = s;
            return this;
        }

        /** Global gradient-norm clipping (default 0 = off). */
        public Builder gradientClipNorm(double c) {
            this.clip = c;
            return this;
        }

        /** FLOAT (default) or DOUBLE. */
        public Builder dataType(DataType t) {
            this.dataType = t;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** The configuration (validated). */
        public KoopmanConfig buildConfig() {
            if (stateDim < 1) {
                throw new IllegalArgumentException("KoopmanAutoencoder: stateDim(d) is required (>= 1), got "
                        + stateDim);
            }
            int[] dec = decoderHidden;
            if (dec == null) {
                dec = new int[encoderHidden.length];
                for (int i = 0; i < dec.length; i++) {
                    dec[i] = encoderHidden[encoderHidden.length - 1 - i];
                }
            }
            KoopmanConfig c = new KoopmanConfig(stateDim, encoderHidden, latentDim, dec, activation, operator,
                    realModes, backward, steps, rec, pred, lin, inf, back, con, eig, eigenLoss, lyap, lyapEps, l2,
                    gelfandSquarings, powerSquarings, initRadius, initMaxAngle, batchSize, windowStride, clip,
                    dataType, seed);
            if (rec + pred + lin + inf + back + con + eig + lyap + l2 == 0) {
                throw new IllegalArgumentException("KoopmanAutoencoder: all loss weights are 0");
            }
            return c;
        }

        /** Builds and initialises the model. */
        public KoopmanAutoencoder build() {
            return new KoopmanAutoencoder(buildConfig(), null);
        }
    }

    /** A model with the given configuration, freshly initialised. */
    public static KoopmanAutoencoder create(KoopmanConfig config) {
        return new KoopmanAutoencoder(config, null);
    }
}
