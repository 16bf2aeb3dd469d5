#pragma once

// An L2-regularised logistic regression fitted by Newton's method (iteratively reweighted
// least squares), for "Suggest from history". Rows are read through a callback, a block at a
// time, so a million leads never sit in one dense matrix. Features are standardised inside
// the fit (mean 0, standard deviation 1) so one penalty suits counts and indicators alike;
// the intercept is not penalised, and the coefficients come back on the original scale.
// Deterministic: the same rows in the same order give the same coefficients.

#include <functional>
#include <vector>

#include <QtGlobal>

namespace handoff {

class LogisticRegression
{
public:
    struct Options
    {
        // Penalty on the standardised coefficients, as lambda/2 * |beta|^2 added to the
        // negative log-likelihood summed over rows: 1.0 barely moves a fit on thousands of
        // leads and keeps rare or collinear indicators finite.
        double l2 = 1.0;
        // A further penalty on the coefficients on their own scale (log-odds per unit), as
        // priorPrecision/2 * |beta|^2: a prior that most attributes move the odds little. On
        // the standardised scale it weighs most on rare indicators, which the first penalty
        // barely touches, so a value a handful of leads share cannot earn a huge coefficient.
        double priorPrecision = 0.0;
        int maxIterations = 50;
        double tolerance = 1e-7; // largest standardised Newton step counted as converged
    };

    // Writes row `row`'s features (cols values, no intercept) into `x`.
    using RowReader = std::function<void(int row, double *x)>;

    // Fits P(label = 1) = 1 / (1 + exp(-(intercept + coefficients . x))). `labels` has one
    // 0/1 entry per row. Returns whether Newton's method converged.
    bool fit(int rows, int cols, const RowReader &read, const std::vector<quint8> &labels,
             const Options &options);
    bool fit(int rows, int cols, const RowReader &read, const std::vector<quint8> &labels)
    {
        return fit(rows, cols, read, labels, Options());
    }

    double intercept() const { return m_intercept; }
    const std::vector<double> &coefficients() const { return m_coefficients; }
    int iterations() const { return m_iterations; }
    // The log-odds for one row of features.
    double logit(const double *x) const;

private:
    double m_intercept = 0;
    std::vector<double> m_coefficients;
    int m_iterations = 0;
};

} // namespace handoff
