package org.geodl4j.updater;

/**
 * The multiplier Muon applies to the orthogonalised update {@code O} of a {@code fanOut x fanIn} weight. The choice
 * sets the update's RMS and is the most common source of wrong Muon ports (layouts differ: PyTorch stores
 * {@code [out, in]}, DL4J dense weights {@code [nIn, nOut]}, DL4J conv weights {@code [nOut, nIn, kH, kW]}).
 *
 * <p>A full-rank orthogonal {@code [A, B]} matrix has RMS {@code sqrt(1 / max(A, B))} (J. Liu et al., "Muon is
 * Scalable for LLM Training" (Moonlight), arXiv:2502.16982, 2025, Lemma 1); Newton–Schulz output is about 0.75–0.9 of
 * that.
 */
public enum MuonScale {

    /**
     * {@code sqrt(max(1, fanOut / fanIn))}: update RMS about {@code 1 / sqrt(fanIn)} (K. Jordan, Muon reference
     * implementation; {@code torch.optim.Muon} "original"). Pair with Muon learning rates (0.02).
     */
    KELLER {
        @Override
        public double factor(long fanIn, long fanOut) {
            return Math.sqrt(Math.max(1.0, (double) fanOut / fanIn));
        }
    },

    /**
     * {@code 0.2 * sqrt(max(fanIn, fanOut))}: update RMS about 0.2, like AdamW's, so Muon can reuse AdamW's learning
     * rate and weight decay (Liu et al. 2025, §2.2; {@code torch.optim.Muon} "match_rms_adamw").
     */
    MOONLIGHT {
        @Override
        public double factor(long fanIn, long fanOut) {
            return 0.2 * Math.sqrt(Math.max(fanIn, fanOut));
        }
    };

    /** The multiplier for a weight mapping {@code fanIn} inputs to {@code fanOut} outputs. */
    public abstract double factor(long fanIn, long fanOut);
}
