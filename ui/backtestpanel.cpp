#include "backtestpanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace {
QString percent(double share)
{
    return QStringLiteral("%1%").arg(share * 100, 0, 'f', 1);
}
QString auc(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', 3) : BacktestPanel::tr("n/a");
}
const QColor liveColor(0x80, 0x80, 0x80);
const QColor draftColor(0x1f, 0x6f, 0xd1);
} // namespace

BacktestPanel::BacktestPanel(QWidget *parent)
    : QWidget(parent)
    , m_window(new QSpinBox(this))
    , m_run(new QPushButton(tr("&Run backtest"), this))
    , m_note(new QLabel(this))
    , m_table(new QTableWidget(6, 2, this))
    , m_weeks(new QCustomPlot(this))
    , m_lift(new QCustomPlot(this))
{
    m_window->setObjectName(QStringLiteral("backtestWindow"));
    m_window->setRange(2, 104);
    m_window->setValue(26);
    m_window->setSuffix(tr(" weeks"));
    m_run->setObjectName(QStringLiteral("runBacktest"));
    m_table->setObjectName(QStringLiteral("backtestTable"));
    m_table->setHorizontalHeaderLabels({tr("Live"), tr("Draft")});
    m_table->setVerticalHeaderLabels({tr("Leads with a known outcome"), tr("Became SQL"),
                                      tr("Would have been MQL"), tr("Precision (MQLs → SQL)"),
                                      tr("Recall (SQLs that were MQL)"),
                                      tr("ROC AUC of the score")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setMaximumHeight(220);
    m_note->setWordWrap(true);
    m_note->setText(tr("Replays each past lead's activities under the model, up to the moment "
                       "sales accepted or closed it."));
    m_weeks->setMinimumHeight(180);
    m_weeks->xAxis->setLabel(tr("Week"));
    m_weeks->yAxis->setLabel(tr("MQLs"));
    m_weeks->legend->setVisible(true);
    m_lift->setMinimumHeight(180);
    m_lift->xAxis->setLabel(tr("Score decile (1 = highest scores)"));
    m_lift->yAxis->setLabel(tr("Lift"));
    m_lift->legend->setVisible(true);

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
    layout->addWidget(m_table);
    layout->addLayout(charts, 1);
    connect(m_run, &QPushButton::clicked, this, [this] { emit runRequested(windowWeeks()); });
    setReady(false);
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

void BacktestPanel::showFigures(const BacktestFigures &live, const BacktestFigures &draft)
{
    const auto set = [this](int row, const QString &a, const QString &b) {
        m_table->setItem(row, 0, new QTableWidgetItem(a));
        m_table->setItem(row, 1, new QTableWidgetItem(b));
        m_table->item(row, 0)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->item(row, 1)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    };
    set(0, QString::number(live.leads), QString::number(draft.leads));
    set(1, QString::number(live.converted), QString::number(draft.converted));
    set(2, QString::number(live.mqls), QString::number(draft.mqls));
    set(3, percent(live.precision), percent(draft.precision));
    set(4, percent(live.recall), percent(draft.recall));
    set(5, auc(live.auc), auc(draft.auc));
    plotWeeks(live, draft);
    plotLift(live, draft);
}

void BacktestPanel::plotWeeks(const BacktestFigures &live, const BacktestFigures &draft)
{
    m_weeks->clearGraphs();
    double top = 1;
    for (const auto &[figures, name, color] :
         {std::tuple{&live, tr("Live"), liveColor}, std::tuple{&draft, tr("Draft"), draftColor}}) {
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

void BacktestPanel::plotLift(const BacktestFigures &live, const BacktestFigures &draft)
{
    m_lift->clearPlottables();
    double top = 1;
    for (const auto &[figures, name, color, offset] :
         {std::tuple{&live, tr("Live"), liveColor, -0.2},
          std::tuple{&draft, tr("Draft"), draftColor, 0.2}}) {
        QVector<double> x;
        QVector<double> y;
        for (qsizetype i = 0; i < figures->deciles.size(); ++i) {
            x << double(i + 1) + offset;
            y << figures->deciles[i].lift;
            top = std::max(top, figures->deciles[i].lift);
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
