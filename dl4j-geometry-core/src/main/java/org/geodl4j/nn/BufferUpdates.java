package org.geodl4j.nn;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The buffer updates one graph definition declares (shared by {@link GeoLayerContext} and {@link GeoVertexContext}):
 * validates each {@code updateBuffer(name, value)} call and keeps it only for training graphs.
 */
final class BufferUpdates {

    private final String owner;
    private final SameDiff sameDiff;
    private final GeoLayerParams declared;
    private final boolean training;
    private final Map<String, SDVariable> updates = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();

    /**
     * @param owner    how messages name the owner, e.g. {@code Layer "bn"} or {@code Vertex "merge"}
     * @param training whether the graph being defined is the training graph (inference graphs ignore updates)
     */
    BufferUpdates(String owner, SameDiff sameDiff, GeoLayerParams declared, boolean training) {
        this.owner = owner;
        this.sameDiff = sameDiff;
        this.declared = declared;
        this.training = training;
    }

    /**
     * Records that buffer {@code name} takes {@code newValue} after a training forward pass.
     *
     * @throws IllegalArgumentException if {@code name} is not a declared buffer, is updated twice, or
     *                                  {@code newValue} is not a variable of this graph
     */
    void declare(String name, SDVariable newValue) {
        if (!declared.isBuffer(name)) {
            throw new IllegalArgumentException(owner + ": updateBuffer(\"" + name
                    + "\") but that is not a declared buffer; buffers: " + declared.bufferKeys());
        }
        if (newValue == null || newValue.getSameDiff() != sameDiff) {
            throw new IllegalArgumentException(owner + ": updateBuffer(\"" + name
                    + "\") needs a variable of this context's SameDiff graph, got " + newValue);
        }
        if (!seen.add(name)) {
            throw new IllegalArgumentException(owner + ": buffer \"" + name + "\" updated twice in one definition");
        }
        if (training) {
            updates.put(name, newValue);
        }
    }

    /** Buffer name → variable holding its post-step value (empty for inference graphs). */
    Map<String, SDVariable> updates() {
        return Collections.unmodifiableMap(updates);
    }
}
