package org.geodl4j.koopman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.geodl4j.koopman.data.KoopmanDatasets;
import org.geodl4j.koopman.data.TrajectorySet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class AngleInitTest {

    /** Damped rotation by 0.3 rad about (1, −2), plus a decaying third coordinate: affine DMD recovers 0.3 exactly. */
    @Test
    void dominantAnglesRecoverTheRotationOfAffineLinearData() {
        double th = 0.3;
        double r = 0.98;
        double[][][] data = new double[4][30][3];
        for (int i = 0; i < data.length; i++) {
            double u = 1 + i;
            double v = 0.5 - i;
            double w = 2 - 0.7 * i;
            for (int t = 0; t < 30; t++) {
                data[i][t] = new double[] {1 + u, -2 + v, w};
                double nu = r * (Math.cos(th) * u - Math.sin(th) * v);
                double nv = r * (Math.sin(th) * u + Math.cos(th) * v);
                u = nu;
                v = nv;
                w *= 0.5;
            }
        }
        TrajectorySet set = new TrajectorySet("rot", 0.1, data);
        double[] one = KoopmanAutoencoder.dominantAngles(set, 1);
        assertEquals(1, one.length);
        assertEquals(th, one[0], 1e-8);
        double[] two = KoopmanAutoencoder.dominantAngles(set, 2);
        assertEquals(th, two[0], 1e-8);
        assertEquals(2 * th, two[1], 1e-8, "missing pairs are harmonics of the first angle");
    }

    /** The cylinder wake on its attractor turns by ≈ ω·Δt = 0.05 rad per step. */
    @Test
    void dominantAngleOfTheCylinderWakeIsNearOmegaDt() {
        TrajectorySet set = KoopmanDatasets.cylinderWakeAttractor(20, 3);
        double[] a = KoopmanAutoencoder.dominantAngles(set, 1);
        assertEquals(1, a.length);
        assertEquals(0.05, a[0], 0.005);
    }

    @Test
    void nonOscillatingDataGiveNoAngle() {
        double[][][] data = new double[2][10][2];
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < 10; t++) {
                data[i][t] = new double[] {Math.pow(0.9, t) * (i + 1), Math.pow(0.5, t) * (2 - i)};
            }
        }
        assertEquals(0, KoopmanAutoencoder.dominantAngles(new TrajectorySet("decay", 0.1, data), 1).length);
    }

    /** Setting the angles keeps the radii (so ρ &lt; 1 for STABLE/LRU) and gives exactly the requested arguments. */
    @Test
    void initialiseAnglesSetsTheArgumentsAndKeepsTheRadii() {
        for (OperatorType op : OperatorType.values()) {
            KoopmanAutoencoder m = KoopmanAutoencoder.builder().stateDim(2).encoderHidden(3).latentDim(4)
                    .operator(op).steps(2).operatorInit(0.97, 0.5).dataType(DataType.DOUBLE).seed(5).build();
            m.initialiseAngles(0.07, 1.2);
            List<Eigenvalue> sp = m.spectrum();
            double[] args = sp.stream().mapToDouble(e -> Math.abs(e.argument())).sorted().toArray();
            assertEquals(0.07, args[0], 1e-9, op.toString());
            assertEquals(0.07, args[1], 1e-9, op.toString());
            assertEquals(1.2, args[2], 1e-9, op.toString());
            assertEquals(1.2, args[3], 1e-9, op.toString());
            for (Eigenvalue e : sp) {
                assertEquals(0.97, e.modulus(), 1e-9, op.toString());
            }
            // the graph's operator agrees with the eager double twin
            double[][] k = m.operatorDouble();
            double[][] g = KoopmanAutoencoder.toDouble(m.operator());
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(k[i][j], g[i][j], 1e-9, op.toString());
                }
            }
            assertThrows(IllegalArgumentException.class, () -> m.initialiseAngles(0.1));
            assertThrows(IllegalArgumentException.class, () -> m.initialiseAngles(0.1, -0.2));
        }
    }
}
