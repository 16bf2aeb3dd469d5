#include "ui/backtestpanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "ui/chartplotter.h"
#include "ui/palette.h"

namespace handoff {

namespace {
QString percent(double share)
{
    return QStringLiteral("%1%").arg(share * 100, 0, 'f', 1);
}
QString auc(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', 3) : BacktestPanel::tr("n/a");
}
} // namespace

BacktestPanel::BacktestPanel(QWidget *parent)
    : QWidget(parent)
    , m_window(new QSpinBox(this))
    , m_run(new QPushButton(tr("&Run backtest"), this))
    , m_note(new QLabel(this))
    , m_undated(new QLabel(this))
    , m_table(new QTableWidget(6, ColumnCount, this))
    , m_weeks(new QCustomPlot(this))
    , m_lift(new QCustomPlot(this))
{
    m_window->setObjectName(QStringLiteral("backtestWindow"));
    m_window->setRange(2, 104);
    m_window->setValue(26);
    m_window->setSuffix(tr(" weeks"));
    m_run->setObjectName(QStringLiteral("runBacktest"));
    m_table->setObjectName(QStringLiteral("backtestTable"));
    m_table->setHorizontalHeaderLabels({tr("Live\nreplayed"), tr("Draft\nreplayed"),
                                        tr("Live\nundated, final score"),
                                        tr("Draft\nundated, final score")});
    m_table->setVerticalHeaderLabels({tr("Leads with a known outcome"), tr("Became SQL"),
                                      tr("Would have been MQL"), tr("Precision (MQLs → SQL)"),
                                      tr("Recall (SQLs that were MQL)"),
                                      tr("ROC AUC (peak / final score)")});
    m_table->setColumnHidden(LiveUndated, true);
    m_table->setColumnHidden(DraftUndated, true);
    m_undated->setObjectName(QStringLiteral("undatedSummary"));
    m_undated->setWordWrap(true);
    m_undated->setTextFormat(Qt::RichText);
    m_undated->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_note->setWordWrap(true);
    m_note->setText(tr("Replays each past lead's activities under the model, up to the moment "
                       "sales accepted or closed it."));
    m_weeks->setObjectName(QStringLiteral("backtestWeeks"));
    m_weeks->setMinimumHeight(180);
    m_weeks->xAxis->setLabel(tr("Week"));
    m_weeks->yAxis->setLabel(tr("MQLs"));
    // Inside the axis rect the legend would cover the peaks of the weeks and the first deciles.
    chartplotter::placeLegend(m_weeks, true);
    m_lift->setObjectName(QStringLiteral("backtestLift"));
    m_lift->setMinimumHeight(180);
    m_lift->xAxis->setLabel(tr("Score decile (1 = highest scores)"));
    m_lift->yAxis->setLabel(tr("Lift"));
    chartplotter::placeLegend(m_lift, true);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Leads created in the last"), this));
    controls->addWidget(m_window);
    controls->addWidget(m_run);
    controls->addStretch();
    auto *charts = new QHBoxLayout;
    charts->addWidget(m_weeks);
    charts->addWidget(m_lift);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_note);
    layout->addWidget(m_undated);
    layout->addWidget(m_table);
    layout->addLayout(charts, 1);
    connect(m_run, &QPushButton::clicked, this, [this] { emit runRequested(windowWeeks()); });
    setReady(false);
    fitTableHeight();
}

void BacktestPanel::fitTableHeight()
{
    // Every row in view, the AUC last: the charts take what is left.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() +
                            m_table->verticalHeader()->length() + 2 * m_table->frameWidth());
}

int BacktestPanel::windowWeeks() const
{
    return m_window->value();
}

void BacktestPanel::setWindowWeeks(int weeks)
{
    m_window->setValue(weeks);
}

void BacktestPanel::setReady(bool ready)
{
    m_run->setEnabled(ready);
}

void BacktestPanel::showFigures(const BacktestFigures &live, const BacktestFigures &draft,
                                const QString &candidate)
{
    m_candidate = candidate.isEmpty() ? tr("Draft") : candidate;
    m_table->setHorizontalHeaderLabels({tr("Live\nreplayed"), tr("%1\nreplayed").arg(m_candidate),
                                        tr("Live\nundated, final score"),
                                        tr("%1\nundated, final score").arg(m_candidate)});
    const auto set = [this](int row, int column, const QString &text) {
        auto *item = new QTableWidgetItem(text);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, column, item);
    };
    // Replayed and undated figures have the same rows.
    const auto fill = [&](const auto &f, int column) {
        set(0, column, QString::number(f.leads));
        set(1, column, QString::number(f.converted));
        set(2, column, QString::number(f.mqls));
        set(3, column, percent(f.precision));
        set(4, column, percent(f.recall));
        set(5, column, auc(f.auc));
    };
    fill(live, LiveReplayed);
    fill(draft, DraftReplayed);
    fill(live.undated, LiveUndated);
    fill(draft.undated, DraftUndated);
    // Undated history alone (a whole export without dates): its figures, not a chart of
    // empty weeks. Both kinds: both, each column saying which.
    const bool onlyUndated = !live.hasDated() && live.hasUndated();
    m_table->setColumnHidden(LiveReplayed, onlyUndated);
    m_table->setColumnHidden(DraftReplayed, onlyUndated);
    m_table->setColumnHidden(LiveUndated, !live.hasUndated());
    m_table->setColumnHidden(DraftUndated, !live.hasUndated());
    m_weeks->setVisible(!onlyUndated);
    if (onlyUndated)
        m_note->setText(tr("No lead created in the last %1 weeks has a dated history with a "
                           "known outcome: nothing to replay week by week.")
                            .arg(windowWeeks()));
    else
        m_note->setText(tr("Replays the activities of each lead created in the last %1 weeks "
                           "under the model, up to the moment sales accepted or closed it.")
                            .arg(windowWeeks()));
    showUndatedSummary(live, draft);
    fitTableHeight();
    plotWeeks(live, draft);
    if (live.hasDated() || !live.hasUndated()) {
        m_lift->xAxis->setLabel(tr("Peak-score decile of the replayed leads (1 = highest)"));
        plotLift(live.deciles, draft.deciles);
    } else {
        m_lift->xAxis->setLabel(tr("Final-score decile of the undated history (1 = highest)"));
        plotLift(live.undated.deciles, draft.undated.deciles);
    }
}

void BacktestPanel::showUndatedSummary(const BacktestFigures &live, const BacktestFigures &draft)
{
    m_undated->setVisible(live.hasUndated());
    if (!live.hasUndated())
        return;
    const BacktestFigures::Undated &l = live.undated;
    const BacktestFigures::Undated &d = draft.undated;
    QString text =
        tr("<b>Undated history: %1 leads with a known outcome, %2 became SQL.</b> Imported "
           "without dates, they cannot be replayed in time: no MQLs per week, no window (all "
           "are counted). Each is judged on its final score, with every activity from before "
           "its outcome.<br><b>%11: ROC AUC %3, precision %4, recall %5, %6 MQLs</b> "
           "(live: %7, %8, %9, %10).")
            .arg(l.leads)
            .arg(l.converted)
            .arg(auc(d.auc), percent(d.precision), percent(d.recall))
            .arg(d.mqls)
            .arg(auc(l.auc), percent(l.precision), percent(l.recall))
            .arg(l.mqls)
            .arg(m_candidate);
    if (l.fadedActivities > 0 || d.fadedActivities > 0)
        text += QStringLiteral("<br>") +
                tr("Undated activities count as the oldest, as in the console's scores: of "
                   "those the model scores, %1 (live) and %2 (draft) are of types that fade, "
                   "and add no points; a type set not to fade counts them in full.")
                    .arg(l.fadedActivities)
                    .arg(d.fadedActivities);
    m_undated->setText(text);
}

void BacktestPanel::plotWeeks(const BacktestFigures &live, const BacktestFigures &draft)
{
    m_weeks->clearGraphs();
    double top = 1;
    for (const auto &[figures, name, color] : {std::tuple{&live, tr("Live"), palette::live()},
                                               std::tuple{&draft, m_candidate, palette::draft()}}) {
        QVector<double> x;
        QVector<double> y;
        for (const auto &w : figures->weeks) {
            x << QCPAxisTickerDateTime::dateTimeToKey(w.monday);
            y << w.mqls;
            top = std::max(top, double(w.mqls));
        }
        QCPGraph *graph = m_weeks->addGraph();
        graph->setName(name);
        graph->setPen(QPen(color, 2));
        graph->setData(x, y, true);
    }
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("d MMM"));
    m_weeks->xAxis->setTicker(ticker);
    m_weeks->rescaleAxes();
    m_weeks->yAxis->setRange(0, top * 1.1);
    m_weeks->replot(QCustomPlot::rpQueuedReplot);
}

void BacktestPanel::plotLift(const QList<BacktestFigures::Decile> &live,
                             const QList<BacktestFigures::Decile> &draft)
{
    m_lift->clearPlottables();
    double top = 1;
    for (const auto &[deciles, name, color, offset] :
         {std::tuple{&live, tr("Live"), palette::live(), -0.2},
          std::tuple{&draft, m_candidate, palette::draft(), 0.2}}) {
        QVector<double> x;
        QVector<double> y;
        for (qsizetype i = 0; i < deciles->size(); ++i) {
            x << double(i + 1) + offset;
            y << (*deciles)[i].lift;
            top = std::max(top, (*deciles)[i].lift);
        }
        auto *bars = new QCPBars(m_lift->xAxis, m_lift->yAxis);
        bars->setName(name);
        bars->setWidth(0.38);
        bars->setPen(Qt::NoPen);
        bars->setBrush(color);
        bars->setData(x, y, true);
    }
    m_lift->xAxis->setRange(0.4, 10.6);
    m_lift->yAxis->setRange(0, top * 1.15);
    m_lift->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace handoff
