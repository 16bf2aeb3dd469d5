#include "ui/chartpanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include "ui/chartplotter.h"
#include "ui/prompter.h"

namespace handoff {

ChartPanel::ChartPanel(Prompter &prompter, QWidget *parent)
    : QWidget(parent)
    , m_prompter(prompter)
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_plot(new QCustomPlot(this))
    , m_table(new QTableWidget(this))
{
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_summary->setWordWrap(true);
    auto *save = new QPushButton(tr("Save…"), this);
    save->setObjectName(QStringLiteral("saveChart"));
    save->setToolTip(tr("Save the chart as PNG or PDF"));
    connect(save, &QPushButton::clicked, this, &ChartPanel::askAndSave);
    m_plot->setMinimumWidth(240);
    fitPlotHeight();
    m_plot->setMouseTracking(true);
    // A new font (presentation mode) or width draws the chart again.
    m_plot->installEventFilter(this);
    connect(m_plot, &QCustomPlot::mouseMove, this, &ChartPanel::showValues);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The table asks for the width of all its columns and the chart takes what is left, so no
    // column is cut off behind a scroll bar.
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_table->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(save);
    auto *body = new QHBoxLayout;
    body->addWidget(m_plot, 1);
    body->addWidget(m_table, 0);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addLayout(body, 1);
}

void ChartPanel::setChart(const ChartData &chart)
{
    m_chart = chart;
    setObjectName(chart.id);
    m_title->setText(chart.title);
    m_summary->setText(chart.summary);
    chartplotter::plot(m_plot, chart);
    m_table->clear();
    m_table->setColumnCount(int(chart.headers.size()));
    m_table->setHorizontalHeaderLabels(chart.headers);
    m_table->setRowCount(int(chart.rows.size()));
    for (int r = 0; r < chart.rows.size(); ++r)
        for (int c = 0; c < chart.rows[r].size(); ++c) {
            auto *item = new QTableWidgetItem(chart.rows[r][c]);
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        }
    // New columns change the width the table asks for; the layout hears of it now.
    m_table->resizeColumnsToContents();
    m_table->updateGeometry();
}

bool ChartPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::FontChange)
        fitPlotHeight(); // before the first chart too
    if (watched != m_plot || m_chart.id.isEmpty())
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::FontChange) {
        chartplotter::plot(m_plot, m_chart);
        m_table->resizeColumnsToContents();
        m_table->updateGeometry();
    } else if (event->type() == QEvent::Resize) {
        chartplotter::plot(m_plot, m_chart); // whether labels need turning follows the width
    }
    return QWidget::eventFilter(watched, event);
}

void ChartPanel::fitPlotHeight()
{
    // In lines of the plot's text, not pixels: presentation mode's larger axis labels and
    // titles (turned week labels take several lines) left the bars a strip a few pixels high
    // at 1280x720. The dashboard scrolls instead.
    constexpr int Lines = 18;
    m_plot->setMinimumHeight(std::max(220, QFontMetrics(m_plot->font()).height() * Lines));
}

void ChartPanel::showValues(QMouseEvent *event)
{
    const int category = int(std::lround(m_plot->xAxis->pixelToCoord(event->pos().x())));
    const QString text = chartplotter::describe(m_chart, category);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

int ChartPanel::widthNeeded() const
{
    const QMargins margins = contentsMargins() + layout()->contentsMargins();
    return m_plot->minimumWidth() + m_table->sizeHint().width() + layout()->spacing() +
           margins.left() + margins.right();
}

bool ChartPanel::saveTo(const QString &filePath)
{
    if (filePath.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        return m_plot->savePdf(filePath, m_plot->width(), m_plot->height());
    return m_plot->savePng(filePath, m_plot->width(), m_plot->height(), 2.0);
}

void ChartPanel::askAndSave()
{
    const auto path =
        m_prompter.askNewFile(this, tr("Save chart"), m_chart.id + QStringLiteral(".png"),
                              tr("PNG image (*.png);;PDF document (*.pdf)"));
    if (path && !saveTo(*path))
        m_prompter.showError(this, tr("%1 could not be written.").arg(*path));
}

} // namespace handoff
