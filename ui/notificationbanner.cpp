#include "ui/notificationbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace handoff {

NotificationBanner::NotificationBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_open(new QPushButton(tr("Open lead"), this))
    , m_dismiss(new QPushButton(tr("Dismiss"), this))
{
    setObjectName(QStringLiteral("notificationBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xff, 0xf3, 0xcd));
    p.setColor(QPalette::WindowText, QColor(0x5d, 0x43, 0x00));
    setPalette(p);
    m_text->setTextFormat(Qt::PlainText);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_open);
    layout->addWidget(m_dismiss);
    connect(m_open, &QPushButton::clicked, this, [this] {
        emit openLead(m_leadId);
        hide();
        m_count = 0;
    });
    connect(m_dismiss, &QPushButton::clicked, this, [this] {
        hide();
        m_count = 0;
    });
    hide();
}

void NotificationBanner::notify(qint64 leadId, const QString &message)
{
    m_leadId = leadId;
    ++m_count;
    m_text->setText(m_count > 1 ? tr("%1 (and %2 more)").arg(message).arg(m_count - 1) : message);
    show();
}

QString NotificationBanner::message() const
{
    return m_text->text();
}

} // namespace handoff
