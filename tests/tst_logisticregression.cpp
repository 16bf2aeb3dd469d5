#include <cmath>
#include <random>

#include <QTest>

#include "scoring/logisticregression.h"
#include "scoring/rocauc.h"

using namespace handoff;

// The regression behind "Suggest from history", alone: it must find the weights the data
// was generated with, rank by AUC the way the textbook does, and stay finite on data it
// could separate perfectly.
class TestLogisticRegression : public QObject
{
    Q_OBJECT

private slots:
    void recoversKnownCoefficients()
    {
        // 20,000 rows from intercept -1.0 and weights +0.8 (a normal feature), -1.2 (a 0/1
        // indicator), +0.5 (a count 0..4). With this many rows the standard errors are about
        // 0.02-0.05, so a tolerance of 0.12 (over 2.5 standard errors) is tight yet stable.
        std::mt19937_64 rng(7);
        std::normal_distribution<double> normal(0.0, 1.0);
        std::bernoulli_distribution coin(0.4);
        std::uniform_int_distribution<int> count(0, 4);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        const int n = 20000;
        std::vector<double> x(size_t(n) * 3);
        std::vector<quint8> y(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i) {
            double *row = &x[size_t(i) * 3];
            row[0] = normal(rng);
            row[1] = coin(rng) ? 1.0 : 0.0;
            row[2] = count(rng);
            const double logit = -1.0 + 0.8 * row[0] - 1.2 * row[1] + 0.5 * row[2];
            y[size_t(i)] = uniform(rng) < 1.0 / (1.0 + std::exp(-logit)) ? 1 : 0;
        }
        LogisticRegression lr;
        QVERIFY(lr.fit(
            n, 3, [&](int r, double *out) { std::copy_n(&x[size_t(r) * 3], 3, out); }, y));
        const double tolerance = 0.12;
        QVERIFY2(std::abs(lr.intercept() + 1.0) < tolerance,
                 qPrintable(QString::number(lr.intercept())));
        const double expected[] = {0.8, -1.2, 0.5};
        for (int j = 0; j < 3; ++j)
            QVERIFY2(std::abs(lr.coefficients()[size_t(j)] - expected[j]) < tolerance,
                     qPrintable(QStringLiteral("coefficient %1 = %2")
                                    .arg(j)
                                    .arg(lr.coefficients()[size_t(j)])));
        // The same rows give the same fit.
        LogisticRegression again;
        again.fit(
            n, 3, [&](int r, double *out) { std::copy_n(&x[size_t(r) * 3], 3, out); }, y);
        QCOMPARE(again.coefficients(), lr.coefficients());
    }

    void thePriorShrinksRareIndicatorsMost()
    {
        // Two indicators with the same true effect (+1.5 log-odds): one on half the rows, one
        // on 1% of them (20 rows). The standardised penalty barely touches the rare one; the
        // prior on the coefficients' own scale pulls it towards 0 far more than the common one.
        std::mt19937_64 rng(11);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        const int n = 2000;
        std::vector<double> x(size_t(n) * 2);
        std::vector<quint8> y(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i) {
            x[size_t(i) * 2] = i % 2;
            x[size_t(i) * 2 + 1] = i % 100 == 0 ? 1.0 : 0.0;
            const double logit = -1.0 + 1.5 * (x[size_t(i) * 2] + x[size_t(i) * 2 + 1]);
            y[size_t(i)] = uniform(rng) < 1.0 / (1.0 + std::exp(-logit)) ? 1 : 0;
        }
        const auto fit = [&](double prior) {
            LogisticRegression lr;
            LogisticRegression::Options options;
            options.priorPrecision = prior;
            lr.fit(
                n, 2, [&](int r, double *out) { std::copy_n(&x[size_t(r) * 2], 2, out); }, y,
                options);
            return lr.coefficients();
        };
        const std::vector<double> plain = fit(0.0);
        const std::vector<double> shrunk = fit(4.0);
        const double commonShrink = shrunk[0] / plain[0];
        const double rareShrink = shrunk[1] / plain[1];
        QVERIFY2(commonShrink > 0.95, qPrintable(QString::number(commonShrink)));
        QVERIFY2(rareShrink < 0.8, qPrintable(QString::number(rareShrink)));
        QVERIFY(shrunk[1] > 0);
    }

    void separableDataStaysFinite()
    {
        // x = 1 exactly when y = 1: the unpenalised maximum is at infinity; the L2 penalty
        // keeps the weight finite and positive, and a constant column gets weight 0.
        std::vector<quint8> y = {0, 0, 0, 0, 1, 1, 1, 1};
        LogisticRegression lr;
        lr.fit(
            8, 2,
            [&](int r, double *out) {
                out[0] = y[size_t(r)];
                out[1] = 3.0;
            },
            y);
        QVERIFY(std::isfinite(lr.coefficients()[0]));
        QVERIFY(lr.coefficients()[0] > 1.0);
        QCOMPARE(lr.coefficients()[1], 0.0);
    }

    void aucCountsTiesAsHalf_data()
    {
        QTest::addColumn<std::vector<double>>("scores");
        QTest::addColumn<std::vector<quint8>>("labels");
        QTest::addColumn<double>("auc");
        // Positives 0.4, 0.8 against negatives 0.1, 0.4: pairs (0.4>0.1) 1, (0.4=0.4) 0.5,
        // (0.8>0.1) 1, (0.8>0.4) 1: 3.5 of 4.
        QTest::newRow("one tie") << std::vector<double>{0.1, 0.4, 0.4, 0.8}
                                 << std::vector<quint8>{0, 0, 1, 1} << 0.875;
        QTest::newRow("perfect") << std::vector<double>{1, 2, 3, 4}
                                 << std::vector<quint8>{0, 0, 1, 1} << 1.0;
        QTest::newRow("reversed") << std::vector<double>{4, 3, 2, 1}
                                  << std::vector<quint8>{0, 0, 1, 1} << 0.0;
        // Every score equal: every pair a tie.
        QTest::newRow("all tied") << std::vector<double>{5, 5, 5} << std::vector<quint8>{1, 0, 0}
                                  << 0.5;
        QTest::newRow("one class only")
            << std::vector<double>{1, 2} << std::vector<quint8>{1, 1} << 0.5;
    }

    void aucCountsTiesAsHalf()
    {
        QFETCH(std::vector<double>, scores);
        QFETCH(std::vector<quint8>, labels);
        QFETCH(double, auc);
        QCOMPARE(metrics::rocAuc(scores, labels).value_or(0.5), auc);
    }
};

QTEST_GUILESS_MAIN(TestLogisticRegression)
#include "tst_logisticregression.moc"
