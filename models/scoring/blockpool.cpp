#include "scoring/blockpool.h"

#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <memory>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

namespace handoff::blockpool {
namespace {

constexpr int SmallestShift = 12; // 4 KiB
constexpr int LargestShift = std::countr_zero(SlabBytes);

struct Slab
{
    char *base = nullptr;
    std::vector<std::uint16_t> free; // indices of the blocks not in use
};

struct SizeClass
{
    std::vector<Slab *> withRoom; // slabs with a free block, the one to take from last
    Slab *spare = nullptr;        // a slab all free, kept for the next block
};

class Pool
{
public:
    void *take(size_t bytes)
    {
        const std::lock_guard lock(m_mutex);
        SizeClass &size = classOf(bytes);
        if (size.withRoom.empty())
            newSlab(bytes, size);
        Slab *slab = size.withRoom.back();
        const std::uint16_t index = slab->free.back();
        slab->free.pop_back();
        if (slab->free.empty())
            size.withRoom.pop_back();
        if (size.spare == slab)
            size.spare = nullptr;
        m_taken += bytes;
        return slab->base + size_t(index) * bytes;
    }

    void give(void *block, size_t bytes) noexcept
    {
        const std::lock_guard lock(m_mutex);
        SizeClass &size = classOf(bytes);
        const auto at = reinterpret_cast<std::uintptr_t>(block);
        const auto found = m_slabs.find(at & ~std::uintptr_t(SlabBytes - 1));
        if (found == m_slabs.end())
            std::abort(); // not from this pool: a heap already corrupt
        Slab *slab = found->second.get();
        m_taken -= bytes;
        if (slab->free.empty())
            size.withRoom.push_back(slab);
        slab->free.push_back(
            std::uint16_t((at - reinterpret_cast<std::uintptr_t>(slab->base)) / bytes));
        if (slab->free.size() < SlabBytes / bytes)
            return;
        if (!size.spare) {
            size.spare = slab;
            return;
        }
        std::erase(size.withRoom, slab);
        munmap(slab->base, SlabBytes);
        m_slabs.erase(found);
    }

    size_t slabCount()
    {
        const std::lock_guard lock(m_mutex);
        return m_slabs.size();
    }

    size_t bytesTaken()
    {
        const std::lock_guard lock(m_mutex);
        return m_taken;
    }

private:
    SizeClass &classOf(size_t bytes)
    {
        const int shift = std::countr_zero(bytes);
        if (!std::has_single_bit(bytes) || shift < SmallestShift || shift > LargestShift)
            std::abort(); // a caller's mistake, not something to go on from
        return m_classes[size_t(shift - SmallestShift)];
    }

    // Makes a slab with every block free, on `size`'s list of slabs with room.
    Slab *newSlab(size_t bytes, SizeClass &size)
    {
        // Whatever allocates is done first: give() never allocates (it is noexcept), and a
        // mapping is never left behind by a throw.
        auto slab = std::make_unique<Slab>();
        const auto blocks = std::uint16_t(SlabBytes / bytes);
        slab->free.reserve(blocks);
        size.withRoom.reserve(m_slabs.size() + 1);
        m_slabs.reserve(m_slabs.size() + 1);
        // Twice the size, then the ends trimmed: a slab aligned to 2 MiB can be one huge page.
        void *mapped = mmap(nullptr, 2 * SlabBytes, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapped == MAP_FAILED)
            throw std::bad_alloc();
        char *start = static_cast<char *>(mapped);
        const auto offset = reinterpret_cast<std::uintptr_t>(start) & (SlabBytes - 1);
        char *base = offset == 0 ? start : start + (SlabBytes - offset);
        if (base > start)
            munmap(start, size_t(base - start));
        if (char *end = start + 2 * SlabBytes; end > base + SlabBytes)
            munmap(base + SlabBytes, size_t(end - (base + SlabBytes)));
        madvise(base, SlabBytes, MADV_HUGEPAGE); // advice: without it, 4 KiB pages as before
        slab->base = base;
        for (std::uint16_t i = blocks; i > 0; --i) // taken from the back: the first block first
            slab->free.push_back(std::uint16_t(i - 1));
        Slab *made = slab.get();
        try {
            m_slabs.emplace(reinterpret_cast<std::uintptr_t>(base), std::move(slab));
        } catch (...) {
            munmap(base, SlabBytes);
            throw;
        }
        size.withRoom.push_back(made);
        return made;
    }

    std::mutex m_mutex;
    std::array<SizeClass, LargestShift - SmallestShift + 1> m_classes;
    std::unordered_map<std::uintptr_t, std::unique_ptr<Slab>> m_slabs;
    size_t m_taken = 0;
};

Pool &pool()
{
    static Pool *const instance = new Pool; // never destroyed: blocks may outlive main()
    return *instance;
}

} // namespace

void *take(size_t bytes)
{
    return pool().take(bytes);
}

void give(void *block, size_t bytes) noexcept
{
    pool().give(block, bytes);
}

size_t slabCount()
{
    return pool().slabCount();
}

size_t bytesTaken()
{
    return pool().bytesTaken();
}

} // namespace handoff::blockpool
