package org.geodl4j.bitnet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns the {@link BitLinear} layers of a trained {@link MultiLayerNetwork} into packed inference layers
 * ({@link PackedBitLinear}: 1.6-bit ternary codes + one scale, integer activations, multiplication-free kernel) and
 * reports per-layer ternarisation statistics.
 *
 * <pre>
 *   BitLinear(W, b)  →  PackedBitLinear(T = RoundClip(Wᵀ/γ), γ, b)      other layers: kept (run by DL4J, inference mode)
 * </pre>
 * The packed output equals the training-time inference forward (same quantisers, noise-free) up to float rounding.
 * A layer configured with M-sample noisy inference is exported noise-free.
 *
 * <p>Reference: BitNet b1.58 offline ternarisation and inference, "The Era of 1-bit LLMs: Training Tips, Code and
 * FAQ" (microsoft/unilm), Fig. 4; microsoft/BitNet {@code convert_checkpoint.py} (W_int = clamp(round(W/mean|W|))).
 *
 * <p>Convention: MultiLayerNetwork only (ComputationGraph export is not implemented).
 */
public final class TernaryExport {

    private TernaryExport() {
    }

    /**
     * Packs one BitLinear layer of a network.
     *
     * @param net        the network
     * @param layerIndex index of a BitLinear layer
     * @return the packed layer
     */
    public static PackedBitLinear pack(MultiLayerNetwork net, int layerIndex) {
        Layer l = net.getLayer(layerIndex);
        if (!(l.conf().getLayer() instanceof BitLinear)) {
            throw new IllegalArgumentException("TernaryExport: layer " + layerIndex + " (\""
                    + l.conf().getLayer().getLayerName() + "\") is "
                    + l.conf().getLayer().getClass().getSimpleName() + ", not BitLinear");
        }
        BitLinear conf = (BitLinear) l.conf().getLayer();
        Map<String, INDArray> p = l.paramTable();
        double[] bias = conf.isHasBias() ? p.get(BitLinear.BIAS_KEY).castTo(DataType.DOUBLE).dup().data().asDouble()
                : null;
        return new PackedBitLinear(name(conf.getLayerName(), layerIndex),
                TernaryMatrix.fromDl4jWeights(p.get(BitLinear.WEIGHT_KEY)), bias, conf.isRmsNorm(),
                conf.getRmsNormEps(), conf.getActivationBits());
    }

    /**
     * Exports a whole network: BitLinear layers packed, every other layer (and input preprocessor) run by DL4J in
     * inference mode. The returned model shares the non-BitLinear layers with {@code net}.
     *
     * @param net     a trained network
     * @param threads worker threads of the ternary kernel
     * @return the inference model (close it to stop its threads)
     */
    public static TernaryInferenceNetwork export(MultiLayerNetwork net, int threads) {
        List<TernaryInferenceNetwork.Stage> stages = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            Layer l = net.getLayer(i);
            if (l.conf().getLayer() instanceof BitLinear) {
                BitLinear conf = (BitLinear) l.conf().getLayer();
                stages.add(TernaryInferenceNetwork.Stage.packed(pre, pack(net, i), conf.getActivation()));
            } else {
                stages.add(TernaryInferenceNetwork.Stage.dl4j(pre, l));
            }
        }
        return new TernaryInferenceNetwork(stages, threads);
    }

    /**
     * Ternarisation statistics of every BitLinear layer (name → scale, code fractions).
     *
     * @param net the network
     * @return layer name → statistics, in layer order
     */
    public static Map<String, TernaryStatistics> statistics(MultiLayerNetwork net) {
        Map<String, TernaryStatistics> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : latentWeights(net).entrySet()) {
            out.put(e.getKey(), TernaryStatistics.of(e.getValue()));
        }
        return out;
    }

    /**
     * Detached copies of the latent weights of every BitLinear layer (for {@link #flipRates}).
     *
     * @param net the network
     * @return layer name → copy of W
     */
    public static Map<String, INDArray> latentWeights(MultiLayerNetwork net) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer l = net.getLayer(i);
            if (l.conf().getLayer() instanceof BitLinear) {
                out.put(name(l.conf().getLayer().getLayerName(), i), l.paramTable().get(BitLinear.WEIGHT_KEY).dup());
            }
        }
        return out;
    }

    /**
     * Fraction of ternary codes that changed per BitLinear layer since a snapshot from {@link #latentWeights}.
     *
     * @param before snapshot
     * @param net    the network now
     * @return layer name → flip rate
     */
    public static Map<String, Double> flipRates(Map<String, INDArray> before, MultiLayerNetwork net) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : latentWeights(net).entrySet()) {
            INDArray b = before.get(e.getKey());
            if (b == null) {
                throw new IllegalArgumentException("TernaryExport.flipRates: no snapshot for layer \"" + e.getKey()
                        + "\"; snapshot has " + before.keySet());
            }
            out.put(e.getKey(), TernaryStatistics.flipRate(b, e.getValue()));
        }
        return out;
    }

    private static String name(String layerName, int index) {
        return layerName != null ? layerName : "layer" + index;
    }
}
