#pragma once

// A column of values kept in fixed blocks that copies share until one of them writes to a
// block. Copying a million leads' column costs a pointer per block, and an owner that goes on
// writing (a console counting new activities while the tuning workspace holds its copy)
// copies only the blocks it writes to. A copy may be read on another thread while the
// original writes: a block is written in place only once no copy holds it.
//
// A block whose values are mostly T() may be kept sparse (compact(), build()): only its other
// values, by offset. A column of a rare activity type is mostly zeros, and a million leads'
// worth of them is tens of megabytes. Reading a sparse value costs a search; writing one
// inserts it, and a sparse block that fills up becomes dense again.

#include <algorithm>
#include <atomic>
#include <bit>
#include <functional>
#include <limits>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "scoring/blockpool.h"
#include "scoring/statestream.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HANDOFF_HAS_ADDRESS_SANITIZER 1
#endif
#endif
#ifndef HANDOFF_HAS_ADDRESS_SANITIZER
#define HANDOFF_HAS_ADDRESS_SANITIZER 0
#endif

namespace handoff {

template <typename T> class SharedBlocks
{
public:
    static constexpr int Shift = 13;
    static constexpr int BlockSize = 1 << Shift; // 32 KiB of floats

    SharedBlocks() = default;
    SharedBlocks(const SharedBlocks &) = default;
    SharedBlocks &operator=(const SharedBlocks &) = default;
    // A column moved from is empty, as a vector is.
    SharedBlocks(SharedBlocks &&other) noexcept
        : m_blocks(std::move(other.m_blocks))
        , m_sparse(std::move(other.m_sparse))
        , m_size(std::exchange(other.m_size, 0))
    {
        other.m_blocks.clear();
        other.m_sparse.clear();
    }
    SharedBlocks &operator=(SharedBlocks &&other) noexcept
    {
        m_blocks = std::move(other.m_blocks);
        m_sparse = std::move(other.m_sparse);
        other.m_blocks.clear();
        other.m_sparse.clear();
        m_size = std::exchange(other.m_size, 0);
        return *this;
    }

    int size() const { return m_size; }
    // Grows to `size` values, the new ones `fill`. Never shrinks. A column with sparse
    // blocks (whose fill is T(): compact(), build() and the like leave T() past size()) grows
    // by empty sparse blocks: a new lead costs nothing until it has a value.
    void resize(int size, T fill)
    {
        Q_ASSERT(m_sparse.empty() || fill == T());
        while (qint64(m_blocks.size()) * BlockSize < qint64(size)) {
            if (!m_sparse.empty()) {
                appendSparse(std::make_shared<Sparse>());
                continue;
            }
            std::shared_ptr<Block> block = newBlock();
            std::fill_n(block->values, BlockSize, fill);
            appendDense(std::move(block));
        }
        m_size = std::max(m_size, size);
    }

    T operator[](int i) const
    {
        if (const Block *block = m_blocks[size_t(i >> Shift)].get()) [[likely]]
            return block->values[i & Mask];
        return sparseValue(size_t(i >> Shift), quint16(i & Mask));
    }
    // The value to write, in a block of this column's own.
    T &write(int i)
    {
        const auto b = size_t(i >> Shift);
        if (m_blocks[b]) [[likely]]
            return own(b)[i & Mask];
        return writeSparse(b, quint16(i & Mask));
    }

    // Calls visit(first, values, n) for the blocks holding values 0 .. size - 1: values[0] is
    // value `first`, n of them (a sparse block's values laid out for the visit).
    template <typename Visit> void forEachBlock(int size, Visit visit) const
    {
        std::vector<T> laidOut;
        for (int first = 0; first < size; first += BlockSize) {
            if (!isDense(first) && laidOut.empty())
                laidOut.resize(BlockSize);
            visit(first, readBlock(first, laidOut.data()), std::min(BlockSize, size - first));
        }
    }
    // The values of the block value `first` begins (a multiple of BlockSize), for a visit of
    // two columns: the block itself when dense, else laid out in `room` (BlockSize values).
    const T *readBlock(int first, T *room) const
    {
        const auto b = size_t(first >> Shift);
        if (const Block *block = m_blocks[b].get()) [[likely]]
            return block->values;
        const Sparse &sparse = *m_sparse[b];
        const Offsets &offsets = *sparse.offsets;
        std::fill_n(room, BlockSize, T());
        for (size_t k = 0; k < offsets.size(); ++k)
            room[offsets[k]] = sparse.values[k];
        return room;
    }
    // The same for a column known to be dense (never compacted).
    const T *blockOf(int first) const
    {
        Q_ASSERT(isDense(first));
        return m_blocks[size_t(first >> Shift)]->values;
    }
    bool isDense(int first) const { return m_blocks[size_t(first >> Shift)] != nullptr; }
    // The same, to write: every block visited becomes this column's own, and dense.
    template <typename Visit> void forEachBlockToWrite(int size, Visit visit)
    {
        for (int first = 0; first < size; first += BlockSize) {
            const auto b = size_t(first >> Shift);
            if (!m_blocks[b])
                makeDense(b);
            visit(first, own(b), std::min(BlockSize, size - first));
        }
    }
    // Calls change(value) on every value that may differ from T(), to write it in place:
    // `change` must keep T() as it is (scaling, say). Sparse blocks stay sparse.
    template <typename Change> void changeEachValue(Change change)
    {
        for (size_t b = 0; b < m_blocks.size(); ++b) {
            if (m_blocks[b]) {
                T *values = own(b);
                std::for_each(values, values + BlockSize, change);
            } else {
                Sparse &sparse = ownSparse(b);
                std::for_each(sparse.values.begin(), sparse.values.end(), change);
            }
        }
    }

    // Keeps sparse each block whose values are mostly T() (every value of the block counted,
    // those past size() too: for a column whose fill is T()).
    void compact()
    {
        for (size_t b = 0; b < m_blocks.size(); ++b) {
            if (!m_blocks[b])
                continue;
            if (const size_t held = heldIn(m_blocks[b]->values); held <= MostCompacted) {
                m_sparse.resize(m_blocks.size());
                m_sparse[b] = sparseOf(m_blocks[b]->values, held);
                m_blocks[b].reset();
            }
        }
    }
    // Replaces the column with as many values T() as `pattern` holds, with room for values
    // where the pattern's are not U(): a block sparse, holding those offsets, where they are
    // few enough (compact()), else dense. Sums to come of what a count column counted need
    // no room where the counts are 0, and are never set aside dense to be compacted after.
    template <typename U> void startShapedLike(const SharedBlocks<U> &pattern)
    {
        SharedBlocks shaped; // taken on whole, or not at all should memory run out
        shaped.startShapedLikeInto(pattern);
        *this = std::move(shaped);
    }
    // Where a sparse block holds its values at the same offsets as `pattern`'s block, both
    // hold one copy of the offsets: a type's sums built or read beside its counts.
    template <typename U> void shareOffsetsWith(const SharedBlocks<U> &pattern)
    {
        const size_t blocks = std::min(m_blocks.size(), pattern.m_blocks.size());
        for (size_t b = 0; b < blocks && !m_sparse.empty() && !pattern.m_sparse.empty(); ++b) {
            if (m_blocks[b] || pattern.m_blocks[b])
                continue;
            std::shared_ptr<Sparse> &sparse = m_sparse[b];
            const std::shared_ptr<Offsets> &theirs = pattern.m_sparse[b]->offsets;
            // Only a block no copy reads: another thread may be reading a shared one.
            if (sparse.use_count() == 1 && sparse->offsets != theirs && *sparse->offsets == *theirs)
                sparse->offsets = theirs;
        }
    }
    // Replaces the column with `size` values, their fill T(): fill(first, values, n) writes
    // values first .. first + n - 1 into `values`, which start T(). A block mostly T() is
    // kept sparse from the start, so a dense one is never set aside for it.
    template <typename Fill> void build(int size, Fill fill)
    {
        SharedBlocks built;
        built.buildInto(size, fill);
        *this = std::move(built);
    }

private:
    template <typename U> void startShapedLikeInto(const SharedBlocks<U> &pattern)
    {
        m_size = pattern.m_size;
        for (size_t b = 0; b < pattern.m_blocks.size(); ++b) {
            const auto *dense = pattern.m_blocks[b].get();
            const size_t held = dense ? SharedBlocks<U>::heldIn(dense->values) : 0;
            if (held > MostCompacted) {
                std::shared_ptr<Block> block = newBlock();
                std::fill_n(block->values, BlockSize, T());
                appendDense(std::move(block));
                continue;
            }
            auto sparse = std::make_shared<Sparse>();
            if (dense) {
                sparse->offsets->reserve(held);
                for (int k = 0; k < BlockSize; ++k) {
                    if (dense->values[k] != U())
                        sparse->offsets->push_back(quint16(k));
                }
            } else {
                // The pattern's own offsets, shared until either inserts a value: a type's
                // sums hold values exactly where its counts do.
                sparse->offsets = pattern.m_sparse[b]->offsets;
            }
            sparse->values.assign(sparse->offsets->size(), T());
            appendSparse(std::move(sparse));
        }
    }
    template <typename Fill> void buildInto(int size, Fill fill)
    {
        m_size = size;
        std::vector<T> values(BlockSize);
        for (int first = 0; first < size; first += BlockSize) {
            std::fill(values.begin(), values.end(), T());
            fill(first, values.data(), std::min(BlockSize, size - first));
            if (const size_t held = heldIn(values.data()); held <= MostCompacted) {
                appendSparse(sparseOf(values.data(), held));
            } else {
                std::shared_ptr<Block> block = newBlock();
                std::copy(values.begin(), values.end(), block->values);
                appendDense(std::move(block));
            }
        }
    }

public:
    // Writes values 0 .. size - 1, each through `map`, as StateWriter::array() writes a vector.
    template <typename Map = std::identity>
    void save(StateWriter &out, int size, Map map = {}) const
    {
        out.value(quint64(size));
        std::vector<T> buffer(BlockSize);
        forEachBlock(size, [&](int, const T *values, int n) {
            std::transform(values, values + n, buffer.begin(), map);
            out.values(buffer.data(), size_t(n));
        });
    }
    // Reads what save() wrote for `size` values into a column with room for them; throws
    // Error when the file holds another count.
    void restore(StateReader &in, int size)
    {
        if (in.value<quint64>() != quint64(size))
            in.refuse(QStringLiteral("damaged (a column's length)"));
        forEachBlockToWrite(size, [&](int, T *values, int n) { in.values(values, size_t(n)); });
    }
    // Writes values 0 .. size - 1, each through `map` (which keeps T() as it is), for a
    // column whose fill is T(): a block mostly T() as its other values and their offsets
    // (a rare activity type's sums take a fraction of their dense size in a start state),
    // any other in full.
    template <typename Map = std::identity>
    void saveCompact(StateWriter &out, int size, Map map = {}) const
    {
        out.value(quint64(size));
        std::vector<quint16> offsets;
        std::vector<T> held;
        std::vector<T> buffer(BlockSize);
        forEachBlock(size, [&](int, const T *values, int n) {
            offsets.clear();
            held.clear();
            for (int k = 0; k < n; ++k) {
                if (values[k] != T()) {
                    offsets.push_back(quint16(k));
                    held.push_back(map(values[k]));
                }
            }
            if (int(held.size()) > MostCompacted) {
                out.value(DenseInFile);
                std::transform(values, values + n, buffer.begin(), map);
                out.values(buffer.data(), size_t(n));
                return;
            }
            out.value(quint16(held.size()));
            out.values(offsets.data(), offsets.size());
            out.values(held.data(), held.size());
        });
    }
    // Reads what saveCompact() wrote for `size` values into a column built afresh, each
    // block in the form it was saved in. Throws Error when the file holds another count, or
    // a sparse block's offsets out of their block or out of order.
    void restoreCompact(StateReader &in, int size)
    {
        if (in.value<quint64>() != quint64(size))
            in.refuse(QStringLiteral("damaged (a column's length)"));
        SharedBlocks read; // this column is left as it was when the file is refused
        read.restoreCompactInto(in, size);
        *this = std::move(read);
    }

private:
    void restoreCompactInto(StateReader &in, int size)
    {
        m_size = size;
        for (int first = 0; first < size; first += BlockSize) {
            const int n = std::min(BlockSize, size - first);
            const auto count = in.value<quint16>();
            if (count == DenseInFile) {
                std::shared_ptr<Block> block = newBlock();
                in.values(block->values, size_t(n));
                std::fill(block->values + n, block->values + BlockSize, T());
                appendDense(std::move(block));
                continue;
            }
            if (count > std::min(n, MostCompacted)) // more than saveCompact() writes
                in.refuse(QStringLiteral("damaged (a sparse block's size)"));
            auto sparse = std::make_shared<Sparse>();
            Offsets &offsets = *sparse->offsets;
            offsets.resize(count);
            sparse->values.resize(count);
            in.values(offsets.data(), offsets.size());
            in.values(sparse->values.data(), sparse->values.size());
            for (size_t k = 0; k < offsets.size(); ++k) {
                const quint16 offset = offsets[k];
                if (offset >= n || (k > 0 && offset <= offsets[k - 1]))
                    in.refuse(QStringLiteral("damaged (a sparse block's offsets)"));
            }
            appendSparse(std::move(sparse));
        }
    }

public:
    // Reads what save() wrote, as many values as the file holds (refused beyond `limit`).
    void restoreAll(StateReader &in, size_t limit)
    {
        const auto size =
            int(in.count(std::min<size_t>(limit, std::numeric_limits<int>::max()), sizeof(T)));
        *this = {};
        resize(size, T());
        forEachBlockToWrite(size, [&](int, T *values, int n) { in.values(values, size_t(n)); });
    }
    // Whether every one of values 0 .. size - 1 passes `test`.
    template <typename Test> bool allOf(int size, Test test) const
    {
        bool all = true;
        forEachBlock(size, [&](int, const T *values, int n) {
            all = all && std::all_of(values, values + n, test);
        });
        return all;
    }

    // Counting a block shared with copies in full; a sparse block's offsets only when
    // `beside` (a column shaped alike: shareOffsetsWith()) does not hold the same ones.
    template <typename U = T> size_t memoryBytes(const SharedBlocks<U> *beside = nullptr) const
    {
        size_t bytes = 0;
        for (size_t b = 0; b < m_blocks.size(); ++b)
            bytes += m_blocks[b] ? sizeof(Block) : sparseBytes(b, beside);
        return bytes;
    }
    // What this column holds in the same blocks as `other` (a copy of it, or its original),
    // counted as memoryBytes() counts it.
    template <typename U = T>
    size_t bytesSharedWith(const SharedBlocks &other, const SharedBlocks<U> *beside = nullptr) const
    {
        size_t shared = 0;
        for (size_t b = 0; b < std::min(m_blocks.size(), other.m_blocks.size()); ++b) {
            if (m_blocks[b])
                shared += m_blocks[b] == other.m_blocks[b] ? sizeof(Block) : 0;
            else if (!other.m_sparse.empty() && m_sparse[b] == other.m_sparse[b])
                shared += sparseBytes(b, beside);
        }
        return shared;
    }

private:
    template <typename> friend class SharedBlocks;
    static constexpr int Mask = BlockSize - 1;
    struct Block
    {
        T values[BlockSize];
    };
    using Offsets = std::vector<quint16>; // ascending, in a block
    // The values of a block other than T(), by offset in the block. The offsets may be
    // shared, with copies of the block and with a column shaped like this one
    // (startShapedLike()): only a block that holds them alone inserts into them.
    struct Sparse
    {
        std::shared_ptr<Offsets> offsets = std::make_shared<Offsets>();
        std::vector<T> values;

        size_t memoryBytes() const
        {
            return sizeof(Sparse) + offsets->capacity() * sizeof(quint16) +
                   values.capacity() * sizeof(T);
        }
    };
    // From this many values on a sparse block takes as much room as a dense one, and becomes
    // dense; a block is made sparse with at most three quarters as many, so that one does
    // not go to and fro.
    static constexpr int SparseMost = int(sizeof(Block) / (sizeof(quint16) + sizeof(T)));
    static constexpr int MostCompacted = SparseMost * 3 / 4;
    // In a file, in place of a sparse block's size: its values follow in full.
    static constexpr quint16 DenseInFile = std::numeric_limits<quint16>::max();
    static_assert(BlockSize < DenseInFile);
    static_assert(BlockSize - 1 <= std::numeric_limits<quint16>::max());

    // How many of a block's BlockSize values are not T().
    static size_t heldIn(const T *values)
    {
        return size_t(std::count_if(values, values + BlockSize, [](T v) { return v != T(); }));
    }
    // The sparse form of a block's BlockSize values, `held` of them not T().
    static std::shared_ptr<Sparse> sparseOf(const T *values, size_t held)
    {
        auto sparse = std::make_shared<Sparse>();
        // Every value written, each the next one's place unless it is T(): no branch to
        // mispredict on a block of scattered values (a new half-life's sums are taken on the
        // GUI thread). One more place, for the last value written.
        Offsets &offsets = *sparse->offsets;
        offsets.resize(held + 1);
        sparse->values.resize(held + 1);
        size_t next = 0;
        for (int k = 0; k < BlockSize; ++k) {
            offsets[next] = quint16(k);
            sparse->values[next] = values[k];
            next += values[k] != T() ? 1 : 0;
        }
        offsets.resize(held);
        sparse->values.resize(held);
        return sparse;
    }
    // Sparse block b's bytes, its offsets left out when `beside` holds the same ones.
    template <typename U> size_t sparseBytes(size_t b, const SharedBlocks<U> *beside) const
    {
        const Sparse &sparse = *m_sparse[b];
        const bool offsetsBeside = beside && b < beside->m_blocks.size() && !beside->m_blocks[b] &&
                                   beside->m_sparse[b]->offsets == sparse.offsets;
        return sparse.memoryBytes() -
               (offsetsBeside ? sparse.offsets->capacity() * sizeof(quint16) : 0);
    }
    // A block at the end, in either form; m_sparse stays empty until a block is sparse.
    void appendDense(std::shared_ptr<Block> block)
    {
        m_blocks.push_back(std::move(block));
        if (!m_sparse.empty())
            m_sparse.emplace_back();
    }
    void appendSparse(std::shared_ptr<Sparse> sparse)
    {
        m_blocks.emplace_back();
        m_sparse.resize(m_blocks.size());
        m_sparse.back() = std::move(sparse);
    }
    void makeDense(size_t b)
    {
        std::shared_ptr<Block> block = newBlock();
        readBlock(int(b) << Shift, block->values);
        m_blocks[b] = std::move(block);
        m_sparse[b].reset();
    }
    T sparseValue(size_t b, quint16 offset) const
    {
        const Sparse &sparse = *m_sparse[b];
        const Offsets &offsets = *sparse.offsets;
        const auto at = std::lower_bound(offsets.begin(), offsets.end(), offset);
        return at != offsets.end() && *at == offset ? sparse.values[size_t(at - offsets.begin())]
                                                    : T();
    }
    T &writeSparse(size_t b, quint16 offset)
    {
        Sparse &sparse = ownSparse(b);
        const Offsets &offsets = *sparse.offsets;
        const auto at = std::lower_bound(offsets.begin(), offsets.end(), offset);
        const auto k = at - offsets.begin();
        if (at != offsets.end() && *at == offset)
            return sparse.values[size_t(k)];
        if (int(offsets.size()) >= SparseMost) {
            makeDense(b);
            return m_blocks[b]->values[offset];
        }
        // Grown by a quarter, not doubled (a block made sparse holds just its values, and a
        // doubled one could take more than a dense block); both reserved before either
        // takes the value, so a failed allocation leaves them alike.
        size_t room = offsets.capacity();
        if (offsets.size() == room)
            room = std::min<size_t>(SparseMost, offsets.size() * 5 / 4 + 16);
        if (sparse.offsets.use_count() != 1) { // another block's too: this one's own copy
            auto own = std::make_shared<Offsets>();
            own->reserve(room);
            own->assign(offsets.begin(), offsets.end());
            sparse.values.reserve(room);
            sparse.offsets = std::move(own);
        } else { // as own()
            std::atomic_thread_fence(std::memory_order_acquire);
            sparse.offsets->reserve(room);
            sparse.values.reserve(room);
        }
        sparse.offsets->insert(sparse.offsets->begin() + k, offset);
        return *sparse.values.insert(sparse.values.begin() + k, T());
    }
    Sparse &ownSparse(size_t b)
    {
        std::shared_ptr<Sparse> &sparse = m_sparse[b];
        if (sparse.use_count() != 1)
            sparse = std::make_shared<Sparse>(*sparse);
        else // as own()
            std::atomic_thread_fence(std::memory_order_acquire);
        return *sparse;
    }

    static_assert(std::has_single_bit(sizeof(Block)) && sizeof(Block) <= blockpool::SlabBytes);

    // Uninitialised. From the pool (huge pages) unless an address sanitizer checks each block
    // on its own.
    static std::shared_ptr<Block> newBlock()
    {
#if defined(__SANITIZE_ADDRESS__) || HANDOFF_HAS_ADDRESS_SANITIZER
        return std::make_shared_for_overwrite<Block>();
#else
        // (Should the shared count fail to allocate, the deleter gives the block back.)
        return std::shared_ptr<Block>(::new (blockpool::take(sizeof(Block))) Block,
                                      [](Block *b) { blockpool::give(b, sizeof(Block)); });
#endif
    }
    static std::shared_ptr<Block> copied(const Block &from)
    {
        std::shared_ptr<Block> block = newBlock();
        std::copy_n(from.values, BlockSize, block->values);
        return block;
    }

    T *own(size_t b)
    {
        std::shared_ptr<Block> &block = m_blocks[b];
        if (block.use_count() != 1)
            block = copied(*block);
        else // a copy that let go of it on another thread read it before we write
            std::atomic_thread_fence(std::memory_order_acquire);
        return block->values;
    }

    std::vector<std::shared_ptr<Block>> m_blocks;  // null where the block is sparse
    std::vector<std::shared_ptr<Sparse>> m_sparse; // empty while no block is sparse
    int m_size = 0;
};

} // namespace handoff
