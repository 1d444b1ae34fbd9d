package org.geodl4j.updater;

/**
 * What {@link Muon} does with a Euclidean parameter that is not a matrix (a bias {@code [1, n]} or {@code [n]}, a gain,
 * a scalar). Parameters the user lists in {@link Muon#getAdamwParams()} always take the AdamW step; parameters on a
 * curved manifold are always refused (orthogonalisation has no meaning there; use {@link RiemannianAdam} for them).
 */
public enum MuonFallback {
    /** Use the built-in AdamW step (the reference recipe: Muon for hidden matrices, AdamW for the rest). */
    ADAMW,
    /** Throw an {@link IllegalStateException} naming the parameter, its shape and the reason. */
    THROW
}
