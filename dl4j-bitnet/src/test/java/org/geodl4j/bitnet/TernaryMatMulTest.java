package org.geodl4j.bitnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TernaryMatMulTest {

    private static byte[] randomTrits(Random rnd, int n) {
        byte[] t = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = (byte) (rnd.nextInt(3) - 1);
        }
        return t;
    }

    private static byte[] randomInt8(Random rnd, int n) {
        byte[] x = new byte[n];
        for (int i = 0; i < n; i++) {
            x[i] = (byte) (rnd.nextInt(256) - 128);
        }
        return x;
    }

    @Test
    void packUnpackRoundTripAndSixteenthOfFloatMemory() {
        Random rnd = new Random(1);
        int rows = 9;
        int cols = 23;
        byte[] t = randomTrits(rnd, rows * cols);
        TernaryMatrix m = TernaryMatrix.pack(rows, cols, t, 0.25);
        assertArrayEquals(t, m.unpack());
        assertEquals(rows * 5, m.groupsPerRow() * rows);
        TernaryMatrix big = TernaryMatrix.pack(64, 4095, new byte[64 * 4095], 1.0);
        assertEquals(1.6, 8.0 * (big.sizeInBytes() - 8) / (64 * 4095), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> TernaryMatrix.pack(1, 2, new byte[]{0, 2}, 1.0));
    }

    @Test
    void referenceProductEqualsIntegerMatmulOfCodes() {
        Random rnd = new Random(2);
        int rows = 11;
        int cols = 19;
        int batch = 3;
        byte[] t = randomTrits(rnd, rows * cols);
        byte[] x = randomInt8(rnd, batch * cols);
        int[] ref = TernaryMatMul.multiplyReference(TernaryMatrix.pack(rows, cols, t, 1.0), x, batch);
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < rows; r++) {
                int s = 0;
                for (int c = 0; c < cols; c++) {
                    s += t[r * cols + c] * x[b * cols + c];
                }
                assertEquals(s, ref[b * rows + r]);
            }
        }
    }

    @Test
    void lookupKernelEqualsNaiveReferenceExactlyForOddSizes() {
        Random rnd = new Random(3);
        int[][] shapes = {{1, 77}, {33, 1025}, {7, 1}, {5, 5}, {13, 6}, {3, 2700}, {64, 11}};
        int[] batches = {1, 2, 3, 32, 33};
        try (TernaryMatMul single = new TernaryMatMul(1); TernaryMatMul multi = new TernaryMatMul(3)) {
            for (int[] s : shapes) {
                TernaryMatrix w = TernaryMatrix.pack(s[0], s[1], randomTrits(rnd, s[0] * s[1]), 0.5);
                for (int batch : batches) {
                    byte[] x = randomInt8(rnd, batch * s[1]);
                    int[] ref = TernaryMatMul.multiplyReference(w, x, batch);
                    String what = s[0] + "x" + s[1] + " batch " + batch;
                    assertArrayEquals(ref, single.multiply(w, x, batch), "single-threaded " + what);
                    assertArrayEquals(ref, multi.multiply(w, x, batch), "multi-threaded " + what);
                }
            }
        }
    }

    @Test
    void extremeActivationsDoNotOverflowAndGiveExactSums() {
        int cols = 4099;
        byte[] plus = new byte[2 * cols];
        java.util.Arrays.fill(plus, (byte) 1);
        java.util.Arrays.fill(plus, cols, 2 * cols, (byte) -1);
        TernaryMatrix w = TernaryMatrix.pack(2, cols, plus, 1.0);
        byte[] x = new byte[cols];
        java.util.Arrays.fill(x, (byte) -128);
        try (TernaryMatMul k = new TernaryMatMul(2)) {
            assertArrayEquals(new int[]{-128 * cols, 128 * cols}, k.multiply(w, x, 1));
        }
    }

    @Test
    void fromWeightsUsesTheAbsmeanQuantiserAndTransposesDl4jLayout() {
        Nd4j.getRandom().setSeed(4);
        INDArray w = Nd4j.randn(DataType.DOUBLE, 12, 7);          // DL4J [nIn, nOut]
        TernaryMatrix m = TernaryMatrix.fromDl4jWeights(w);
        assertEquals(7, m.rows());
        assertEquals(12, m.cols());
        assertEquals(TernaryWeightQuantizer.scale(w), m.scale(), 0.0);
        INDArray dense = m.toDense(DataType.DOUBLE);
        assertEquals(TernaryWeightQuantizer.quantize(w).transpose(), dense);
    }

    @Test
    void wrongActivationLengthIsAClearError() {
        TernaryMatrix w = TernaryMatrix.pack(2, 3, new byte[6], 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TernaryMatMul.multiplyReference(w, new byte[5], 2));
        assertEquals(true, e.getMessage().contains("cols=3"), e.getMessage());
    }
}
