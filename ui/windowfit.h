#pragma once

// Keeps top-level windows on the screen they open on: a window asks for the size it would
// like and gets at most the screen's available geometry (QScreen::availableGeometry, the
// screen less its panels), centred on it; a remembered geometry from a larger screen, or
// from a monitor no longer attached, is brought back onto the screen and shrunk to it.
// The rectangle arithmetic is separate so it is tested without a screen of that size.

#include <QRect>
#include <QSize>

class QScreen;
class QWidget;

namespace handoff {

namespace windowfit {

// `wanted` no larger than `available`, centred in it.
QRect placed(QSize wanted, const QRect &available);
// `geometry` moved (and, when larger, shrunk) to lie wholly within `available`.
QRect within(const QRect &geometry, const QRect &available);

// The screen a new `window` opens on: its parent window's, else the one under the mouse.
QScreen *screenFor(const QWidget *window);
// Sizes a new top-level window to `preferred`, or to the available geometry when that is
// smaller, and centres it there; once shown (its frame known) it is kept on screen.
void open(QWidget *window, QSize preferred);
// After restoreGeometry(): the window's frame back within the available geometry.
void keepOnScreen(QWidget *window);

} // namespace windowfit

} // namespace handoff
