#include "queues/backgroundtask.h"

#include <new>

#include <QCoreApplication>

#include "store/error.h"

namespace handoff {

namespace background {

QString failureMessage(std::exception_ptr failure)
{
    try {
        if (failure)
            std::rethrow_exception(failure);
    } catch (const Error &e) {
        return e.message();
    } catch (const std::bad_alloc &) {
        return QCoreApplication::translate(
            "background", "There was not enough memory for this. Close other windows or "
                          "programs and try again.");
    } catch (const std::exception &e) {
        return QCoreApplication::translate("background", "The work failed: %1")
            .arg(QString::fromLocal8Bit(e.what()));
    } catch (...) {
    }
    return QCoreApplication::translate("background", "The work failed for an unknown reason.");
}

QThreadPool *pool()
{
    // Leaked on purpose: Tasks wait for their work, so nothing runs here at exit, and a
    // static's destructor would run after QCoreApplication is gone.
    static QThreadPool *shared = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(std::max(8, QThread::idealThreadCount()));
        return p;
    }();
    return shared;
}

Lane::Lane()
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // the same thread for every run, however long between them
}

Lane::~Lane()
{
    m_pool.waitForDone();
}

void Lane::finish(std::function<void()> last)
{
    m_pool.start(std::move(last));
    m_pool.waitForDone();
}

} // namespace background

} // namespace handoff
