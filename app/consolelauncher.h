
class QApplication;
class QElapsedTimer;

namespace handoff {

#pragma once

// Starts the window: reads --db (or picks the default database in the user's data folder,
// creating it with demo data the first time) and opens the first console window on it
// (ConsoleWindows; the File menu opens more).

namespace ConsoleLauncher {

int run(QApplication &app, const QElapsedTimer &sinceStart);

} // namespace ConsoleLauncher

} // namespace handoff
