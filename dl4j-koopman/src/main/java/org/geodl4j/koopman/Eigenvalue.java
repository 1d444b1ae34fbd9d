package org.geodl4j.koopman;

/**
 * One eigenvalue {@code re + i·im} of a latent operator.
 *
 * @param re real part
 * @param im imaginary part
 */
public record Eigenvalue(double re, double im) {

    /** The modulus {@code |λ|}. */
    public double modulus() {
        return Math.hypot(re, im);
    }

    /** The argument {@code arg λ} in (−π, π]. */
    public double argument() {
        return Math.atan2(im, re);
    }

    @Override
    public String toString() {
        return im >= 0 ? re + "+" + im + "i" : re + "" + im + "i";
    }
}
