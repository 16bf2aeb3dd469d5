// Large blocks go back to the system when freed (scoring/heappolicy.h): a million-lead read
// frees tens of MB of passing buffers that would otherwise stay resident beside what follows.

#include <cstdlib>
#include <vector>

#include <QFile>
#include <QTest>

#include "scoring/heappolicy.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ADDRESS_SANITIZER
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ADDRESS_SANITIZER
#endif
#endif

using namespace handoff;

namespace {

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Every page written, so that it is resident.
char *touched(size_t bytes)
{
    auto *block = static_cast<char *>(std::malloc(bytes));
    for (size_t i = 0; i < bytes; i += 4096)
        static_cast<volatile char *>(block)[i] = char(i);
    return block;
}

} // namespace

class TestHeapPolicy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { heappolicy::apply(); }

    // Freed first, a large block would raise glibc's own threshold to its size, and blocks of
    // that size would then come from the heap and stay there when freed (held in place by a
    // small block allocated after them).
    void largeBlocksFreedAreGivenBack()
    {
#ifdef UNDER_ADDRESS_SANITIZER
        QSKIP("the address sanitizer's allocator keeps freed blocks in quarantine");
#endif
        std::free(touched(size_t(16) << 20));
        std::vector<char *> blocks;
        for (int i = 0; i < 8; ++i)
            blocks.push_back(touched(size_t(4) << 20));
        char *after = touched(64);
        const qint64 held = residentKiB();
        for (char *block : blocks)
            std::free(block);
        const qint64 freed = residentKiB();
        std::free(after);
        QVERIFY(held > 0 && freed > 0);
        QVERIFY2(held - freed >= 28 * 1024,
                 qPrintable(QStringLiteral("resident %1 KiB with 32 MiB held, %2 KiB once freed")
                                .arg(held)
                                .arg(freed)));
    }
};

QTEST_GUILESS_MAIN(TestHeapPolicy)
#include "tst_heappolicy.moc"
