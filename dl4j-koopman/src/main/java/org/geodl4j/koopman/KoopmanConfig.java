package org.geodl4j.koopman;

import java.util.Arrays;
import java.util.Properties;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The full, immutable configuration of a {@link KoopmanAutoencoder} (built by {@link KoopmanAutoencoder.Builder}).
 * Saved with the model as a properties file; {@link #toProperties()} / {@link #fromProperties} round-trip it.
 *
 * @param stateDim           dimension d of the state x
 * @param encoderHidden      hidden widths of φ (the decoder mirrors them unless {@code decoderHidden} is given)
 * @param latentDim          latent dimension L
 * @param decoderHidden      hidden widths of φ⁻¹
 * @param activation         hidden activation (RELU, TANH, ELU, SIGMOID, SOFTPLUS, SWISH, LEAKYRELU, IDENTITY)
 * @param operator           parameterisation of K
 * @param realModes          number q of real eigenvalues (STABLE only; L − q must be even)
 * @param backward           whether a backward operator D is trained (Azencot et al.)
 * @param steps              S, the number of steps of the prediction/linearity/backward losses (windows of S+1)
 * @param reconstructionWeight weight of {@code MSE(x₀, φ⁻¹φ(x₀))}
 * @param predictionWeight   weight of {@code (1/S) Σₘ MSE(xₘ, φ⁻¹(Kᵐφ(x₀)))}
 * @param linearityWeight    weight of {@code (1/S) Σₘ MSE(φ(xₘ), Kᵐφ(x₀))}
 * @param infinityWeight     weight of {@code ‖x₀ − φ⁻¹φ(x₀)‖∞ + ‖x₁ − φ⁻¹Kφ(x₀)‖∞}
 * @param backwardWeight     weight of {@code (1/S) Σₖ MSE(x_{S−k}, φ⁻¹(Dᵏφ(x_S)))}
 * @param consistencyWeight  weight of Azencot's {@code Σₖ (1/2k)(‖(DK − I)_{k×k}‖²_F + ‖(KD − I)_{k×k}‖²_F)}
 * @param eigenWeight        weight of the {@link EigenLoss}
 * @param eigenLoss          which eigenloss
 * @param lyapunovWeight     weight of {@code relu(λ_max(KᵀPK − P + εI))}
 * @param lyapunovEpsilon    ε of the Lyapunov penalty
 * @param l2Weight           weight of {@code Σ w²/2} over the encoder/decoder weight matrices (not biases)
 * @param gelfandSquarings   g with k = 2^g in the spectral-radius bound {@code ‖K^k‖₂^{1/k}} (UNCONSTRAINED)
 * @param powerSquarings     squarings of the power iteration ({@link SpectralOps#lambdaMaxSymmetric})
 * @param initRadius         initial eigenvalue modulus of K, in (0, 1)
 * @param initMaxAngle       initial eigenvalue angles are uniform in (0, initMaxAngle)
 * @param batchSize          minibatch size when fitting a TrajectorySet
 * @param windowStride       start offset between windows taken from one trajectory
 * @param gradientClipNorm   global gradient-norm clip (0 = none)
 * @param dataType           FLOAT or DOUBLE
 * @param seed               initialisation and shuffling seed
 */
public record KoopmanConfig(int stateDim, int[] encoderHidden, int latentDim, int[] decoderHidden,
                            Activation activation, OperatorType operator, int realModes, boolean backward, int steps,
                            double reconstructionWeight, double predictionWeight, double linearityWeight,
                            double infinityWeight, double backwardWeight, double consistencyWeight,
                            double eigenWeight, EigenLoss eigenLoss, double lyapunovWeight, double lyapunovEpsilon,
                            double l2Weight, int gelfandSquarings, int powerSquarings, double initRadius,
                            double initMaxAngle, int batchSize, int windowStride, double gradientClipNorm,
                            DataType dataType, long seed) {

    /** Version of the saved form. */
    public static final int FORMAT_VERSION = 1;

    public KoopmanConfig {
        encoderHidden = encoderHidden.clone();
        decoderHidden = decoderHidden.clone();
        String who = "KoopmanAutoencoder: ";
        require(stateDim >= 1, who + "stateDim must be >= 1, got " + stateDim);
        require(latentDim >= 1, who + "latentDim must be >= 1, got " + latentDim);
        for (int w : encoderHidden) {
            require(w >= 1, who + "encoder widths must be >= 1, got " + Arrays.toString(encoderHidden));
        }
        for (int w : decoderHidden) {
            require(w >= 1, who + "decoder widths must be >= 1, got " + Arrays.toString(decoderHidden));
        }
        require(steps >= 1, who + "steps S must be >= 1, got " + steps);
        require(realModes >= 0 && realModes <= latentDim, who + "realModes must be in [0, latentDim=" + latentDim
                + "], got " + realModes);
        if (operator == OperatorType.STABLE) {
            require((latentDim - realModes) % 2 == 0, who + "STABLE operator needs latentDim − realModes even "
                    + "(complex pairs), got latentDim=" + latentDim + ", realModes=" + realModes);
        } else {
            require(realModes == 0, who + "realModes applies to the STABLE operator only (operator=" + operator
                    + ", realModes=" + realModes + ")");
        }
        if (operator == OperatorType.LRU) {
            require(latentDim % 2 == 0, who + "LRU operator needs an even latentDim (2x2 blocks), got " + latentDim);
        }
        double[] weights = {reconstructionWeight, predictionWeight, linearityWeight, infinityWeight, backwardWeight,
            consistencyWeight, eigenWeight, lyapunovWeight, l2Weight};
        for (double w : weights) {
            require(w >= 0 && Double.isFinite(w), who + "loss weights must be finite and >= 0, got " + w);
        }
        require(!((backwardWeight > 0 || consistencyWeight > 0) && !backward), who
                + "backward/consistency weights need backward(true)");
        require(lyapunovEpsilon > 0, who + "lyapunovEpsilon must be > 0, got " + lyapunovEpsilon);
        require(gelfandSquarings >= 0 && gelfandSquarings <= 10, who + "gelfandSquarings must be in [0, 10], got "
                + gelfandSquarings);
        require(powerSquarings >= 1 && powerSquarings <= 30, who + "powerSquarings must be in [1, 30], got "
                + powerSquarings);
        require(initRadius > 0 && initRadius < 1, who + "initRadius must be in (0, 1), got " + initRadius);
        require(initMaxAngle > 0 && initMaxAngle <= Math.PI, who + "initMaxAngle must be in (0, π], got "
                + initMaxAngle);
        require(batchSize >= 1, who + "batchSize must be >= 1, got " + batchSize);
        require(windowStride >= 1, who + "windowStride must be >= 1, got " + windowStride);
        require(gradientClipNorm >= 0, who + "gradientClipNorm must be >= 0, got " + gradientClipNorm);
        require(dataType == DataType.FLOAT || dataType == DataType.DOUBLE, who + "dataType must be FLOAT or DOUBLE, got "
                + dataType);
        if (eigenLoss == null) {
            eigenLoss = EigenLoss.UNIT_CIRCLE_MAE;
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public int[] encoderHidden() {
        return encoderHidden.clone();
    }

    @Override
    public int[] decoderHidden() {
        return decoderHidden.clone();
    }

    /** Number of complex pairs (2×2 blocks) of the STABLE/LRU operator. */
    public int complexPairs() {
        return (latentDim - realModes) / 2;
    }

    /** The configuration as properties (the saved form). */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("formatVersion", Integer.toString(FORMAT_VERSION));
        p.setProperty("stateDim", Integer.toString(stateDim));
        p.setProperty("encoderHidden", join(encoderHidden));
        p.setProperty("latentDim", Integer.toString(latentDim));
        p.setProperty("decoderHidden", join(decoderHidden));
        p.setProperty("activation", activation.name());
        p.setProperty("operator", operator.name());
        p.setProperty("realModes", Integer.toString(realModes));
        p.setProperty("backward", Boolean.toString(backward));
        p.setProperty("steps", Integer.toString(steps));
        p.setProperty("reconstructionWeight", Double.toString(reconstructionWeight));
        p.setProperty("predictionWeight", Double.toString(predictionWeight));
        p.setProperty("linearityWeight", Double.toString(linearityWeight));
        p.setProperty("infinityWeight", Double.toString(infinityWeight));
        p.setProperty("backwardWeight", Double.toString(backwardWeight));
        p.setProperty("consistencyWeight", Double.toString(consistencyWeight));
        p.setProperty("eigenWeight", Double.toString(eigenWeight));
        p.setProperty("eigenLoss", eigenLoss.name());
        p.setProperty("lyapunovWeight", Double.toString(lyapunovWeight));
        p.setProperty("lyapunovEpsilon", Double.toString(lyapunovEpsilon));
        p.setProperty("l2Weight", Double.toString(l2Weight));
        p.setProperty("gelfandSquarings", Integer.toString(gelfandSquarings));
        p.setProperty("powerSquarings", Integer.toString(powerSquarings));
        p.setProperty("initRadius", Double.toString(initRadius));
        p.setProperty("initMaxAngle", Double.toString(initMaxAngle));
        p.setProperty("batchSize", Integer.toString(batchSize));
        p.setProperty("windowStride", Integer.toString(windowStride));
        p.setProperty("gradientClipNorm", Double.toString(gradientClipNorm));
        p.setProperty("dataType", dataType.name());
        p.setProperty("seed", Long.toString(seed));
        return p;
    }

    /** Reads {@link #toProperties()}' form; unknown versions are rejected. */
    public static KoopmanConfig fromProperties(Properties p) {
        String version = p.getProperty("formatVersion");
        if (!Integer.toString(FORMAT_VERSION).equals(version)) {
            throw new IllegalArgumentException("KoopmanConfig: unknown saved format version " + version
                    + " (this build reads version " + FORMAT_VERSION + ")");
        }
        return new KoopmanConfig(i(p, "stateDim"), ints(p.getProperty("encoderHidden")), i(p, "latentDim"),
                ints(p.getProperty("decoderHidden")), Activation.valueOf(p.getProperty("activation")),
                OperatorType.valueOf(p.getProperty("operator")), i(p, "realModes"),
                Boolean.parseBoolean(p.getProperty("backward")), i(p, "steps"), d(p, "reconstructionWeight"),
                d(p, "predictionWeight"), d(p, "linearityWeight"), d(p, "infinityWeight"), d(p, "backwardWeight"),
                d(p, "consistencyWeight"), d(p, "eigenWeight"), EigenLoss.valueOf(p.getProperty("eigenLoss")),
                d(p, "lyapunovWeight"), d(p, "lyapunovEpsilon"), d(p, "l2Weight"), i(p, "gelfandSquarings"),
                i(p, "powerSquarings"), d(p, "initRadius"), d(p, "initMaxAngle"), i(p, "batchSize"),
                i(p, "windowStride"), d(p, "gradientClipNorm"), DataType.valueOf(p.getProperty("dataType")),
                Long.parseLong(p.getProperty("seed")));
    }

    private static int i(Properties p, String k) {
        return Integer.parseInt(p.getProperty(k));
    }

    private static double d(Properties p, String k) {
        return Double.parseDouble(p.getProperty(k));
    }

    private static String join(int[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ",").append(a[i]);
        }
        return sb.toString();
    }

    private static int[] ints(String s) {
        if (s == null || s.isBlank()) {
            return new int[0];
        }
        return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KoopmanConfig c && toProperties().equals(c.toProperties());
    }

    @Override
    public int hashCode() {
        return toProperties().hashCode();
    }

    @Override
    public String toString() {
        return "KoopmanConfig" + new java.util.TreeMap<>(toProperties());
    }
}
