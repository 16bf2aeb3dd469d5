#pragma once

#include <vector>

namespace handoff {

// Walks the rows of a table that a predicate picks, as runs of neighbours, from the bottom
// up: what removing them with one beginRemoveRows() per run needs, since removing a lower
// run never shifts a higher one.

namespace rowruns {

// Calls remove(first, last) for each run of rows in [0, rowCount) where picked(row) holds.
template <typename Picked, typename Remove>
void removeFromBottom(int rowCount, Picked picked, Remove remove)
{
    for (int row = rowCount - 1; row >= 0;) {
        if (!picked(row)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && picked(first - 1))
            --first;
        remove(first, row);
        row = first - 1;
    }
}

// Calls remove(first, last) for each run of neighbours in `rows` (ascending, no repeats),
// from the bottom up.
template <typename Remove> void removeEachRun(const std::vector<int> &rows, Remove remove)
{
    for (size_t end = rows.size(); end > 0;) {
        size_t begin = end - 1;
        while (begin > 0 && rows[begin - 1] == rows[begin] - 1)
            --begin;
        remove(rows[begin], rows[end - 1]);
        end = begin;
    }
}

} // namespace rowruns

} // namespace handoff
