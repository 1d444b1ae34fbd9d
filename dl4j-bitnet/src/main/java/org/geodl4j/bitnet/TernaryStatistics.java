package org.geodl4j.bitnet;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Summary of a weight tensor's ternarisation {@code t = RoundClip(W/γ, −1, 1)}: scale γ, fraction of −1/0/+1 codes
 * (sparsity = fraction of zeros), and the flip rate between two snapshots (fraction of codes that changed, the
 * quantity BitNet's FAQ relates to weight decay and learning rate in the second training stage).
 *
 * <p>Reference: "The Era of 1-bit LLMs: Training Tips, Code and FAQ" (microsoft/unilm, 2024), §2 (weight decay lowers
 * the latent weights' "confidence" and increases flips).
 */
public final class TernaryStatistics {

    private final double scale;
    private final double fractionMinus;
    private final double fractionZero;
    private final double fractionPlus;
    private final long count;

    private TernaryStatistics(double scale, double fractionMinus, double fractionZero, double fractionPlus,
                              long count) {
        this.scale = scale;
        this.fractionMinus = fractionMinus;
        this.fractionZero = fractionZero;
        this.fractionPlus = fractionPlus;
        this.count = count;
    }

    /**
     * Statistics of the absmean ternarisation of {@code w}.
     *
     * @param w latent weights (not modified)
     * @return scale and code fractions
     */
    public static TernaryStatistics of(INDArray w) {
        double gamma = TernaryWeightQuantizer.scale(w);
        INDArray t = TernaryWeightQuantizer.codes(w, gamma);
        long n = t.length();
        double minus = t.lt(-0.5).castTo(w.dataType()).sumNumber().doubleValue() / n;
        double plus = t.gt(0.5).castTo(w.dataType()).sumNumber().doubleValue() / n;
        return new TernaryStatistics(gamma, minus, 1.0 - minus - plus, plus, n);
    }

    /**
     * Fraction of ternary codes that differ between two snapshots of the same latent weights (each ternarised with
     * its own γ).
     *
     * @param before earlier weights
     * @param after  later weights, same shape
     * @return flip rate in [0, 1]
     */
    public static double flipRate(INDArray before, INDArray after) {
        if (!java.util.Arrays.equals(before.shape(), after.shape())) {
            throw new IllegalArgumentException("TernaryStatistics.flipRate: shapes differ, "
                    + java.util.Arrays.toString(before.shape()) + " vs " + java.util.Arrays.toString(after.shape()));
        }
        INDArray a = TernaryWeightQuantizer.codes(before, TernaryWeightQuantizer.scale(before));
        INDArray b = TernaryWeightQuantizer.codes(after, TernaryWeightQuantizer.scale(after));
        return a.neq(b).castTo(before.dataType()).sumNumber().doubleValue() / a.length();
    }

    /** @return γ */
    public double scale() {
        return scale;
    }

    /** @return fraction of zero codes */
    public double sparsity() {
        return fractionZero;
    }

    /** @return fraction of −1 codes */
    public double fractionMinus() {
        return fractionMinus;
    }

    /** @return fraction of +1 codes */
    public double fractionPlus() {
        return fractionPlus;
    }

    /** @return number of weights */
    public long count() {
        return count;
    }

    @Override
    public String toString() {
        return String.format("γ=%.4g  −1: %.1f%%  0: %.1f%%  +1: %.1f%%  (%d weights)", scale, 100 * fractionMinus,
                100 * fractionZero, 100 * fractionPlus, count);
    }
}
