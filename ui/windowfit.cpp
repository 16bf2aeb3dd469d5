#include "ui/windowfit.h"

#include <algorithm>

#include <QCursor>
#include <QEvent>
#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

namespace handoff {

namespace windowfit {

QRect placed(QSize wanted, const QRect &available)
{
    const QSize size = wanted.boundedTo(available.size());
    QRect rect(QPoint(0, 0), size);
    rect.moveCenter(available.center());
    return rect;
}

QRect within(const QRect &geometry, const QRect &available)
{
    QRect rect(geometry.topLeft(), geometry.size().boundedTo(available.size()));
    rect.moveLeft(std::clamp(rect.left(), available.left(), available.right() - rect.width() + 1));
    rect.moveTop(std::clamp(rect.top(), available.top(), available.bottom() - rect.height() + 1));
    return rect;
}

QScreen *screenFor(const QWidget *window)
{
    if (const QWidget *parent = window->parentWidget())
        return parent->window()->screen();
    if (QScreen *under = QGuiApplication::screenAt(QCursor::pos()))
        return under;
    return QGuiApplication::primaryScreen();
}

namespace {
// What the window manager adds around the client area; nothing before the window is shown
// (and nothing without a window manager), so allow a typical title bar then.
QMargins frameOf(const QWidget *window)
{
    const QRect frame = window->frameGeometry();
    const QRect inner = window->geometry();
    if (window->isVisible() && frame != inner)
        return {inner.left() - frame.left(), inner.top() - frame.top(),
                frame.right() - inner.right(), frame.bottom() - inner.bottom()};
    return {0, 0, 0, 0};
}

// The frame is known only once the window is shown: then the window is fitted again.
class RefitOnShow : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Show) {
            auto *window = static_cast<QWidget *>(watched);
            QMetaObject::invokeMethod(
                window, [window] { keepOnScreen(window); }, Qt::QueuedConnection);
            deleteLater();
        }
        return false;
    }
};
} // namespace

void open(QWidget *window, QSize preferred)
{
    QScreen *screen = screenFor(window);
    if (!screen) {
        window->resize(preferred);
        return;
    }
    const QRect available = screen->availableGeometry();
    const QMargins frame = frameOf(window);
    const QRect inner = placed(preferred, available - frame);
    window->resize(inner.size());
    window->move(inner.topLeft() - QPoint(frame.left(), frame.top()));
    if (!window->isVisible())
        window->installEventFilter(new RefitOnShow(window));
}

void keepOnScreen(QWidget *window)
{
    const QRect frame = window->frameGeometry();
    QScreen *screen = QGuiApplication::screenAt(frame.center());
    if (!screen)
        screen = screenFor(window);
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    if (available.contains(frame))
        return;
    const QMargins margins = frameOf(window);
    const QRect inner = within(window->geometry(), available - margins);
    window->resize(inner.size());
    window->move(inner.topLeft() - QPoint(margins.left(), margins.top()));
}

} // namespace windowfit

} // namespace handoff
