#include "ui/previewpanel.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "ui/palette.h"

namespace handoff {

namespace {
constexpr int ListLimit = 2000; // rows a person can read; the count says how many there are
} // namespace

PreviewPanel::PreviewPanel(QWidget *parent)
    : QWidget(parent)
    , m_subject(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_timing(new QLabel(this))
    , m_entering(new QPushButton(this))
    , m_leaving(new QPushButton(this))
    , m_plot(new QCustomPlot(this))
{
    m_subject->setObjectName(QStringLiteral("previewSubject"));
    m_subject->setWordWrap(true);
    m_counts->setObjectName(QStringLiteral("previewCounts"));
    m_counts->setTextFormat(Qt::RichText);
    m_timing->setObjectName(QStringLiteral("previewTiming"));
    m_timing->setStyleSheet(QStringLiteral("color: palette(mid)"));
    m_entering->setObjectName(QStringLiteral("enteringButton"));
    m_leaving->setObjectName(QStringLiteral("leavingButton"));
    m_plot->setObjectName(QStringLiteral("histogram"));
    m_plot->setMinimumHeight(220);
    m_plot->xAxis->setLabel(tr("Score"));
    m_plot->yAxis->setLabel(tr("Leads"));
    m_plot->legend->setVisible(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_entering);
    buttons->addWidget(m_leaving);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_subject);
    layout->addWidget(m_counts);
    layout->addLayout(buttons);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_timing);
    connect(m_entering, &QPushButton::clicked, this, [this] { openList(true); });
    connect(m_leaving, &QPushButton::clicked, this, [this] { openList(false); });
    clear(tr("Loading leads…"));
}

void PreviewPanel::setSubject(const QString &name, bool reviewing)
{
    m_subjectName = reviewing ? name : QString(); // else the draft, named as always
    m_subject->setText(reviewing ? tr("<b>%1, as proposed</b>: what signing it off approves. "
                                      "Select your draft to preview it again.")
                                       .arg(name.toHtmlEscaped())
                                 : tr("<b>%1</b> beside the live model").arg(name.toHtmlEscaped()));
}

void PreviewPanel::clear(const QString &message)
{
    m_preview = nullptr;
    m_counts->setText(message);
    m_entering->setText(tr("Entering"));
    m_leaving->setText(tr("Leaving"));
    m_entering->setEnabled(false);
    m_leaving->setEnabled(false);
    m_timing->clear();
}

QString PreviewPanel::summary() const
{
    return m_counts->text();
}

void PreviewPanel::showFigures(const PreviewFigures &figures, const DraftPreview &preview,
                               const LeadTable &leads, const ScoreBoard &live, double milliseconds)
{
    m_figures = figures;
    m_preview = &preview;
    m_leads = &leads;
    m_live = &live;
    const int change = figures.draftMql - figures.liveMql;
    m_counts->setText(
        tr("<b>MQL now:</b> %1 &nbsp; <b>under %4:</b> %2 (%3)")
            .arg(figures.liveMql)
            .arg(figures.draftMql)
            .arg(change > 0 ? QStringLiteral("+%1").arg(change) : QString::number(change))
            .arg(m_subjectName.isEmpty() ? tr("the draft") : m_subjectName.toHtmlEscaped()));
    m_entering->setText(tr("%n lead(s) would enter…", nullptr, int(figures.entering.size())));
    m_leaving->setText(tr("%n lead(s) would leave…", nullptr, int(figures.leaving.size())));
    m_entering->setEnabled(!figures.entering.empty());
    m_leaving->setEnabled(!figures.leaving.empty());
    m_timing->setText(
        preview.halfLifePending()
            ? tr("The new half-life applies once every activity is read.")
            : tr("Rescored %1 leads in %2 ms").arg(leads.size()).arg(milliseconds, 0, 'f', 2));
    plot(figures, live.model().mqlThreshold, preview.draft().model().mqlThreshold);
}

void PreviewPanel::plot(const PreviewFigures &f, double liveThreshold, double draftThreshold)
{
    m_plot->clearPlottables();
    m_plot->clearGraphs();
    m_plot->clearItems();
    const auto &h = f.histogram;
    QVector<double> x;
    QVector<double> live;
    QVector<double> draft;
    double top = 1;
    for (size_t i = 0; i < h.live.size(); ++i) {
        x << h.start + (double(i) + 0.5) * h.width;
        live << h.live[i];
        draft << h.draft[i];
        top = std::max({top, double(h.live[i]), double(h.draft[i])});
    }
    // The draft as bars, the live model as an outline over them: equal where nothing moved.
    auto *draftBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    draftBars->setName(m_subjectName.isEmpty() ? tr("Draft") : m_subjectName);
    draftBars->setData(x, draft, true);
    draftBars->setWidth(h.width * 0.9);
    draftBars->setPen(Qt::NoPen);
    draftBars->setBrush(palette::draft());
    QCPGraph *liveLine = m_plot->addGraph();
    liveLine->setName(tr("Live"));
    liveLine->setLineStyle(QCPGraph::lsStepCenter);
    liveLine->setPen(QPen(palette::live().darker(160), 1.5));
    liveLine->setData(x, live, true);
    const auto threshold = [&](double at, QColor color) {
        auto *line = new QCPItemStraightLine(m_plot);
        line->point1->setCoords(at, 0);
        line->point2->setCoords(at, 1);
        QPen pen(color, 2, Qt::DashLine);
        line->setPen(pen);
    };
    threshold(liveThreshold, palette::live().darker(130));
    threshold(draftThreshold, palette::draft());
    m_plot->xAxis->setRange(h.start,
                            h.start + h.width * double(std::max<size_t>(1, h.live.size())));
    m_plot->yAxis->setRange(0, top * 1.1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PreviewPanel::openList(bool entering)
{
    if (!m_preview)
        return;
    // The list shows the leads the change moves most: highest draft score first for those
    // entering, lowest first for those leaving, before it is cut to what a person reads.
    const ScoreBoard &board = m_preview->draft();
    std::vector<int> rows = entering ? m_figures.entering : m_figures.leaving;
    const auto byScore = [&](int a, int b) {
        return entering ? board.score(a) > board.score(b) : board.score(a) < board.score(b);
    };
    if (rows.size() > ListLimit)
        std::partial_sort(rows.begin(), rows.begin() + ListLimit, rows.end(), byScore);
    QDialog dialog(this);
    dialog.setWindowTitle(entering ? tr("Leads that would become MQL")
                                   : tr("Leads that would no longer be MQL"));
    auto *table = new QTableWidget(int(std::min<size_t>(rows.size(), ListLimit)), 5, &dialog);
    table->setObjectName(QStringLiteral("previewLeads"));
    table->setHorizontalHeaderLabels(
        {tr("Lead"), tr("Company"), tr("Title"), tr("Live score"),
         tr("%1 score").arg(m_subjectName.isEmpty() ? tr("Draft") : m_subjectName)});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    const ScoreBoard &draft = m_preview->draft();
    for (int i = 0; i < table->rowCount(); ++i) {
        const int row = rows[size_t(i)];
        table->setItem(i, 0, new QTableWidgetItem(m_leads->displayName(row)));
        table->setItem(i, 1, new QTableWidgetItem(m_leads->company(row)));
        table->setItem(i, 2, new QTableWidgetItem(m_leads->title(row)));
        auto *liveScore = new QTableWidgetItem;
        liveScore->setData(Qt::DisplayRole, qRound(m_live->score(row) * 10) / 10.0);
        table->setItem(i, 3, liveScore);
        auto *draftScore = new QTableWidgetItem;
        draftScore->setData(Qt::DisplayRole, qRound(draft.score(row) * 10) / 10.0);
        table->setItem(i, 4, draftScore);
    }
    table->setSortingEnabled(true);
    table->sortByColumn(4, entering ? Qt::DescendingOrder : Qt::AscendingOrder);
    table->resizeColumnsToContents();
    auto *note = new QLabel(rows.size() > ListLimit
                                ? tr("Showing %1 of %2 leads.").arg(ListLimit).arg(rows.size())
                                : tr("%n lead(s).", nullptr, int(rows.size())),
                            &dialog);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    layout->addWidget(note);
    layout->addWidget(buttons);
    dialog.resize(760, 480);
    dialog.exec();
}

} // namespace handoff
