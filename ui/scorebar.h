#pragma once

// A lead's score as a bar: fit and engagement side by side (negative points drawn to the
// left of zero), with the MQL threshold marked, so the distance to it reads at a glance.

#include <QWidget>

namespace handoff {

class ScoreBar : public QWidget
{
    Q_OBJECT

public:
    explicit ScoreBar(QWidget *parent = nullptr);

    void setScore(double fit, double engagement, double threshold);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double m_fit = 0;
    double m_engagement = 0;
    double m_threshold = 0;
};

} // namespace handoff
