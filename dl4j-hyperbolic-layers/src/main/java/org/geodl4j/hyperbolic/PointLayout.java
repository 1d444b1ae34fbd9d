package org.geodl4j.hyperbolic;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the points are in a layer's input: a hyperbolic layer acts on a {@code [M, width]} matrix of points, one per
 * row, and this layout says how DL4J's activations map to such rows and back.
 * <ul>
 *   <li>{@link #FEED_FORWARD} {@code [N, width]}: one point per example;</li>
 *   <li>{@link #RECURRENT_NCW} {@code [N, width, T]} (DL4J's default RNN format) and {@link #RECURRENT_NWC}
 *       {@code [N, T, width]}: one point per example and time step, rows ordered {@code (n, t)};</li>
 *   <li>{@link #CONVOLUTIONAL_NCHW} {@code [N, C, H, W]} (DL4J's default CNN format) and {@link #CONVOLUTIONAL_NHWC}
 *       {@code [N, H, W, C]}: each pixel's channel vector is one point (van Spengler et al. 2023; Bdéir et al.
 *       2024), rows ordered {@code (n, h, w)}.</li>
 * </ul>
 * Convention: the point axis is the channel/feature axis; the Lorentz time coordinate is its first entry.
 */
public enum PointLayout {
    FEED_FORWARD(2, 1, new int[] {0, 1}, new int[] {0, 1}),
    RECURRENT_NCW(3, 1, new int[] {0, 2, 1}, new int[] {0, 2, 1}),
    RECURRENT_NWC(3, 2, new int[] {0, 1, 2}, new int[] {0, 1, 2}),
    CONVOLUTIONAL_NCHW(4, 1, new int[] {0, 2, 3, 1}, new int[] {0, 3, 1, 2}),
    CONVOLUTIONAL_NHWC(4, 3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3});

    private final int rank;
    private final int pointAxis;
    /** Permutation bringing the point axis last. */
    private final int[] toLast;
    /** Inverse of {@link #toLast}. */
    private final int[] fromLast;

    PointLayout(int rank, int pointAxis, int[] toLast, int[] fromLast) {
        this.rank = rank;
        this.pointAxis = pointAxis;
        this.toLast = toLast;
        this.fromLast = fromLast;
    }

    /** The layout of an input type: feed-forward, recurrent or convolutional (NCHW/NHWC). */
    public static PointLayout of(InputType inputType, String who) {
        if (inputType instanceof InputType.InputTypeFeedForward) {
            return FEED_FORWARD;
        }
        if (inputType instanceof InputType.InputTypeRecurrent) {
            return ((InputType.InputTypeRecurrent) inputType).getFormat() == RNNFormat.NWC ? RECURRENT_NWC
                    : RECURRENT_NCW;
        }
        if (inputType instanceof InputType.InputTypeConvolutional) {
            return ((InputType.InputTypeConvolutional) inputType).getFormat() == CNN2DFormat.NHWC ? CONVOLUTIONAL_NHWC
                    : CONVOLUTIONAL_NCHW;
        }
        throw new IllegalArgumentException(who + ": expected feed-forward, recurrent or convolutional input, got "
                + inputType);
    }

    /** The width of the points (feature size, RNN size or channels) of an input type of this layout. */
    public long width(InputType inputType) {
        switch (this) {
            case FEED_FORWARD:
                return ((InputType.InputTypeFeedForward) inputType).getSize();
            case RECURRENT_NCW:
            case RECURRENT_NWC:
                return ((InputType.InputTypeRecurrent) inputType).getSize();
            default:
                return ((InputType.InputTypeConvolutional) inputType).getChannels();
        }
    }

    /** The input type with points of width {@code outWidth} and otherwise the same shape and format. */
    public InputType outputType(InputType inputType, long outWidth) {
        switch (this) {
            case FEED_FORWARD:
                return InputType.feedForward(outWidth);
            case RECURRENT_NCW:
            case RECURRENT_NWC:
                InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) inputType;
                return InputType.recurrent(outWidth, r.getTimeSeriesLength(), r.getFormat());
            default:
                InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) inputType;
                return InputType.convolutional(c.getHeight(), c.getWidth(), outWidth, c.getFormat());
        }
    }

    /** Whether DL4J masks of this layout are per point ({@code [N, 1]} feed-forward, {@code [N, T]} recurrent). */
    public boolean masksPerPoint() {
        return rank <= 3;
    }

    /** Rank of arrays in this layout. */
    public int rank() {
        return rank;
    }

    /** The point axis of arrays in this layout. */
    public int pointAxis() {
        return pointAxis;
    }

    /** {@code x} as a {@code [M, width]} matrix of points (SameDiff). */
    public SDVariable toPoints(SDVariable x, long width) {
        if (this == FEED_FORWARD) {
            return x;
        }
        SDVariable last = isIdentity(toLast) ? x : x.permute(toLast);
        return last.reshape(-1, width);
    }

    /**
     * Points {@code y [M, outWidth]} back in this layout, shaped like {@code x} with the point axis of length
     * {@code outWidth} (the other sizes are read from {@code x} at run time, so variable sequence lengths work).
     */
    public SDVariable fromPoints(SDVariable y, SDVariable x, long outWidth) {
        if (this == FEED_FORWARD) {
            return y;
        }
        SameDiff sd = y.getSameDiff();
        SDVariable last = isIdentity(toLast) ? x : x.permute(toLast);
        int[] lead = new int[rank - 1];
        for (int i = 0; i < lead.length; i++) {
            lead[i] = i;
        }
        SDVariable shape = sd.concat(0, sd.gather(sd.shape(last), lead, 0),
                sd.constant(Nd4j.createFromArray(outWidth)));
        SDVariable shaped = sd.reshape(y, shape);
        return isIdentity(fromLast) ? shaped : shaped.permute(fromLast);
    }

    /** Per-point mask {@code [M, 1]} from a DL4J mask ({@code [N, 1]} or {@code [N, T]}), rows ordered as the points. */
    public SDVariable maskPerPoint(SDVariable mask) {
        return mask.reshape(-1, 1);
    }

    /** {@code x} as a {@code [M, width]} matrix (eager, for validation); a copy. */
    public INDArray pointsOf(INDArray x) {
        INDArray last = isIdentity(toLast) ? x : x.permute(toLast);
        return last.dup('c').reshape('c', -1, x.size(pointAxis));
    }

    /** Checks rank and point width of an input array; throws {@link IllegalArgumentException} saying what arrived. */
    public void checkShape(INDArray x, long width, String who) {
        if (x.rank() != rank || x.size(pointAxis) != width) {
            throw new IllegalArgumentException(who + ": expected " + describe(width) + ", got shape "
                    + Arrays.toString(x.shape()));
        }
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(who + ": expected floating-point input, got " + x.dataType());
        }
    }

    /** E.g. {@code "[minibatch, 4, time] (recurrent NCW)"}. */
    public String describe(long width) {
        switch (this) {
            case FEED_FORWARD:
                return "[minibatch, " + width + "] (feed-forward)";
            case RECURRENT_NCW:
                return "[minibatch, " + width + ", time] (recurrent NCW)";
            case RECURRENT_NWC:
                return "[minibatch, time, " + width + "] (recurrent NWC)";
            case CONVOLUTIONAL_NCHW:
                return "[minibatch, " + width + ", height, width] (convolutional NCHW)";
            default:
                return "[minibatch, height, width, " + width + "] (convolutional NHWC)";
        }
    }

    private static boolean isIdentity(int[] p) {
        for (int i = 0; i < p.length; i++) {
            if (p[i] != i) {
                return false;
            }
        }
        return true;
    }
}
