#include "scoring/logisticregression.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <Eigen/Dense>

namespace handoff {

namespace {

constexpr int BlockRows = 2048;

// log(1 + exp(x)) without overflow.
double softplus(double x)
{
    return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

double sigmoid(double x)
{
    return x >= 0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x));
}

} // namespace

bool LogisticRegression::fit(int rows, int cols, const RowReader &read,
                             const std::vector<quint8> &labels, const Options &options)
{
    using Eigen::MatrixXd;
    using Eigen::VectorXd;
    const Eigen::Index p = cols + 1; // column 0 is the intercept
    std::vector<double> x(size_t(std::max(cols, 1)));

    // Column means and standard deviations; a constant column gets a zero scale and so
    // contributes nothing (its coefficient stays 0).
    VectorXd mean = VectorXd::Zero(cols);
    VectorXd m2 = VectorXd::Zero(cols);
    double positives = 0;
    for (int r = 0; r < rows; ++r) {
        read(r, x.data());
        const Eigen::Map<const VectorXd> v(x.data(), cols);
        const VectorXd delta = v - mean;
        mean += delta / double(r + 1);
        m2 += delta.cwiseProduct(v - mean);
        positives += labels[size_t(r)];
    }
    VectorXd inverseScale = VectorXd::Zero(cols);
    for (Eigen::Index j = 0; j < cols; ++j) {
        const double sd = rows > 1 ? std::sqrt(m2[j] / double(rows)) : 0.0;
        inverseScale[j] = sd > 1e-12 ? 1.0 / sd : 0.0;
    }

    // Each coefficient's penalty on the standardised scale.
    VectorXd penalty(cols);
    for (Eigen::Index j = 0; j < cols; ++j)
        penalty[j] = options.l2 + options.priorPrecision * inverseScale[j] * inverseScale[j];

    VectorXd beta = VectorXd::Zero(p);
    const double base = std::clamp(positives / std::max(rows, 1), 1e-6, 1.0 - 1e-6);
    beta[0] = std::log(base / (1.0 - base));

    const auto block = [&](int first, int count, MatrixXd &z, VectorXd &y) {
        z.resize(count, p);
        y.resize(count);
        for (int i = 0; i < count; ++i) {
            read(first + i, x.data());
            z(i, 0) = 1.0;
            for (Eigen::Index j = 0; j < cols; ++j)
                z(i, j + 1) = (x[size_t(j)] - mean[j]) * inverseScale[j];
            y[i] = labels[size_t(first + i)];
        }
    };

    MatrixXd information(p, p);
    VectorXd gradient(p);
    VectorXd previous = beta;
    VectorXd step = VectorXd::Zero(p);
    double previousObjective = -std::numeric_limits<double>::infinity();
    MatrixXd z;
    VectorXd y;
    bool converged = false;
    int halvings = 0;
    m_iterations = 0;
    while (m_iterations < options.maxIterations) {
        information.setZero();
        gradient.setZero();
        double logLikelihood = 0;
        for (int first = 0; first < rows; first += BlockRows) {
            const int count = std::min(BlockRows, rows - first);
            block(first, count, z, y);
            const VectorXd eta = z * beta;
            VectorXd weight(count);
            VectorXd residual(count);
            for (int i = 0; i < count; ++i) {
                const double prob = sigmoid(eta[i]);
                logLikelihood += y[i] * eta[i] - softplus(eta[i]);
                residual[i] = y[i] - prob;
                weight[i] = std::sqrt(prob * (1.0 - prob));
            }
            gradient.noalias() += z.transpose() * residual;
            const MatrixXd weighted = z.array().colwise() * weight.array();
            information.selfadjointView<Eigen::Lower>().rankUpdate(weighted.transpose());
        }
        const double objective = logLikelihood - 0.5 * penalty.dot(beta.tail(cols).cwiseAbs2());
        // A Newton step that made things worse (separated data can do that): halve it.
        if (objective < previousObjective - 1e-12 * std::abs(previousObjective) && halvings < 30) {
            step *= 0.5;
            beta = previous + step;
            ++halvings;
            continue;
        }
        halvings = 0;
        ++m_iterations;
        previousObjective = objective;
        previous = beta;
        gradient.tail(cols) -= penalty.cwiseProduct(beta.tail(cols));
        // The ridge keeps constant columns (zero after scaling) from making it singular.
        for (Eigen::Index j = 1; j < p; ++j)
            information(j, j) += std::max(penalty[j - 1], 1e-9);
        step = information.selfadjointView<Eigen::Lower>().ldlt().solve(gradient);
        beta += step;
        if (step.cwiseAbs().maxCoeff() < options.tolerance) {
            converged = true;
            break;
        }
    }

    m_coefficients.assign(size_t(cols), 0.0);
    m_intercept = beta[0];
    for (Eigen::Index j = 0; j < cols; ++j) {
        m_coefficients[size_t(j)] = beta[j + 1] * inverseScale[j];
        m_intercept -= m_coefficients[size_t(j)] * mean[j];
    }
    return converged;
}

double LogisticRegression::logit(const double *x) const
{
    double sum = m_intercept;
    for (size_t j = 0; j < m_coefficients.size(); ++j)
        sum += m_coefficients[j] * x[j];
    return sum;
}

} // namespace handoff
