// Column blocks (scoring/sharedblocks.h) kept sparse where they hold mostly zeros: a rare
// activity type's sums and counts over a million leads. Read, written, copied, saved and
// built, a column answers the same values whatever form each block is in, and a sparse
// block takes a fraction of a dense one's memory.

#include <numeric>
#include <random>
#include <vector>

#include <QTest>

#include "scoring/sharedblocks.h"
#include "statebuffer.h"
#include "store/error.h"

using namespace handoff;

namespace {

using Column = SharedBlocks<float>;
constexpr int Block = Column::BlockSize;

// Three blocks and a part: dense random values, 40 values, none, then 100 values.
std::vector<float> mixedValues()
{
    std::mt19937 rng(5);
    std::vector<float> values(size_t(3 * Block + Block / 2), 0.0f);
    for (int i = 0; i < Block; ++i)
        values[size_t(i)] = float(rng() % 1000) / 7.0f + 1.0f;
    for (int k = 0; k < 40; ++k)
        values[size_t(Block + int(rng() % Block))] = float(k + 1);
    for (int k = 0; k < 100; ++k)
        values[size_t(3 * Block + int(rng() % (Block / 2)))] = -float(k + 1) / 4.0f;
    return values;
}

Column columnOf(const std::vector<float> &values)
{
    Column column;
    column.resize(int(values.size()), 0.0f);
    for (size_t i = 0; i < values.size(); ++i)
        column.write(int(i)) = values[i];
    return column;
}

// Every way of reading the column gives `expected`.
void compareValues(const Column &column, const std::vector<float> &expected)
{
    QCOMPARE(column.size(), int(expected.size()));
    for (size_t i = 0; i < expected.size(); ++i) {
        if (column[int(i)] != expected[i])
            QFAIL(qPrintable(QStringLiteral("value %1: %2, expected %3")
                                 .arg(i)
                                 .arg(column[int(i)])
                                 .arg(expected[i])));
    }
    std::vector<float> visited;
    column.forEachBlock(column.size(), [&](int first, const float *values, int n) {
        QCOMPARE(size_t(first), visited.size());
        visited.insert(visited.end(), values, values + n);
    });
    QVERIFY(visited == expected);
}

} // namespace

class TestSharedBlocks : public QObject
{
    Q_OBJECT

private slots:
    void aMostlyEmptyBlockIsKeptSparseAndReadsTheSame()
    {
        const std::vector<float> values = mixedValues();
        Column column = columnOf(values);
        const size_t dense = column.memoryBytes();
        QCOMPARE(dense, size_t(4 * Block) * sizeof(float));
        column.compact();
        QVERIFY(column.isDense(0));
        QVERIFY(!column.isDense(Block));
        QVERIFY(!column.isDense(2 * Block));
        QVERIFY(!column.isDense(3 * Block));
        // One dense block and three that hold 140 values between them.
        QVERIFY2(column.memoryBytes() < dense / 4 + 2048,
                 qPrintable(QString::number(column.memoryBytes())));
        compareValues(column, values);
        std::vector<float> room(size_t(Block), 99.0f);
        const float *laidOut = column.readBlock(Block, room.data());
        QCOMPARE(laidOut, room.data());
        QVERIFY(std::equal(laidOut, laidOut + Block, values.begin() + Block));
    }

    // A sparse block takes writes in any order; past the size where it would take as much
    // room as a dense one, it becomes dense, every value kept.
    void writesIntoASparseBlockFillItUntilItTurnsDense()
    {
        std::vector<float> values(size_t(2 * Block), 0.0f);
        Column column = columnOf(values);
        column.compact();
        QVERIFY(!column.isDense(Block));
        for (int k = 0; k < Block; ++k) {
            const int i = Block + (k * 7919) % Block; // each once, in no order
            column.write(i) += 1.5f;
            values[size_t(i)] += 1.5f;
            if (k == 100) {
                QVERIFY(!column.isDense(Block));
                compareValues(column, values);
            }
        }
        QVERIFY(column.isDense(Block));
        QVERIFY(!column.isDense(0)); // untouched
        compareValues(column, values);
    }

    // A block made sparse holds just its values; writes into it grow it by a quarter at a
    // time, never past a dense block's room (doubled, 4,000 floats would take 48 KB).
    void aSparseBlockGrowsWithinADenseBlocksRoom()
    {
        std::vector<float> values(size_t(Block), 0.0f);
        for (int k = 0; k < 4000; ++k)
            values[size_t(2 * k)] = 1.0f;
        Column column = columnOf(values);
        column.compact();
        QVERIFY(!column.isDense(0));
        for (int k = 0; k < 1400; ++k) {
            column.write(2 * k + 1) = 2.0f;
            values[size_t(2 * k + 1)] = 2.0f;
            QVERIFY2(column.memoryBytes() <= size_t(Block) * sizeof(float) + 256,
                     qPrintable(QStringLiteral("%1 bytes after %2 writes")
                                    .arg(column.memoryBytes())
                                    .arg(k + 1)));
        }
        compareValues(column, values);
        // Grown by a lead past its last block: a sparse block of its own, empty.
        const size_t before = column.memoryBytes();
        column.resize(Block + 1, 0.0f);
        QVERIFY(!column.isDense(Block));
        QVERIFY(column.memoryBytes() < before + 256);
        column.write(Block) = 3.0f;
        values.push_back(3.0f);
        compareValues(column, values);
    }

    // The tuning workspace's copy keeps its values while the console writes to a sparse
    // block they share; the other blocks stay shared.
    void aCopyKeepsASparseBlockTheOriginalWritesTo()
    {
        std::vector<float> values = mixedValues();
        Column column = columnOf(values);
        column.compact();
        const Column copy = column;
        QCOMPARE(copy.bytesSharedWith(column), column.memoryBytes());
        column.write(Block + 3) = 42.0f;
        column.write(3 * Block + 8) += 1.0f;
        compareValues(copy, values);
        const size_t shared = copy.bytesSharedWith(column);
        QVERIFY(shared < column.memoryBytes());
        QVERIFY(shared >= size_t(Block) * sizeof(float)); // the dense block at least
        values[size_t(Block + 3)] = 42.0f;
        values[size_t(3 * Block + 8)] += 1.0f;
        compareValues(column, values);
    }

    // Saved with its mostly-zero blocks as offsets and values (a quarter of the dense size
    // here), read back sparse where the values are mostly zero, whichever form was saved.
    void aSavedColumnReadsBackCompactWithTheSameValues()
    {
        const std::vector<float> values = mixedValues();
        for (const bool compacted : {false, true}) {
            Column column = columnOf(values);
            if (compacted)
                column.compact();
            Column read;
            qint64 fileBytes = 0;
            throughState([&](StateWriter &out) { column.saveCompact(out, column.size()); },
                         [&](StateReader &in) {
                             fileBytes = in.remaining();
                             read.restoreCompact(in, int(values.size()));
                         });
            QVERIFY2(fileBytes < qint64(values.size() * sizeof(float)) / 3,
                     qPrintable(QString::number(fileBytes)));
            QVERIFY(read.isDense(0));
            QVERIFY(!read.isDense(Block));
            compareValues(read, values);
            // A new lead after the read: a block of its own, dense, zero.
            read.resize(4 * Block + 1, 0.0f);
            QCOMPARE(read[4 * Block], 0.0f);
            QCOMPARE(read[int(values.size())], 0.0f);
        }
        Column column = columnOf(values);
        QVERIFY_THROWS_EXCEPTION(
            Error, throughState([&](StateWriter &out) { column.saveCompact(out, column.size()); },
                                [&](StateReader &in) { Column().restoreCompact(in, 100); }));
    }

    // A damaged or hostile file: a sparse block larger than a block, or its offsets out of
    // order, repeated or past the block, is refused, not read into memory out of bounds.
    void aSparseBlockOutOfShapeIsRefused_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("held");
        QTest::addColumn<std::vector<quint16>>("offsets");
        QTest::newRow("in order") << 100 << 3 << std::vector<quint16>{1, 5, 99};
        QTest::newRow("out of order") << 100 << 3 << std::vector<quint16>{1, 9, 5};
        QTest::newRow("repeated") << 100 << 3 << std::vector<quint16>{1, 5, 5};
        QTest::newRow("past the column's end") << 100 << 3 << std::vector<quint16>{1, 5, 100};
        QTest::newRow("more than the block") << 2 << 3 << std::vector<quint16>{0, 1, 2};
        std::vector<quint16> all(static_cast<size_t>(Block));
        std::iota(all.begin(), all.end(), quint16(0));
        QTest::newRow("more than a sparse block holds") << Block << Block << all;
    }
    void aSparseBlockOutOfShapeIsRefused()
    {
        QFETCH(int, size);
        QFETCH(int, held);
        QFETCH(std::vector<quint16>, offsets);
        const std::vector<float> heldValues(size_t(held), 2.5f);
        const auto write = [&](StateWriter &out) {
            out.value(quint64(size));
            out.value(quint16(held));
            out.values(offsets.data(), offsets.size());
            out.values(heldValues.data(), heldValues.size());
        };
        Column read;
        const auto readBack = [&](StateReader &in) { read.restoreCompact(in, size); };
        if (QByteArray(QTest::currentDataTag()) == "in order") {
            throughState(write, readBack);
            QCOMPARE(read[5], 2.5f);
            QCOMPARE(read[6], 0.0f);
            QCOMPARE(read[99], 2.5f);
        } else {
            QVERIFY_THROWS_EXCEPTION(Error, throughState(write, readBack));
        }
    }

    // A new half-life's sums start with room where the counts are not 0: sparse where few
    // leads are counted (a count block a third full is dense, its sums' block not), so
    // writing them inserts nothing and no dense block is set aside for them.
    void sumsStartWithRoomWhereTheCountsAre()
    {
        SharedBlocks<quint8> counts;
        counts.resize(3 * Block + 10, 0);
        for (int i = 0; i < Block; ++i)
            counts.write(i) = quint8(1 + i % 7);
        for (int i = Block; i < 2 * Block; i += 97)
            counts.write(i) = 2;
        for (int i = 2 * Block; i < 3 * Block; i += 3)
            counts.write(i) = 1;
        counts.compact();
        QVERIFY(counts.isDense(0));
        QVERIFY(!counts.isDense(Block));
        QVERIFY(counts.isDense(2 * Block));
        QVERIFY(!counts.isDense(3 * Block));

        Column sums;
        sums.startShapedLike(counts);
        QCOMPARE(sums.size(), counts.size());
        QVERIFY(sums.isDense(0));
        QVERIFY(!sums.isDense(Block));
        QVERIFY(!sums.isDense(2 * Block));
        QVERIFY(!sums.isDense(3 * Block));
        std::vector<float> values(size_t(counts.size()), 0.0f);
        compareValues(sums, values);
        const size_t before = sums.memoryBytes();
        for (int i = Block; i < 3 * Block; ++i) {
            if (counts[i] != 0) {
                sums.write(i) += 0.25f;
                values[size_t(i)] = 0.25f;
            }
        }
        QCOMPARE(sums.memoryBytes(), before); // every one had its room
        std::vector<quint8> countsBefore;
        for (int i = 0; i < counts.size(); ++i)
            countsBefore.push_back(counts[i]);
        sums.write(3 * Block + 3) = 1.0f; // one the counts did not have: inserted
        values[size_t(3 * Block + 3)] = 1.0f;
        sums.write(Block + 1) = 2.0f; // and into a block whose offsets the counts share
        values[size_t(Block + 1)] = 2.0f;
        compareValues(sums, values);
        // The counts keep their places: the sums inserted into offsets of their own.
        for (int i = 0; i < counts.size(); ++i)
            QCOMPARE(counts[i], countsBefore[size_t(i)]);
        counts.write(Block + 2) = 5;
        counts.write(3 * Block + 5) = 4;
        countsBefore[size_t(Block + 2)] = 5;
        countsBefore[size_t(3 * Block + 5)] = 4;
        for (int i = 0; i < counts.size(); ++i)
            QCOMPARE(counts[i], countsBefore[size_t(i)]);
        compareValues(sums, values);
    }

    // A type's sums read or built beside its counts hold their sparse offsets once; each
    // still inserts into offsets of its own.
    void sumsAndCountsShareTheirOffsets()
    {
        SharedBlocks<quint8> counts;
        counts.resize(2 * Block, 0);
        std::vector<float> values(size_t(2 * Block), 0.0f);
        for (int i = 0; i < 2 * Block; i += 53) {
            counts.write(i) = 1;
            values[size_t(i)] = 0.5f;
        }
        counts.compact();
        Column sums = columnOf(values);
        sums.compact();
        const size_t apart = sums.memoryBytes(&counts);
        QCOMPARE(apart, sums.memoryBytes());
        sums.shareOffsetsWith(counts);
        compareValues(sums, values);
        // Beside the counts, the sums hold their values alone: 2 of their 6 bytes a value
        // (and the room for one more each block, as compacted).
        const size_t held = size_t(2 * Block / 53 + 1);
        QCOMPARE(apart - sums.memoryBytes(&counts), (held + 2) * sizeof(quint16));
        QCOMPARE(sums.memoryBytes(), apart); // counted whole without the counts beside
        // Inserting into either leaves the other as it was.
        sums.write(1) = 3.0f;
        values[1] = 3.0f;
        compareValues(sums, values);
        QCOMPARE(counts[1], quint8(0));
        QCOMPARE(counts[53], quint8(1));
        counts.write(2) = 7;
        compareValues(sums, values);
        QCOMPARE(counts[2], quint8(7));
        QCOMPARE(counts[1], quint8(0));
    }

    // A fade written into every sum keeps sparse blocks sparse; a visit to write makes a
    // block dense, its values kept.
    void changingEveryValueKeepsTheirPlaces()
    {
        std::vector<float> values = mixedValues();
        Column column = columnOf(values);
        column.compact();
        column.changeEachValue([](float &v) { v *= 0.5f; });
        for (float &v : values)
            v *= 0.5f;
        QVERIFY(!column.isDense(Block));
        compareValues(column, values);
        column.forEachBlockToWrite(column.size(), [](int, float *v, int) { v[1] += 2.0f; });
        for (size_t first = 0; first < values.size(); first += Block)
            values[first + 1] += 2.0f;
        QVERIFY(column.isDense(Block));
        compareValues(column, values);
    }
};

QTEST_GUILESS_MAIN(TestSharedBlocks)
#include "tst_sharedblocks.moc"
