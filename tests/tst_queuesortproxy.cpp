#include <random>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "queues/queuesortproxy.h"
#include "queues/queuetablemodel.h"

using namespace handoff;

// A queue of numbers: sorts by value, matches by the value's digits.
class NumberQueue : public QueueTableModel
{
public:
    std::vector<int> values;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(values.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : 2;
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role != Qt::DisplayRole || !index.isValid())
            return {};
        return index.column() == 0 ? QVariant(values[size_t(index.row())]) : QVariant(index.row());
    }
    bool lessThan(int a, int b, int) const override
    {
        return values[size_t(a)] != values[size_t(b)] ? values[size_t(a)] < values[size_t(b)]
                                                      : a < b;
    }
    bool matches(int row, const QString &needle) const override
    {
        return QString::number(values[size_t(row)]).contains(needle);
    }

    void change(const std::vector<std::pair<int, int>> &updates)
    {
        beginBatch();
        for (const auto &[row, value] : updates) {
            values[size_t(row)] = value;
            emit dataChanged(index(row, 0), index(row, 1));
        }
        endBatch();
    }
    void append(int value)
    {
        beginInsertRows({}, rowCount(), rowCount());
        values.push_back(value);
        endInsertRows();
    }
    // What a refresh does: some rows change, then new ones arrive, in one batch.
    void changeAndAppend(const std::vector<std::pair<int, int>> &updates,
                         const std::vector<int> &more)
    {
        beginBatch();
        for (const auto &[row, value] : updates) {
            values[size_t(row)] = value;
            emit dataChanged(index(row, 0), index(row, 1));
        }
        beginInsertRows({}, rowCount(), rowCount() + int(more.size()) - 1);
        values.insert(values.end(), more.begin(), more.end());
        endInsertRows();
        endBatch();
    }
    void appendMany(const std::vector<int> &more)
    {
        beginInsertRows({}, rowCount(), rowCount() + int(more.size()) - 1);
        values.insert(values.end(), more.begin(), more.end());
        endInsertRows();
    }
    void removeRange(int first, int last)
    {
        beginRemoveRows({}, first, last);
        values.erase(values.begin() + first, values.begin() + last + 1);
        endRemoveRows();
    }
};

class TestQueueSortProxy : public QObject
{
    Q_OBJECT

private:
    static std::vector<int> shown(const QueueSortProxy &proxy)
    {
        std::vector<int> out;
        for (int row = 0; row < proxy.rowCount(); ++row)
            out.push_back(proxy.index(row, 0).data().toInt());
        return out;
    }

    static bool sortedBy(const std::vector<int> &v, Qt::SortOrder order)
    {
        return order == Qt::AscendingOrder ? std::is_sorted(v.begin(), v.end())
                                           : std::is_sorted(v.rbegin(), v.rend());
    }

private slots:
    void sortsAndFilters()
    {
        NumberQueue model;
        model.values = {5, 3, 9, 1, 7, 13, 31};
        QueueSortProxy proxy(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(shown(proxy), (std::vector<int>{5, 3, 9, 1, 7, 13, 31})); // unsorted: source order
        proxy.sort(0, Qt::AscendingOrder);
        QCOMPARE(shown(proxy), (std::vector<int>{1, 3, 5, 7, 9, 13, 31}));
        proxy.sort(0, Qt::DescendingOrder);
        QCOMPARE(shown(proxy), (std::vector<int>{31, 13, 9, 7, 5, 3, 1}));
        proxy.setSearchText(QStringLiteral("3"));
        QCOMPARE(shown(proxy), (std::vector<int>{31, 13, 3}));
        QCOMPARE(proxy.mapToSource(proxy.index(0, 0)).row(), 6);
        QCOMPARE(proxy.mapFromSource(model.index(1, 0)).row(), 2);
        QVERIFY(!proxy.mapFromSource(model.index(0, 0)).isValid()); // 5 is filtered out
    }

    void changedRowsMoveToTheirPlaceAndSelectionFollows()
    {
        NumberQueue model;
        std::mt19937 rng(3);
        for (int i = 0; i < 2000; ++i)
            model.values.push_back(int(rng() % 1000));
        QueueSortProxy proxy(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(0, Qt::DescendingOrder);
        // A view's current row is a persistent index: it must still name the same source row.
        const QPersistentModelIndex current = proxy.index(1500, 0);
        const int currentSource = proxy.mapToSource(current).row();
        QSignalSpy layout(&proxy, &QAbstractItemModel::layoutChanged);
        QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
        std::vector<std::pair<int, int>> updates;
        for (int i = 0; i < 300; ++i)
            updates.emplace_back(int(rng() % 2000), int(rng() % 1000));
        updates.emplace_back(currentSource, 5000); // the selected one jumps to the top
        model.change(updates);
        QCOMPARE(layout.size(), 1); // one re-sort for the whole batch
        QCOMPARE(reset.size(), 0);
        QVERIFY(sortedBy(shown(proxy), Qt::DescendingOrder));
        QCOMPARE(proxy.rowCount(), 2000);
        QCOMPARE(current.row(), 0);
        QCOMPARE(proxy.mapToSource(current).row(), currentSource);
    }

    void rowsComingAndGoingKeepTheOrder()
    {
        NumberQueue model;
        model.values = {10, 40, 20, 30};
        QueueSortProxy proxy(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(0, Qt::AscendingOrder);
        QSignalSpy inserted(&proxy, &QAbstractItemModel::rowsInserted);
        model.append(25);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted[0][1].toInt(), 2); // slotted between 20 and 30
        QCOMPARE(shown(proxy), (std::vector<int>{10, 20, 25, 30, 40}));
        model.removeRange(1, 2); // 40 and 20
        QCOMPARE(shown(proxy), (std::vector<int>{10, 25, 30}));
        model.change({{0, 99}});
        QCOMPARE(shown(proxy), (std::vector<int>{25, 30, 99}));
        // A change that makes a row match the search shows it; one that stops matching hides it.
        proxy.setSearchText(QStringLiteral("9"));
        QCOMPARE(shown(proxy), (std::vector<int>{99}));
        model.change({{1, 19}, {0, 50}});
        QCOMPARE(shown(proxy), (std::vector<int>{19}));
    }

    void arrivalsInTheSameBatchAsChangesLandInOrder()
    {
        NumberQueue model;
        model.values = {10, 20, 30, 40, 50};
        QueueSortProxy proxy(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(0, Qt::DescendingOrder);
        model.changeAndAppend({{4, 5}, {0, 45}}, {35, 1, 60});
        QCOMPARE(shown(proxy), (std::vector<int>{60, 45, 40, 35, 30, 20, 5, 1}));
    }

    void manyArrivalsAtOnce()
    {
        NumberQueue model;
        QueueSortProxy proxy(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(0, Qt::DescendingOrder);
        std::vector<int> more;
        for (int i = 0; i < 500; ++i)
            more.push_back((i * 37) % 101);
        model.appendMany(more);
        QCOMPARE(proxy.rowCount(), 500);
        QVERIFY(sortedBy(shown(proxy), Qt::DescendingOrder));
    }
};

QTEST_GUILESS_MAIN(TestQueueSortProxy)
#include "tst_queuesortproxy.moc"
