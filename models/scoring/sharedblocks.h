#pragma once

// A column of values kept in fixed blocks that copies share until one of them writes to a
// block. Copying a million leads' column costs a pointer per block, and an owner that goes on
// writing (a console counting new activities while the tuning workspace holds its copy)
// copies only the blocks it writes to. A copy may be read on another thread while the
// original writes: a block is written in place only once no copy holds it.

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
        , m_size(std::exchange(other.m_size, 0))
    {
        other.m_blocks.clear();
    }
    SharedBlocks &operator=(SharedBlocks &&other) noexcept
    {
        m_blocks = std::move(other.m_blocks);
        other.m_blocks.clear();
        m_size = std::exchange(other.m_size, 0);
        return *this;
    }

    int size() const { return m_size; }
    // Grows to `size` values, the new ones `fill`. Never shrinks.
    void resize(int size, T fill)
    {
        while (qint64(m_blocks.size()) * BlockSize < qint64(size)) {
            std::shared_ptr<Block> block = newBlock();
            std::fill_n(block->values, BlockSize, fill);
            m_blocks.push_back(std::move(block));
        }
        m_size = std::max(m_size, size);
    }

    T operator[](int i) const { return m_blocks[size_t(i >> Shift)]->values[i & Mask]; }
    // The value to write, in a block of this column's own.
    T &write(int i) { return own(size_t(i >> Shift))[i & Mask]; }

    // Calls visit(first, values, n) for the blocks holding values 0 .. size - 1: values[0] is
    // value `first`, n of them.
    template <typename Visit> void forEachBlock(int size, Visit visit) const
    {
        for (int first = 0; first < size; first += BlockSize)
            visit(first, blockOf(first), std::min(BlockSize, size - first));
    }
    // The block value `first` begins (a multiple of BlockSize), for a visit of two columns.
    const T *blockOf(int first) const { return m_blocks[size_t(first >> Shift)]->values; }
    // The same, to write: every block visited becomes this column's own.
    template <typename Visit> void forEachBlockToWrite(int size, Visit visit)
    {
        for (int first = 0; first < size; first += BlockSize)
            visit(first, own(size_t(first >> Shift)), std::min(BlockSize, size - first));
    }

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

    // Counting a block shared with copies in full.
    size_t memoryBytes() const { return m_blocks.size() * sizeof(Block); }
    // What this column holds in the same blocks as `other` (a copy of it, or its original).
    size_t bytesSharedWith(const SharedBlocks &other) const
    {
        size_t shared = 0;
        for (size_t b = 0; b < std::min(m_blocks.size(), other.m_blocks.size()); ++b)
            shared += m_blocks[b] == other.m_blocks[b] ? sizeof(Block) : 0;
        return shared;
    }

private:
    static constexpr int Mask = BlockSize - 1;
    struct Block
    {
        T values[BlockSize];
    };

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

    std::vector<std::shared_ptr<Block>> m_blocks;
    int m_size = 0;
};

} // namespace handoff
