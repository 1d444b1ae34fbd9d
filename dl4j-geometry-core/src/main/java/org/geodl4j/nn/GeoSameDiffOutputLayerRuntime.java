package org.geodl4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Runtime of a {@link GeoSameDiffOutputLayer}: the {@link GeoSameDiffLayerRuntime} graph machinery produces the
 * pre-activation {@code z}; this class adds DL4J's {@link IOutputLayer} contract with the semantics of DL4J's
 * {@code BaseOutputLayer} (labels, masks, score, per-example score, f1, prediction):
 * <pre>
 *   preOut = z ⊙ m,   out = activation(preOut) ⊙ m,   score = loss(labels, preOut, activation, m) / mb + reg
 *   backward: dL/dz = m ⊙ lossFn.computeGradient(labels, preOut, activation, m), then through the graph
 * </pre>
 * ({@code m}: the mask DL4J set on the layer, the labels mask when given; per example {@code [mb, 1]} or shaped like
 * the output. For 0/1 masks {@code dL/dz} equals DL4J's {@code OutputLayer} delta.)
 *
 * <p><b>Buffers.</b> DL4J never runs an output layer's forward pass in {@code fit}: it calls {@code backpropGradient}
 * and then {@code computeScore(…, training = true, …)}. The backward pass therefore runs the fresh training forward
 * (updating buffers once per step) unless {@code activate(true)} already did so for the current input; the training
 * score replays that same forward, so score and gradient always describe one forward pass.
 */
public class GeoSameDiffOutputLayerRuntime extends GeoSameDiffLayerRuntime implements IOutputLayer {

    private static final long serialVersionUID = 1L;

    private INDArray labels;
    private double fullNetRegTerm;
    private double score;

    /** Called by {@link GeoSameDiffOutputLayer#instantiate}. */
    public GeoSameDiffOutputLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private GeoSameDiffOutputLayer outputConf() {
        return (GeoSameDiffOutputLayer) layerConf();
    }

    // ------------------------------------------------------------------------------------------ forward

    /** {@code activation(z ⊙ m) ⊙ m}: the network output (probabilities with the default softmax). */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray preOut = preOutput(training, true, workspaceMgr);
        INDArray out = outputConf().getActivationFn().getActivation(preOut, training);
        if (maskArray != null) {
            applyOutputMask(out);
        }
        return out;
    }

    /** {@code z ⊙ m}, a fresh array the caller owns. */
    private INDArray preOutput(boolean training, boolean fresh, LayerWorkspaceMgr workspaceMgr) {
        INDArray preOut = graphOutput(training, fresh, workspaceMgr);
        if (maskArray != null) {
            applyOutputMask(preOut);
        }
        return preOut;
    }

    /** Per-example ({@code [mb, 1]}) or per-output (same shape) masking, in place, as DL4J's BaseOutputLayer. */
    private void applyOutputMask(INDArray to) {
        INDArray m = maskArray.castTo(to.dataType());
        if (m.isColumnVectorOrScalar() && m.length() == to.size(0)) {
            to.muliColumnVector(m.reshape(m.length(), 1));
        } else if (Arrays.equals(to.shape(), m.shape())) {
            to.muli(m);
        } else {
            throw new DL4JInvalidInputException(describe() + ": invalid mask of shape " + Arrays.toString(m.shape())
                    + "; expected a per-example mask [" + to.size(0) + ", 1] or a per-output mask of the output shape "
                    + Arrays.toString(to.shape()));
        }
    }

    // ------------------------------------------------------------------------------------------ backward

    /**
     * DL4J's output-layer backward: {@code epsilon} is ignored (it is {@code null} for the last layer); dL/dz comes
     * from the loss function and the labels set with {@link #setLabels}.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        requireLabels("backpropGradient");
        INDArray preOut = preOutput(true, !replayAvailable(), workspaceMgr);
        INDArray delta;
        try {
            delta = lossFn().computeGradient(labels, preOut, activationFn(), maskArray);
        } catch (RuntimeException e) {
            throw lossFailure("loss gradient", preOut, e);
        }
        if (maskArray != null) {
            applyOutputMask(delta);      // chain rule through preOut = z ⊙ m (a no-op for 0/1 masks)
        }
        return backpropThroughGraph(delta, workspaceMgr);
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        if (input == null || labels == null) {
            return;      // as DL4J's BaseOutputLayer
        }
        backpropGradient(null, workspaceMgr);
        score = computeScore(fullNetRegTerm, true, workspaceMgr);
    }

    // ------------------------------------------------------------------------------------------ score

    /**
     * {@code loss(labels, preOut) / minibatch + fullNetworkRegScore} (no division when the network is not in
     * minibatch mode). With {@code training} true the training graph replays the forward pass of the last backward
     * pass (same dropout mask, same buffer values).
     */
    @Override
    public double computeScore(double fullNetworkRegScore, boolean training, LayerWorkspaceMgr workspaceMgr) {
        requireInputAndLabels("computeScore");
        this.fullNetRegTerm = fullNetworkRegScore;
        INDArray preOut = preOutput(training, false, workspaceMgr);
        double s;
        try {
            s = lossFn().computeScore(labels, preOut, activationFn(), maskArray, false);
        } catch (RuntimeException e) {
            throw lossFailure("score", preOut, e);
        }
        if (conf().isMiniBatch()) {
            s /= getInputMiniBatchSize();
        }
        s += fullNetworkRegScore;
        this.score = s;
        return s;
    }

    /** Per-example loss {@code [mb, 1]} (inference graph), plus {@code fullNetworkRegScore} if non-zero. */
    @Override
    public INDArray computeScoreForExamples(double fullNetworkRegScore, LayerWorkspaceMgr workspaceMgr) {
        requireInputAndLabels("computeScoreForExamples");
        INDArray preOut = preOutput(false, false, workspaceMgr);
        INDArray scores;
        try {
            scores = lossFn().computeScoreArray(labels, preOut, activationFn(), maskArray);
        } catch (RuntimeException e) {
            throw lossFailure("per-example score", preOut, e);
        }
        if (fullNetworkRegScore != 0.0) {
            scores.addi(fullNetworkRegScore);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, scores);
    }

    @Override
    public double score() {
        return score;
    }

    @Override
    public Pair<Gradient, Double> gradientAndScore() {
        return new Pair<>(gradient(), score());
    }

    // ------------------------------------------------------------------------------------------ labels

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public void setLabels(INDArray labels) {
        this.labels = labels;
    }

    @Override
    public INDArray getLabels() {
        return labels;
    }

    @Override
    public void clear() {
        super.clear();
        labels = null;
        fullNetRegTerm = 0.0;
    }

    // ------------------------------------------------------------------------------------------ Classifier

    @Override
    public double f1Score(DataSet data) {
        return f1Score(data.getFeatures(), data.getLabels());
    }

    /** F1 of {@link Evaluation} on the inference output for {@code examples}. */
    @Override
    public double f1Score(INDArray examples, INDArray labels) {
        Evaluation eval = new Evaluation();
        eval.eval(labels, activate(examples, false, LayerWorkspaceMgr.noWorkspacesImmutable()));
        return eval.f1();
    }

    /** The number of label columns of the current labels. */
    @Override
    public int numLabels() {
        if (labels == null) {
            throw new IllegalStateException(describe() + ": numLabels() needs labels; call setLabels first");
        }
        return (int) labels.size(1);
    }

    /** Arg-max class of the inference output per example (rank-2 output only). */
    @Override
    public int[] predict(INDArray examples) {
        INDArray out = activate(examples, false, LayerWorkspaceMgr.noWorkspacesImmutable());
        if (out.rank() != 2) {
            throw new IllegalStateException(describe() + ": predict needs a rank-2 output, got shape "
                    + Arrays.toString(out.shape()));
        }
        return out.argMax(1).toIntVector();
    }

    @Override
    public List<String> predict(DataSet dataSet) {
        List<String> out = new ArrayList<>();
        for (int i : predict(dataSet.getFeatures())) {
            out.add(dataSet.getLabelName(i));
        }
        return out;
    }

    @Override
    public void fit(DataSetIterator iter) {
        throw fitUnsupported();
    }

    @Override
    public void fit(INDArray examples, INDArray labels) {
        throw fitUnsupported();
    }

    @Override
    public void fit(DataSet data) {
        throw fitUnsupported();
    }

    @Override
    public void fit(INDArray examples, int[] labels) {
        throw fitUnsupported();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private ILossFunction lossFn() {
        return outputConf().getLossFn();
    }

    private IActivation activationFn() {
        return outputConf().getActivationFn();
    }

    private void requireLabels(String what) {
        if (labels == null) {
            throw new IllegalStateException(describe() + ": " + what + " needs labels; none were set");
        }
    }

    private void requireInputAndLabels(String what) {
        if (input == null || labels == null) {
            throw new IllegalStateException(describe() + ": cannot compute " + what + " without "
                    + (input == null ? "input" : "") + (input == null && labels == null ? " and " : "")
                    + (labels == null ? "labels" : ""));
        }
    }

    private RuntimeException lossFailure(String what, INDArray preOut, RuntimeException e) {
        return new DL4JInvalidInputException(describe() + ": " + lossFn().getClass().getSimpleName() + " " + what
                + " failed for labels of shape " + Arrays.toString(labels.shape()) + " and output of shape "
                + Arrays.toString(preOut.shape()) + ": " + e.getMessage(), e);
    }

    private UnsupportedOperationException fitUnsupported() {
        return new UnsupportedOperationException(describe() + ": an output layer is trained through its network "
                + "(MultiLayerNetwork/ComputationGraph.fit), not on its own");
    }
}
