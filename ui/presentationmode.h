#pragma once

// Presentation mode, for the meeting on a projector: the console's windows (the main window,
// the dashboard, the meeting view) show their text larger, tables and charts alike, by a
// scale from 1 to 2. View > Presentation mode turns it on (1.5x) and off, Ctrl+= and Ctrl+-
// step it by a quarter; the scale is remembered in the settings. A window that follows it
// gets the three actions too, so the shortcuts work wherever the meeting is looking.

#include <QList>
#include <QObject>

class QAction;
class QWidget;

namespace handoff {

class AppSettings;

class PresentationMode : public QObject
{
    Q_OBJECT

public:
    static constexpr double Normal = 1.0;
    static constexpr double Presenting = 1.5;
    static constexpr double Largest = 2.0;
    static constexpr double Step = 0.25;

    PresentationMode(AppSettings &settings, QObject *parent = nullptr);

    double scale() const { return m_scale; }
    void setScale(double scale);
    bool isOn() const { return m_scale > Normal; }

    QAction *toggleAction() const { return m_toggle; }
    QAction *largerAction() const { return m_larger; }
    QAction *smallerAction() const { return m_smaller; }

    // `window` shows its text at the scale from now on (and its own base font times it).
    void follow(QWidget *window);

signals:
    void scaleChanged(double scale);

private:
    void apply(QWidget *window, bool refitColumns) const;

    AppSettings &m_settings;
    double m_scale = Normal;
    QAction *m_toggle;
    QAction *m_larger;
    QAction *m_smaller;
};

} // namespace handoff
