#include "ui/scorebar.h"

#include <algorithm>

#include <QPainter>

#include "ui/palette.h"

namespace handoff {

ScoreBar::ScoreBar(QWidget *parent)
    : QWidget(parent)
{
    setMinimumHeight(34);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize ScoreBar::sizeHint() const
{
    return {300, 34};
}

void ScoreBar::setScore(double fit, double engagement, double threshold)
{
    m_fit = fit;
    m_engagement = engagement;
    m_threshold = threshold;
    setToolTip(tr("Fit %1 + engagement %2 = %3; MQL threshold %4")
                   .arg(fit, 0, 'f', 1)
                   .arg(engagement, 0, 'f', 1)
                   .arg(fit + engagement, 0, 'f', 1)
                   .arg(threshold));
    update();
}

void ScoreBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(2, 4, -2, -14);
    // The scale runs from the most negative part to 1.25 x the larger of score and threshold.
    const double low = std::min({0.0, m_fit, m_engagement, m_fit + m_engagement});
    const double high = std::max({m_threshold, m_fit + m_engagement, 1.0}) * 1.25;
    const auto x = [&](double v) { return area.left() + (v - low) / (high - low) * area.width(); };

    p.fillRect(area, palette().alternateBase());
    const auto segment = [&](double from, double to, const QColor &color) {
        p.fillRect(QRectF(QPointF(x(std::min(from, to)), area.top()),
                          QPointF(x(std::max(from, to)), area.bottom())),
                   color);
    };
    segment(0, m_fit, QColor(0x1e, 0x88, 0xe5));
    segment(m_fit, m_fit + m_engagement,
            m_engagement >= 0 ? QColor(0x43, 0xa0, 0x47) : QColor(0xe5, 0x39, 0x35));

    p.setPen(QPen(palette::threshold(), 2));
    p.drawLine(QPointF(x(m_threshold), area.top() - 3), QPointF(x(m_threshold), area.bottom() + 3));
    p.setPen(palette().text().color());
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    p.drawText(QRectF(area.left(), area.bottom() + 1, area.width(), 13), Qt::AlignLeft,
               tr("fit %1  ·  engagement %2").arg(m_fit, 0, 'f', 0).arg(m_engagement, 0, 'f', 0));
    p.drawText(QRectF(x(m_threshold) - 60, area.bottom() + 1, 120, 13), Qt::AlignHCenter,
               tr("MQL %1").arg(m_threshold));
}

} // namespace handoff
