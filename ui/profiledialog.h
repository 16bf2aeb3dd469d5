#pragma once

// Who is at this console: pick an existing profile or make a new one with a name and a
// role (marketing, sales rep, sales manager). Asked at first start and from the menu.

#include <QDialog>

#include "store/profile.h"

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QRadioButton;

namespace handoff {

class ProfileDialog : public QDialog
{
    Q_OBJECT

public:
    ProfileDialog(const QList<Profile> &profiles, const QString &current,
                  QWidget *parent = nullptr);

    // The chosen profile; id 0 for a new one to create.
    Profile profile() const;

private:
    void updateState();

    QList<Profile> m_profiles;
    QComboBox *m_existing;
    QLineEdit *m_name;
    QComboBox *m_role;
    QDialogButtonBox *m_buttons;
    QString m_typedName; // a new profile's name, kept while an existing one is shown
};

} // namespace handoff
