#include "ui/qualificationform.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

#include "queues/console.h"
#include "store/error.h"

namespace handoff {

namespace {

// One save of the details, undone by saving what was there before, unless someone else
// changed them since: then the step cannot be undone and says why.
class SaveQualification : public QUndoCommand
{
public:
    SaveQualification(Console &console, qint64 leadId, const QString &name, Qualification before,
                      Qualification after, std::function<void(const QString &)> done)
        : QUndoCommand(QualificationForm::tr("Edit qualification of %1").arg(name))
        , m_console(console)
        , m_leadId(leadId)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_done(std::move(done))
    {}

    void redo() override { write(m_before, m_after); }
    void undo() override { write(m_after, m_before); }

private:
    void write(const Qualification &expected, const Qualification &details)
    {
        try {
            if (!(m_console.qualification(m_leadId) == expected))
                throw Error(QualificationForm::tr("The qualification details were "
                                                  "changed elsewhere; they are left as "
                                                  "they are"));
            m_console.actions().saveQualification(m_leadId, details, m_console.now());
            m_done({});
        } catch (const Error &e) {
            setObsolete(true);
            m_done(e.message());
        }
    }

    Console &m_console;
    qint64 m_leadId;
    Qualification m_before;
    Qualification m_after;
    std::function<void(const QString &)> m_done;
};

} // namespace

QualificationForm::QualificationForm(Console &console, QUndoStack *undo, QWidget *parent)
    : QWidget(parent)
    , m_console(console)
    , m_undo(undo)
    , m_goals(new QPlainTextEdit(this))
    , m_authority(new QLineEdit(this))
    , m_timeline(new QLineEdit(this))
    , m_budget(new QLineEdit(this))
    , m_signupReason(new QLineEdit(this))
    , m_neededBy(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_save(new QPushButton(tr("&Save details"), this))
{
    setObjectName(QStringLiteral("qualificationForm"));
    m_goals->setObjectName(QStringLiteral("goals"));
    m_budget->setObjectName(QStringLiteral("budget"));
    m_save->setObjectName(QStringLiteral("saveQualification"));
    m_goals->setPlaceholderText(tr("What they want to achieve, what is in the way"));
    m_authority->setPlaceholderText(tr("Who decides; who else is involved"));
    m_timeline->setPlaceholderText(tr("When they plan to buy"));
    m_budget->setPlaceholderText(tr("Budget set aside, or how it is found"));
    m_signupReason->setPlaceholderText(tr("Fast track: why did they sign up?"));
    m_neededBy->setPlaceholderText(tr("Fast track: how soon do they need it?"));
    // Three lines of goals; the rows keep their natural height and the spare room goes
    // below the form, so nothing spreads apart in a tall panel.
    m_goals->setFixedHeight(
        m_goals->fontMetrics().lineSpacing() * 3 +
        2 * (m_goals->frameWidth() + int(m_goals->document()->documentMargin())));
    m_goals->setTabChangesFocus(true);
    m_status->setObjectName(QStringLiteral("qualificationStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *form = m_form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(tr("Goals and challenges:"), m_goals);
    form->addRow(tr("Authority:"), m_authority);
    form->addRow(tr("Timeline:"), m_timeline);
    form->addRow(tr("Budget:"), m_budget);
    form->addRow(tr("Why they signed up:"), m_signupReason);
    form->addRow(tr("Needed by:"), m_neededBy);
    // The status has a row of its own under the fields: its text changes with each save
    // and must not move the fields (as it did in the label column).
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_status, 1);
    footer->addWidget(m_save, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(footer);
    layout->addStretch(1);

    connect(m_save, &QPushButton::clicked, this, &QualificationForm::save);
    connect(m_goals, &QPlainTextEdit::textChanged, this, &QualificationForm::updateState);
    for (QLineEdit *edit : {m_authority, m_timeline, m_budget, m_signupReason, m_neededBy})
        connect(edit, &QLineEdit::textChanged, this, &QualificationForm::updateState);
}

void QualificationForm::resizeEvent(QResizeEvent *event)
{
    // In a narrow panel the labels go above their fields, which keep the whole width.
    const int labels = fontMetrics().horizontalAdvance(tr("Goals and challenges:"));
    m_form->setRowWrapPolicy(width() < labels * 3 ? QFormLayout::WrapAllRows
                                                  : QFormLayout::DontWrapRows);
    QWidget::resizeEvent(event);
}

void QualificationForm::showLead(qint64 leadId)
{
    saveEdits(); // switching leads, clearing a search or an action never drops what was typed
    m_leadId = leadId;
    load(leadId ? m_console.qualification(leadId) : Qualification{});
}

void QualificationForm::load(const Qualification &details)
{
    m_stored = details;
    m_goals->setPlainText(details.goals);
    m_authority->setText(details.authority);
    m_timeline->setText(details.timeline);
    m_budget->setText(details.budget);
    m_signupReason->setText(details.signupReason);
    m_neededBy->setText(details.neededBy);
    const bool editable = m_leadId && m_console.profile().isSales();
    for (QWidget *w : std::initializer_list<QWidget *>{m_goals, m_authority, m_timeline, m_budget,
                                                       m_signupReason, m_neededBy})
        w->setEnabled(editable);
    QString status =
        !m_leadId ? tr("No lead selected.")
        : details.updatedBy.isEmpty()
            ? tr("Nothing recorded yet.")
            : tr("Last saved by %1, %2")
                  .arg(details.updatedBy,
                       QLocale().toString(QDateTime::fromSecsSinceEpoch(details.updatedAt),
                                          QLocale::ShortFormat));
    if (m_leadId && !editable)
        status += QLatin1Char(' ') + tr("Sales records these details.");
    m_savedStatus = status;
    updateState();
}

Qualification QualificationForm::edited() const
{
    Qualification d;
    d.goals = m_goals->toPlainText().trimmed();
    d.authority = m_authority->text().trimmed();
    d.timeline = m_timeline->text().trimmed();
    d.budget = m_budget->text().trimmed();
    d.signupReason = m_signupReason->text().trimmed();
    d.neededBy = m_neededBy->text().trimmed();
    return d;
}

bool QualificationForm::hasUnsavedEdits() const
{
    return m_leadId && m_console.profile().isSales() && !(edited() == m_stored);
}

void QualificationForm::updateState()
{
    const bool unsaved = hasUnsavedEdits();
    m_save->setEnabled(unsaved);
    // Typed text is saved on its own when the rep moves on; saying so spares a worried click.
    m_status->setText(unsaved ? tr("Not saved yet: saved when you show another lead or "
                                   "close the window, or now with Save details.")
                              : m_savedStatus);
}

bool QualificationForm::saveEdits()
{
    if (!hasUnsavedEdits())
        return false;
    save();
    return true;
}

void QualificationForm::save()
{
    const qint64 leadId = m_leadId;
    const auto lead = m_console.lead(leadId);
    const QString name = lead ? lead->displayName() : tr("lead %1").arg(leadId);
    // Shown again once written: the fields, and the status line saying who saved it.
    m_undo->push(new SaveQualification(
        m_console, leadId, name, m_stored, edited(), [this, leadId, name](const QString &error) {
            // Not showLead(): that would save again. A failed save keeps what was typed.
            if (m_leadId == leadId && error.isEmpty())
                load(m_console.qualification(leadId));
            emit saved(error.isEmpty() ? tr("Qualification details of %1 saved").arg(name)
                                       : tr("%1: %2").arg(name, error));
        }));
}

} // namespace handoff
