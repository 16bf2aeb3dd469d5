#include "ui/aboutdialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

#include "store/database.h"
#include "store/error.h"

namespace handoff {

namespace {

QLabel *selectableLabel(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QString schemaText(const Database &database)
{
    try {
        const int version = database.schemaVersion();
        if (version == Database::SchemaVersion)
            return QString::number(version);
        return AboutDialog::tr("%1 (this Handoff writes %2)")
            .arg(version)
            .arg(Database::SchemaVersion);
    } catch (const Error &e) {
        // A team server that went away: the rest of the dialog still helps.
        return AboutDialog::tr("unknown: %1").arg(e.message());
    }
}

} // namespace

AboutDialog::AboutDialog(const Database &database, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Handoff"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/handoff.svg")).pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);
    auto *title = new QLabel(
        QStringLiteral("<b>%1</b>").arg(tr("Handoff %1").arg(QApplication::applicationVersion())),
        this);
    title->setObjectName(QStringLiteral("aboutVersion"));
    QFont larger = title->font();
    larger.setPointSizeF(larger.pointSizeF() * 1.4);
    title->setFont(larger);

    auto *facts = new QFormLayout;
    facts->addRow(tr("Database:"),
                  selectableLabel(database.filePath(), QStringLiteral("aboutDatabase"), this));
    facts->addRow(
        tr("Kind:"),
        new QLabel(database.isServer() ? tr("PostgreSQL team server") : tr("SQLite file"), this));
    facts->addRow(tr("Schema version:"),
                  selectableLabel(schemaText(database), QStringLiteral("aboutSchema"), this));
    facts->addRow(tr("Qt:"), new QLabel(QString::fromLatin1(qVersion()), this));

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(new QLabel(tr("The sales-marketing lead handoff console."), this));
    text->addSpacing(8);
    text->addLayout(facts);

    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addSpacing(12);
    top->addLayout(text, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

} // namespace handoff
