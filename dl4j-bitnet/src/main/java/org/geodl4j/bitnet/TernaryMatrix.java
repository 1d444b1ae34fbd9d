package org.geodl4j.bitnet;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A packed ternary matrix {@code W = γ·T}, {@code T ∈ {−1, 0, 1}^(rows × cols)}, one scale γ per tensor, stored at
 * 1.6 bits per weight: five trits per byte in base 3,
 *
 * <pre>
 *   byte[r·G + g] = Σ_{i=0..4} (T[r, 5g + i] + 1)·3^i   ∈ [0, 242],   G = ⌈cols / 5⌉ groups per row
 * </pre>
 * (columns past {@code cols} in the last group are stored as 0). Rows are outputs, columns inputs ({@code y = T·x}).
 * The base-3 group index is exactly the lookup-table index used by {@link TernaryMatMul}, so the kernel never decodes
 * or multiplies weights.
 *
 * <p>Reference: BitNet b1.58 ternary weights, Ma et al., arXiv:2402.17764 (2024); the packing is a denser relative
 * of bitnet.cpp's TL1/TL2 lookup-table codes (Wang et al., "1-bit AI Infra", arXiv:2410.16144, 2024): TL1 packs two
 * weights in a 4-bit index (2 bits/weight), TL2 three in 5 bits (1.67 bits/weight), here five in 8 bits (1.6).
 *
 * <p>Convention: rows = output features (PyTorch {@code [out, in]}); a DL4J weight {@code [nIn, nOut]} is transposed
 * on packing ({@link #fromDl4jWeights}).
 */
public final class TernaryMatrix {

    /** Trits per packed byte. */
    public static final int TRITS_PER_BYTE = 5;
    /** Number of distinct byte codes (3^5). */
    public static final int CODES = 243;

    private static final byte[] DECODE = new byte[CODES * TRITS_PER_BYTE];

    static {
        for (int code = 0; code < CODES; code++) {
            int c = code;
            for (int i = 0; i < TRITS_PER_BYTE; i++) {
                DECODE[code * TRITS_PER_BYTE + i] = (byte) (c % 3 - 1);
                c /= 3;
            }
        }
    }

    private final int rows;
    private final int cols;
    private final int groupsPerRow;
    private final double scale;
    private final byte[] packed;

    private TernaryMatrix(int rows, int cols, double scale, byte[] packed) {
        this.rows = rows;
        this.cols = cols;
        this.groupsPerRow = groupsPerRow(cols);
        this.scale = scale;
        this.packed = packed;
    }

    /**
     * Packs row-major trits.
     *
     * @param rows  number of rows (outputs), ≥ 1
     * @param cols  number of columns (inputs), ≥ 1
     * @param trits {@code rows·cols} values in {−1, 0, 1}, row-major
     * @param scale γ &gt; 0
     * @return the packed matrix
     */
    public static TernaryMatrix pack(int rows, int cols, byte[] trits, double scale) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("TernaryMatrix: rows and cols must be >= 1, got " + rows + "x" + cols);
        }
        if (trits.length != (long) rows * cols) {
            throw new IllegalArgumentException("TernaryMatrix: expected " + ((long) rows * cols) + " trits for "
                    + rows + "x" + cols + ", got " + trits.length);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("TernaryMatrix: scale must be finite and > 0, got " + scale);
        }
        int g = groupsPerRow(cols);
        byte[] packed = new byte[Math.multiplyExact(rows, g)];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < g; j++) {
                int code = 0;
                for (int i = TRITS_PER_BYTE - 1; i >= 0; i--) {
                    int c = j * TRITS_PER_BYTE + i;
                    int t = c < cols ? trits[r * cols + c] : 0;
                    if (t < -1 || t > 1) {
                        throw new IllegalArgumentException("TernaryMatrix: trit at (" + r + ", " + c
                                + ") must be -1, 0 or 1, got " + t);
                    }
                    code = code * 3 + (t + 1);
                }
                packed[r * g + j] = (byte) code;
            }
        }
        return new TernaryMatrix(rows, cols, scale, packed);
    }

    /**
     * Ternarises {@code [out, in]} weights with the absmean quantiser ({@link TernaryWeightQuantizer}) and packs them.
     *
     * @param w weights {@code [rows, cols]} (not modified)
     * @return {@code RoundClip(W/γ)} packed with scale γ
     */
    public static TernaryMatrix fromWeights(INDArray w) {
        if (w.rank() != 2) {
            throw new IllegalArgumentException("TernaryMatrix: expected a [rows, cols] weight matrix, got shape "
                    + Arrays.toString(w.shape()));
        }
        double gamma = TernaryWeightQuantizer.scale(w);
        return fromCodes(TernaryWeightQuantizer.codes(w, gamma), gamma);
    }

    /**
     * Ternarises DL4J-layout {@code [nIn, nOut]} weights (transposed to {@code [nOut, nIn]}) and packs them.
     *
     * @param w weights {@code [nIn, nOut]} (not modified)
     * @return the packed {@code [nOut, nIn]} matrix
     */
    public static TernaryMatrix fromDl4jWeights(INDArray w) {
        return fromWeights(w.transpose());
    }

    /**
     * Packs a code array with values in {−1, 0, 1}.
     *
     * @param codes {@code [rows, cols]} codes
     * @param scale γ
     * @return the packed matrix
     */
    public static TernaryMatrix fromCodes(INDArray codes, double scale) {
        int[] flat = codes.castTo(DataType.INT).dup('c').data().asInt();
        byte[] trits = new byte[flat.length];
        for (int i = 0; i < flat.length; i++) {
            trits[i] = (byte) flat[i];
        }
        return pack((int) codes.size(0), (int) codes.size(1), trits, scale);
    }

    static int groupsPerRow(int cols) {
        return (cols + TRITS_PER_BYTE - 1) / TRITS_PER_BYTE;
    }

    /** @return number of rows (outputs) */
    public int rows() {
        return rows;
    }

    /** @return number of columns (inputs) */
    public int cols() {
        return cols;
    }

    /** @return the per-tensor scale γ */
    public double scale() {
        return scale;
    }

    /** @return packed bytes per row, {@code ⌈cols/5⌉} */
    public int groupsPerRow() {
        return groupsPerRow;
    }

    /** @return the packed codes (shared, do not modify) */
    byte[] packed() {
        return packed;
    }

    /** @return bytes held by the codes plus the 8-byte scale */
    public long sizeInBytes() {
        return packed.length + Double.BYTES;
    }

    /**
     * The trit at {@code (r, c)}.
     *
     * @param r row
     * @param c column
     * @return −1, 0 or 1
     */
    public int trit(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("TernaryMatrix " + rows + "x" + cols + ": index (" + r + ", " + c
                    + ")");
        }
        int code = packed[r * groupsPerRow + c / TRITS_PER_BYTE] & 0xFF;
        return DECODE[code * TRITS_PER_BYTE + c % TRITS_PER_BYTE];
    }

    /** @return all trits, row-major {@code [rows·cols]} */
    public byte[] unpack() {
        byte[] out = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (byte) trit(r, c);
            }
        }
        return out;
    }

    /**
     * Dense {@code γ·T} as an ND4J array.
     *
     * @param dtype floating data type
     * @return {@code [rows, cols]} weights
     */
    public INDArray toDense(DataType dtype) {
        byte[] t = unpack();
        double[] d = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            d[i] = t[i] * scale;
        }
        return org.nd4j.linalg.factory.Nd4j.create(d, new long[]{rows, cols}, DataType.DOUBLE).castTo(dtype);
    }

    /**
     * Fraction of zero trits.
     *
     * @return sparsity in [0, 1]
     */
    public double sparsity() {
        long zeros = 0;
        for (byte t : unpack()) {
            if (t == 0) {
                zeros++;
            }
        }
        return zeros / (double) ((long) rows * cols);
    }

    @Override
    public String toString() {
        return "TernaryMatrix[" + rows + "x" + cols + ", γ=" + scale + ", " + sizeInBytes() + " bytes]";
    }
}
