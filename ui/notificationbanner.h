#pragma once

// The in-console notice that a lead was just handed to sales (it raised its hand or crossed
// the threshold), with a button to open it. Shown in every console, tray or not.

#include <QFrame>

class QLabel;
class QPushButton;

namespace handoff {

class NotificationBanner : public QFrame
{
    Q_OBJECT

public:
    explicit NotificationBanner(QWidget *parent = nullptr);

    void notify(qint64 leadId, const QString &message);
    QString message() const;

signals:
    void openLead(qint64 leadId);

private:
    QLabel *m_text;
    QPushButton *m_open;
    QPushButton *m_dismiss;
    qint64 m_leadId = 0;
    int m_count = 0;
};

} // namespace handoff
