#include "ui/profiledialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>

namespace handoff {

ProfileDialog::ProfileDialog(const QList<Profile> &profiles, const QString &current,
                             QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_existing(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Who is using this console?"));
    m_existing->addItem(tr("New profile"));
    for (const Profile &p : profiles)
        m_existing->addItem(tr("%1 (%2)").arg(p.name, Profile::roleLabel(p.role)));
    for (int i = 0; i < int(profiles.size()); ++i) {
        if (profiles[i].name == current)
            m_existing->setCurrentIndex(i + 1);
    }
    for (Profile::Role role :
         {Profile::Role::Marketing, Profile::Role::Sales, Profile::Role::SalesManager})
        m_role->addItem(Profile::roleLabel(role), int(role));
    m_name->setPlaceholderText(tr("Your name"));
    m_existing->setObjectName(QStringLiteral("profileExisting"));
    m_name->setObjectName(QStringLiteral("profileName"));
    m_role->setObjectName(QStringLiteral("profileRole"));

    auto *form = new QFormLayout(this);
    form->addRow(new QLabel(tr("Every action is recorded under this profile."), this));
    form->addRow(tr("&Profile:"), m_existing);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(m_buttons);
    connect(m_existing, &QComboBox::currentIndexChanged, this, &ProfileDialog::updateState);
    connect(m_name, &QLineEdit::textChanged, this, &ProfileDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

void ProfileDialog::updateState()
{
    const bool isNew = m_existing->currentIndex() == 0;
    // An existing profile shows its own name and role, not what a new one would get.
    if (!isNew && m_name->isEnabled())
        m_typedName = m_name->text();
    if (!isNew) {
        const Profile &p = m_profiles[m_existing->currentIndex() - 1];
        const QSignalBlocker block(m_name);
        m_name->setText(p.name);
        m_role->setCurrentIndex(m_role->findData(int(p.role)));
    } else if (!m_name->isEnabled()) {
        const QSignalBlocker block(m_name);
        m_name->setText(m_typedName);
    }
    m_name->setEnabled(isNew);
    m_role->setEnabled(isNew);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!isNew || !m_name->text().trimmed().isEmpty());
}

Profile ProfileDialog::profile() const
{
    if (m_existing->currentIndex() > 0)
        return m_profiles[m_existing->currentIndex() - 1];
    return {0, m_name->text().simplified(), Profile::Role(m_role->currentData().toInt())};
}

} // namespace handoff
