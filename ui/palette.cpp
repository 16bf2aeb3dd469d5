#include "ui/palette.h"

namespace handoff::palette {

QColor sla(SlaState state)
{
    switch (state) {
    case SlaState::OnTime:
        return QColor(0x2e, 0x7d, 0x32);
    case SlaState::DueSoon:
        return QColor(0xb2, 0x6a, 0x00);
    case SlaState::Late:
        break;
    case SlaState::Batch:
        return QColor(0x5f, 0x63, 0x68);
    }
    return QColor(0xc6, 0x28, 0x28);
}

QColor weightChange(WeightChange change)
{
    switch (change) {
    case WeightChange::Raised:
        return QColor(0x1b7f3a);
    case WeightChange::Lowered:
        return QColor(0xb3261e);
    case WeightChange::Unchanged:
        break;
    }
    return {};
}

QColor negative()
{
    return sla(SlaState::Late);
}

QColor threshold()
{
    return QColor(0xd8, 0x1b, 0x60);
}

QColor live()
{
    return QColor(0x80, 0x80, 0x80);
}

QColor draft()
{
    return QColor(0x1f, 0x6f, 0xd1);
}

} // namespace handoff::palette
