package org.geodl4j.nn;

import org.nd4j.linalg.learning.config.IUpdater;

/**
 * An updater configuration whose {@link org.nd4j.linalg.learning.GradientUpdater} is a
 * {@link ParamAwareGradientUpdater}. It lets geodl4j layers bind it per parameter at configuration level, with no
 * attach step (see {@link ParamBinding}).
 *
 * <p><b>Contract for implementations.</b>
 * <ul>
 *   <li>{@link #bindTo(ParamSpec)} returns a {@link #clone()} carrying {@code spec} in a {@code transient} field;
 *       {@link #boundSpec()} returns it ({@code null} on an unbound configuration).</li>
 *   <li>{@code equals}/{@code hashCode} cover every hyper-parameter <em>and</em> the bound spec. DL4J merges adjacent
 *       parameters with {@code equals} updaters into one block
 *       ({@code UpdaterUtils.updaterConfigurationsEquals}); a distinct spec therefore gives every bound parameter a
 *       block of its own, so the {@link ParamTap} of that parameter feeds exactly its updater.</li>
 *   <li>JSON writes hyper-parameters only: {@code IUpdater} serialises every non-transient field, so the spec must be
 *       {@code transient} (layers store the unbound configuration; bound clones exist only at runtime).</li>
 *   <li>{@code clone()} returns the subtype and copies the spec; a no-arg (any visibility) or
 *       {@code @JsonProperty} constructor exists for Jackson.</li>
 * </ul>
 */
public interface ParamAwareUpdater extends IUpdater {

    /** A copy of this configuration bound to one parameter (same hyper-parameters, {@code boundSpec() == spec}). */
    IUpdater bindTo(ParamSpec spec);

    /** The parameter this configuration is bound to, or {@code null} if it is the shared (unbound) configuration. */
    ParamSpec boundSpec();
}
