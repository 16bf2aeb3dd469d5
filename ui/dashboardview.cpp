#include "ui/dashboardview.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include "analytics/dashboardsource.h"
#include "store/segment.h"
#include "ui/chartpanel.h"

namespace handoff {

DashboardView::DashboardView(const QString &databasePath, Prompter &prompter, QWidget *parent)
    : QWidget(parent)
    , m_period(new QComboBox(this))
    , m_source(new QComboBox(this))
    , m_channel(new QComboBox(this))
    , m_segment(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_figuresSource(std::make_shared<DashboardSource>(databasePath))
{
    m_period->setObjectName(QStringLiteral("period"));
    m_period->addItem(tr("This week against last"), 2);
    m_period->addItem(tr("Last 4 weeks"), 4);
    m_period->addItem(tr("Last 13 weeks"), 13);
    m_period->addItem(tr("Last 26 weeks"), 26);
    m_period->setCurrentIndex(1);
    m_source->setObjectName(QStringLiteral("source"));
    m_source->addItem(tr("All sources"), int(AnalyticsFilter::Source::Any));
    m_source->addItem(tr("Marketing-sourced"), int(AnalyticsFilter::Source::Marketing));
    m_source->addItem(tr("Sales-sourced"), int(AnalyticsFilter::Source::Sales));
    m_channel->setObjectName(QStringLiteral("channel"));
    m_channel->addItem(tr("All channels"), QString());
    m_segment->setObjectName(QStringLiteral("segment"));
    m_segment->addItem(tr("All company sizes"), -1);
    for (int b = segment::Micro; b < segment::BandCount; ++b)
        m_segment->addItem(segment::label(segment::Band(b)), b);
    m_segment->addItem(segment::label(segment::Unknown), int(segment::Unknown));

    auto *bar = new QHBoxLayout;
    for (QComboBox *box : {m_period, m_source, m_channel, m_segment}) {
        bar->addWidget(box);
        connect(box, &QComboBox::activated, this, &DashboardView::recompute);
    }
    bar->addStretch(1);
    bar->addWidget(m_status);

    m_grid = new QGridLayout;
    for (int i = 0; i < 8; ++i) {
        auto *panel = new ChartPanel(prompter, this); // as tall as its plot needs for its font
        m_panels.append(panel);
    }
    arrangePanels();
    auto *content = new QWidget;
    content->setLayout(m_grid);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(scroll, 1);

    recompute();
}

DashboardView::~DashboardView()
{
    m_task.cancelAndWait();
    m_lane.finish([source = std::move(m_figuresSource)]() mutable { source.reset(); });
}

void DashboardView::recompute()
{
    AnalyticsFilter filter;
    filter.source = AnalyticsFilter::Source(m_source->currentData().toInt());
    filter.channel = m_channel->currentData().toString();
    const int band = m_segment->currentData().toInt();
    if (band >= 0)
        filter.segment = segment::Band(band);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_status->setText(tr("Computing…"));
    if (m_task.isRunning()) {
        m_again = true; // the latest choices, once the lane is free
        return;
    }
    const AnalyticsPeriod period = AnalyticsPeriod::ending(now, m_period->currentData().toInt());
    background::Options options;
    options.pool = m_lane.pool();
    m_task = background::run(
        this,
        [source = m_figuresSource, period, filter, now](const background::Control &control) {
            // Cancelled before it began (the window closing): nothing to read.
            if (control.cancelled())
                return DashboardSource::Figures{};
            return source->compute(period, filter, now);
        },
        [this](const background::Outcome<DashboardSource::Figures> &outcome) {
            if (std::exchange(m_again, false)) {
                recompute(); // these figures are for choices no longer shown
                return;
            }
            if (!outcome.value) {
                failed(outcome.error);
                return;
            }
            showChannels(outcome.value->channels);
            showFigures(outcome.value->figures, outcome.value->elapsedMs);
        },
        options);
}

void DashboardView::showChannels(const QStringList &channels)
{
    const QString current = m_channel->currentData().toString();
    if (m_channel->count() == channels.size() + 1)
        return;
    m_channel->clear();
    m_channel->addItem(tr("All channels"), QString());
    for (const QString &c : channels)
        m_channel->addItem(c, c);
    m_channel->setCurrentIndex(std::max(0, m_channel->findData(current)));
}

void DashboardView::showFigures(const DashboardFigures &figures, qint64 elapsedMs)
{
    const std::vector<ChartData> charts = DashboardCharts::build(figures);
    for (size_t i = 0; i < charts.size() && i < size_t(m_panels.size()); ++i)
        m_panels[qsizetype(i)]->setChart(charts[i]);
    m_status->setText(tr("Computed in %1 ms").arg(elapsedMs));
    emit computed();
    arrangePanels(); // the tables' widths follow their contents
}

void DashboardView::failed(const QString &message)
{
    m_status->setText(message);
}

void DashboardView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrangePanels();
}

void DashboardView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // Another font (presentation mode) changes the width each panel needs; the panels
    // take theirs first.
    if (event->type() == QEvent::FontChange)
        QTimer::singleShot(0, this, [this] {
            m_columns = 0;
            arrangePanels();
        });
}

void DashboardView::arrangePanels()
{
    int needed = 0; // the widest panel's chart and table side by side
    for (ChartPanel *panel : m_panels)
        needed = std::max(needed, panel->widthNeeded());
    const int columns = width() >= 2 * needed + 80 ? 2 : 1; // margins and the scroll bar
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (ChartPanel *panel : m_panels)
        m_grid->removeWidget(panel);
    for (qsizetype i = 0; i < m_panels.size(); ++i)
        m_grid->addWidget(m_panels[i], int(i) / columns, int(i) % columns);
}

} // namespace handoff
