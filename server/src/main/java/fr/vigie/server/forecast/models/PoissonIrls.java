package fr.vigie.server.forecast.models;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Poisson regression with a log link fitted by iteratively reweighted least squares (McCullagh and Nelder, ch. 2),
 * with a small ridge penalty on every coefficient but the intercept (column 0) so that collinear or constant columns
 * cannot make the normal equations singular. The mean is that of a quasi-Poisson / NB2 model: over-dispersion does
 * not change it, and is estimated afterwards from the residuals.
 */
final class PoissonIrls {

    /** Ridge penalty λ on standardised covariates (default 1.0, range 0..100: larger shrinks more). */
    static final double RIDGE = 1.0;

    private static final int MAX_ITERATIONS = 50;
    private static final double TOLERANCE = 1e-8;

    private PoissonIrls() {}

    /**
     * @param x rows of covariates, column 0 the intercept (1)
     * @param y counts (>= 0)
     * @return the coefficients
     */
    static double[] fit(double[][] x, double[] y) {
        return fit(x, y, null);
    }

    /**
     * The same with a known offset: log E[y] = offset + x·β (e.g. the log of a recent level the counts scale with).
     *
     * @param offset one value per row, or null for none
     */
    static double[] fit(double[][] x, double[] y, double[] offset) {
        int n = x.length;
        int p = x[0].length;
        double[] beta = new double[p];
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        double offsetMean = 0;
        if (offset != null) {
            for (double o : offset) {
                offsetMean += o / n;
            }
        }
        beta[0] = Math.log(Math.max(mean / n, 1e-3)) - offsetMean;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[][] xtwx = new double[p][p];
            double[] xtwz = new double[p];
            for (int i = 0; i < n; i++) {
                double off = offset == null ? 0 : offset[i];
                double eta = clamp(off + dot(x[i], beta));
                double mu = Math.exp(eta);
                // working response on the linear predictor without the offset
                double z = eta - off + (y[i] - mu) / mu;
                double w = mu;
                double[] row = x[i];
                for (int a = 0; a < p; a++) {
                    double wa = w * row[a];
                    if (wa == 0) {
                        continue;
                    }
                    xtwz[a] += wa * z;
                    for (int b = a; b < p; b++) {
                        xtwx[a][b] += wa * row[b];
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < a; b++) {
                    xtwx[a][b] = xtwx[b][a];
                }
                if (a > 0) {
                    xtwx[a][a] += RIDGE;
                }
            }
            RealMatrix m = new Array2DRowRealMatrix(xtwx, false);
            RealVector next = new LUDecomposition(m).getSolver().solve(new ArrayRealVector(xtwz, false));
            double change = 0;
            for (int a = 0; a < p; a++) {
                change = Math.max(change, Math.abs(next.getEntry(a) - beta[a]));
                beta[a] = next.getEntry(a);
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        return beta;
    }

    /** exp(x·β), the expected count of a row. */
    static double predict(double[] row, double[] beta) {
        return predict(row, beta, 0);
    }

    /** exp(offset + x·β). */
    static double predict(double[] row, double[] beta, double offset) {
        return Math.exp(clamp(offset + dot(row, beta)));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double clamp(double eta) {
        return Math.max(-30, Math.min(30, eta));
    }
}
