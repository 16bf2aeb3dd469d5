#pragma once

// File > Export meeting report: which week (the last 52, this one first), A4 or Letter (the
// locale's by default) and where to write the PDF. OK writes it and says how many pages it
// has; a failure is shown in the dialog, which stays open.

#include <functional>

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace handoff {

class Database;

class ReportExportDialog : public QDialog
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>;

    ReportExportDialog(Database &db, Clock clock, QWidget *parent = nullptr);

    void setWeek(qint64 weekStart);
    void setPath(const QString &path);
    // Writes the report as chosen; false with the reason shown when it could not.
    bool exportReport();
    QString message() const;

private:
    void browse();

    Database &m_db;
    Clock m_clock;
    QComboBox *m_week;
    QComboBox *m_page;
    QLineEdit *m_path;
    QLabel *m_message;
};

} // namespace handoff
