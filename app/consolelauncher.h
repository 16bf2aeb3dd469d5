#pragma once

// Starts the window: reads --db (or picks the default database in the user's data folder,
// creating it with demo data the first time), opens the Console and shows the main window.

class QApplication;

namespace ConsoleLauncher {

int run(QApplication &app);

} // namespace ConsoleLauncher
