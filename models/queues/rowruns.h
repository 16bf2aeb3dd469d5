
namespace handoff {

#pragma once

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

} // namespace rowruns

} // namespace handoff
