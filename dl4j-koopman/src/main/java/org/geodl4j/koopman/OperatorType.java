package org.geodl4j.koopman;

/**
 * How the linear latent operator K is parameterised. Latent convention: column vectors, {@code z_{k+1} = K z_k}
 * (the graph works on rows, {@code Z_{k+1} = Z_k Kᵀ}).
 */
public enum OperatorType {

    /** (a) K is a free {@code L×L} matrix (trainable parameter {@code K}). No stability guarantee. */
    UNCONSTRAINED,

    /**
     * (b) Stable by construction: {@code K = Q B Qᵀ} with {@code Q = exp(S)} orthogonal ({@code S} skew) and
     * {@code B = ⊕ rᵢ [[cos θᵢ, −sin θᵢ], [sin θᵢ, cos θᵢ]] ⊕ diag(sⱼ)}, {@code rᵢ = sigmoid(ρᵢ)} ∈ (0, 1),
     * {@code sⱼ = tanh(σⱼ)} ∈ (−1, 1). Eigenvalues are {@code rᵢ e^{±iθᵢ}} and {@code sⱼ}: explicit, spectral
     * radius {@code max(rᵢ, |sⱼ|) < 1}, no eigen-solver. Parameters {@code K_skew} (L×L; S = A − Aᵀ),
     * {@code K_rho}, {@code K_theta} (one per complex pair), {@code K_real} (one per real mode).
     */
    STABLE,

    /**
     * (c) LRU-style diagonal as real 2×2 blocks (Orvieto et al. 2023): pair i has eigenvalues
     * {@code exp(−exp(νᵢ) ± i·exp(φᵢ))}, so {@code |λ| = exp(−exp(νᵢ))} ∈ (0, 1). No mixing matrix. Parameters
     * {@code K_nu}, {@code K_logtheta}. The latent dimension must be even.
     */
    LRU
}
