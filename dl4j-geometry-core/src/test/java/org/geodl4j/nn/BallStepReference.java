package org.geodl4j.nn;

/**
 * Independent reference for one projected exponential-map step on the Poincaré ball of curvature {@code c}, in plain
 * Java doubles (closed forms of Ganea, Bécigneul &amp; Hofmann, "Hyperbolic Neural Networks", NeurIPS 2018, eq. 2 and
 * Lemma 2; Nickel &amp; Kiela 2017 eq. 4; projection radius (1 - 1e-5)/sqrt(c) as geoopt in float64):
 * <pre>
 * lambda_x = 2 / (1 - c|x|^2),   r = g / lambda_x^2,   u = -lr r
 * x' = proj( x (+)_c ( tanh(sqrt(c) lambda_x |u| / 2) u / (sqrt(c)|u|) ) )
 * a (+)_c b = ((1 + 2c<a,b> + c|b|^2) a + (1 - c|a|^2) b) / (1 + 2c<a,b> + c^2 |a|^2 |b|^2)
 * </pre>
 * Deliberately does not use {@code PoincareBall}.
 */
final class BallStepReference {

    static final double PROJECTION_EPS = 1e-5;

    private BallStepReference() {
    }

    /** The point after one projected Riemannian SGD step from {@code x} with Euclidean gradient {@code g}. */
    static double[] step(double[] x, double[] g, double lr, double c) {
        double lambda = 2.0 / (1.0 - c * dot(x, x));
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            u[i] = -lr * g[i] / (lambda * lambda);
        }
        double un = Math.sqrt(dot(u, u));
        double[] v = new double[x.length];
        if (un > 0) {
            double f = Math.tanh(Math.sqrt(c) * lambda * un / 2.0) / (Math.sqrt(c) * un);
            for (int i = 0; i < x.length; i++) {
                v[i] = f * u[i];
            }
        }
        return project(mobiusAdd(x, v, c), c);
    }

    static double[] mobiusAdd(double[] a, double[] b, double c) {
        double ab = dot(a, b);
        double a2 = dot(a, a);
        double b2 = dot(b, b);
        double den = 1 + 2 * c * ab + c * c * a2 * b2;
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = ((1 + 2 * c * ab + c * b2) * a[i] + (1 - c * a2) * b[i]) / den;
        }
        return out;
    }

    static double[] project(double[] y, double c) {
        double max = (1 - PROJECTION_EPS) / Math.sqrt(c);
        double n = Math.sqrt(dot(y, y));
        if (n <= max) {
            return y;
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] * max / n;
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
