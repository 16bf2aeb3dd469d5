// The column blocks' pool (scoring/blockpool.h): blocks of each size from 2 MiB slabs, never
// overlapping, given back and taken again, and a slab whose blocks all came back goes back
// to the system (one kept spare for each size).

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

#include <QTest>

#include "scoring/blockpool.h"

using namespace handoff;

namespace {

constexpr size_t KiB = 1024;

} // namespace

class TestBlockPool : public QObject
{
    Q_OBJECT

private slots:
    void blocksAreAlignedAndNeverOverlap()
    {
        for (const size_t bytes : {4 * KiB, 32 * KiB, 64 * KiB, blockpool::SlabBytes}) {
            const size_t count = 3 * blockpool::SlabBytes / bytes + 1; // over three slabs
            std::vector<unsigned char *> blocks;
            for (size_t i = 0; i < count; ++i) {
                auto *block = static_cast<unsigned char *>(blockpool::take(bytes));
                QCOMPARE(reinterpret_cast<std::uintptr_t>(block) % bytes, std::uintptr_t(0));
                std::memset(block, int(i % 251), bytes);
                blocks.push_back(block);
            }
            // Each still holds what was written to it: no block shares a byte with another.
            for (size_t i = 0; i < count; ++i) {
                QVERIFY(std::all_of(blocks[i], blocks[i] + bytes,
                                    [i](unsigned char c) { return c == i % 251; }));
            }
            for (unsigned char *block : blocks)
                blockpool::give(block, bytes);
        }
    }

    void aSlabAllGivenBackGoesBackToTheSystem()
    {
        constexpr size_t Bytes = 16 * KiB;
        const size_t before = blockpool::slabCount();
        const size_t perSlab = blockpool::SlabBytes / Bytes;
        std::vector<void *> blocks;
        for (size_t i = 0; i < 4 * perSlab; ++i)
            blocks.push_back(blockpool::take(Bytes));
        QVERIFY(blockpool::slabCount() >= before + 3);
        QVERIFY(blockpool::bytesTaken() >= blocks.size() * Bytes);
        const size_t taken = blockpool::bytesTaken();
        for (void *block : blocks)
            blockpool::give(block, Bytes);
        QCOMPARE(blockpool::bytesTaken(), taken - blocks.size() * Bytes);
        // At most the spare is kept (it may have been there before).
        QVERIFY2(
            blockpool::slabCount() <= before + 1,
            qPrintable(
                QStringLiteral("%1 slabs, %2 before").arg(blockpool::slabCount()).arg(before)));
        // A block given back is taken again before a new slab is made.
        const size_t held = blockpool::slabCount();
        void *again = blockpool::take(Bytes);
        QVERIFY(blockpool::slabCount() <= std::max<size_t>(held, before + 1));
        blockpool::give(again, Bytes);
    }

    void twoThreadsTakeAndGiveAtOnce()
    {
        const auto work = [](unsigned char mark) {
            std::vector<unsigned char *> blocks;
            for (int round = 0; round < 20; ++round) {
                for (int i = 0; i < 200; ++i) {
                    auto *block = static_cast<unsigned char *>(blockpool::take(8 * KiB));
                    std::memset(block, mark, 8 * KiB);
                    blocks.push_back(block);
                }
                for (unsigned char *block : blocks) {
                    if (block[0] != mark || block[8 * KiB - 1] != mark)
                        return false;
                    blockpool::give(block, 8 * KiB);
                }
                blocks.clear();
            }
            return true;
        };
        bool otherFine = false;
        std::thread other([&] { otherFine = work(0xAB); });
        const bool fine = work(0x5C);
        other.join();
        QVERIFY(fine);
        QVERIFY(otherFine);
    }
};

QTEST_GUILESS_MAIN(TestBlockPool)
#include "tst_blockpool.moc"
