#include "ui/presentationmode.h"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QTableView>
#include <QTreeView>
#include <QWidget>

#include "ui/appsettings.h"

namespace handoff {

namespace {
const char *const BaseFontProperty = "handoffBaseFont";
}

PresentationMode::PresentationMode(AppSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_toggle(new QAction(tr("&Presentation mode"), this))
    , m_larger(new QAction(tr("&Larger text"), this))
    , m_smaller(new QAction(tr("&Smaller text"), this))
{
    m_toggle->setObjectName(QStringLiteral("presentationAction"));
    m_toggle->setCheckable(true);
    m_toggle->setToolTip(tr("Larger text in tables and charts, for a projector"));
    m_larger->setObjectName(QStringLiteral("largerTextAction"));
    // Ctrl+= (the key without Shift) and the platform's zoom keys, each once: the same
    // sequence twice would make the shortcut ambiguous and do nothing.
    const auto keys = [](QKeySequence own, QKeySequence::StandardKey standard) {
        QList<QKeySequence> list{own};
        for (const QKeySequence &k : QKeySequence::keyBindings(standard)) {
            if (!list.contains(k))
                list << k;
        }
        return list;
    };
    m_larger->setShortcuts(keys(QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn));
    m_smaller->setObjectName(QStringLiteral("smallerTextAction"));
    m_smaller->setShortcuts(keys(QKeySequence(Qt::CTRL | Qt::Key_Minus), QKeySequence::ZoomOut));
    connect(m_toggle, &QAction::triggered, this,
            [this](bool on) { setScale(on ? Presenting : Normal); });
    connect(m_larger, &QAction::triggered, this, [this] { setScale(m_scale + Step); });
    connect(m_smaller, &QAction::triggered, this, [this] { setScale(m_scale - Step); });
    m_scale = std::clamp(m_settings.value(AppSettings::Key::PresentationScale).toDouble(), Normal,
                         Largest);
    m_toggle->setChecked(isOn());
}

void PresentationMode::setScale(double scale)
{
    scale = std::clamp(scale, Normal, Largest);
    m_toggle->setChecked(scale > Normal);
    if (qFuzzyCompare(scale, m_scale))
        return;
    m_scale = scale;
    m_settings.setValue(AppSettings::Key::PresentationScale, scale);
    emit scaleChanged(scale);
}

void PresentationMode::follow(QWidget *window)
{
    window->setProperty(BaseFontProperty, window->font());
    window->addActions({m_toggle, m_larger, m_smaller});
    apply(window, false); // the columns as remembered
    connect(this, &PresentationMode::scaleChanged, window, [this, window] { apply(window, true); });
}

void PresentationMode::apply(QWidget *window, bool refitColumns) const
{
    QFont font = window->property(BaseFontProperty).value<QFont>();
    font.setPointSizeF(font.pointSizeF() * m_scale);
    window->setFont(font);
    // Rows keep the height they were given for the old font; they follow the new one.
    for (QTableView *table : window->findChildren<QTableView *>()) {
        table->verticalHeader()->setDefaultSectionSize(QFontMetrics(font).height() + 8);
        if (refitColumns && table->horizontalHeader()->sectionResizeMode(0) != QHeaderView::Stretch)
            table->resizeColumnsToContents();
    }
}

} // namespace handoff
