package org.geodl4j.koopman;

/**
 * Miller et al.'s eigenvalue penalties (arXiv 2212.12086), applied to the moduli {@code |λᵢ|} of the latent
 * operator. For {@link OperatorType#STABLE}/{@link OperatorType#LRU} the moduli are explicit (each complex pair counts
 * twice, the mean is over all L eigenvalues); for {@link OperatorType#UNCONSTRAINED} the single differentiable upper
 * bound {@code ρ̂ = ‖K^k‖₂^{1/k} ≥ ρ(K)} is used in place of every modulus (see {@link SpectralOps#gelfandRadius}).
 */
public enum EigenLoss {
    /** {@code mean | |λᵢ| − 1 |}. */
    UNIT_CIRCLE_MAE,
    /** {@code mean (|λᵢ| − 1)²}. */
    UNIT_CIRCLE_MSE,
    /** {@code mean |λᵢ|}. */
    ORIGIN
}
