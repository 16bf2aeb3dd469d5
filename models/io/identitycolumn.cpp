#include "io/identitycolumn.h"

#include <QHash>
#include <QSet>

#include "scoring/valueparsers.h"

namespace handoff {

namespace identity {

namespace {

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isUuid(QStringView v)
{
    if (v.size() != 36)
        return false;
    for (qsizetype i = 0; i < v.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? v[i] != u'-' : !isHex(v[i]))
            return false;
    }
    return true;
}

// "Prospect ID", "prospect_id", "ProspectId", "LeadNumber" -> lower-case words.
QStringList words(const QString &label)
{
    QStringList out;
    QString word;
    const auto flush = [&] {
        if (!word.isEmpty())
            out.append(word.toLower());
        word.clear();
    };
    for (qsizetype i = 0; i < label.size(); ++i) {
        const QChar c = label[i];
        if (!c.isLetterOrNumber()) {
            flush();
            continue;
        }
        // A capital after a small letter starts a word ("leadId"), and so does the last
        // capital of a run followed by a small letter ("IDNumber").
        if (c.isUpper() && !word.isEmpty() &&
            (word.back().isLower() ||
             (i + 1 < label.size() && label[i + 1].isLower() && word.back().isUpper())))
            flush();
        word.append(c);
    }
    flush();
    return out;
}

// Names that end like an id but are not the lead's own: shared by many leads, or contact
// details that only happen to be unique.
const QSet<QString> &notTheLeads()
{
    static const QSet<QString> words = {
        QStringLiteral("phone"),        QStringLiteral("telephone"), QStringLiteral("tel"),
        QStringLiteral("fax"),          QStringLiteral("mobile"),    QStringLiteral("zip"),
        QStringLiteral("postal"),       QStringLiteral("postcode"),  QStringLiteral("owner"),
        QStringLiteral("account"),      QStringLiteral("company"),   QStringLiteral("organization"),
        QStringLiteral("organisation"), QStringLiteral("campaign"),  QStringLiteral("parent"),
        QStringLiteral("user"),         QStringLiteral("creator"),   QStringLiteral("page"),
        QStringLiteral("landing"),      QStringLiteral("product"),   QStringLiteral("order"),
        QStringLiteral("invoice"),      QStringLiteral("tax"),       QStringLiteral("vat"),
        QStringLiteral("session"),      QStringLiteral("seller"),    QStringLiteral("sdr"),
        QStringLiteral("sr"),           QStringLiteral("rep"),       QStringLiteral("form"),
        QStringLiteral("email"),        QStringLiteral("list"),      QStringLiteral("segment"),
        QStringLiteral("opportunity"),  QStringLiteral("deal"),      QStringLiteral("employees"),
        QStringLiteral("visits"),       QStringLiteral("views"),     QStringLiteral("score"),
    };
    return words;
}

const QSet<QString> &leadWords()
{
    static const QSet<QString> words = {
        QStringLiteral("lead"),     QStringLiteral("prospect"),   QStringLiteral("contact"),
        QStringLiteral("person"),   QStringLiteral("mql"),        QStringLiteral("record"),
        QStringLiteral("customer"), QStringLiteral("subscriber"), QStringLiteral("member"),
        QStringLiteral("visitor"),  QStringLiteral("client"),
    };
    return words;
}

// How strongly a column's name says "the lead's id": 0 when it does not.
int nameScore(const QString &label)
{
    // Salesforce names custom fields with "__c": "External_Id__c" is named "External Id".
    const QString name =
        label.endsWith(QLatin1String("__c"), Qt::CaseInsensitive) ? label.chopped(3) : label;
    const QStringList w = words(name);
    if (w.isEmpty())
        return 0;
    for (const QString &word : w) {
        if (notTheLeads().contains(word))
            return -1;
    }
    const QString &last = w.last();
    int score = 0;
    if (last == u"id" || last == u"key" || last == u"uuid" || last == u"guid")
        score = 4;
    else if (last == u"number" || last == u"no" || last == u"nr" || last == u"num")
        score = 3;
    else
        return 0;
    for (const QString &word : w) {
        if (leadWords().contains(word))
            return score + 2;
    }
    return score;
}

int shapeScore(Shape shape)
{
    switch (shape) {
    case Shape::Uuid:
    case Shape::CrmId:
        return 3;
    case Shape::Hash:
        return 2;
    case Shape::Number:
    case Shape::Code:
        return 1;
    case Shape::None:
        break;
    }
    return 0;
}

} // namespace

Shape shapeOf(QStringView v)
{
    if (v.isEmpty() || v.size() > 64)
        return Shape::None;
    if (isUuid(v))
        return Shape::Uuid;
    bool digits = true, hex = true, alnum = true, code = true, anyDigit = false;
    for (const QChar c : v) {
        const bool digit = isAsciiDigit(c);
        anyDigit |= digit;
        digits &= digit;
        hex &= isHex(c);
        alnum &= digit || isAsciiLetter(c);
        code &= digit || isAsciiLetter(c) || c == u'-' || c == u'_' || c == u'.' || c == u':';
    }
    if (digits)
        return v.size() <= 20 ? Shape::Number : Shape::Code;
    if (hex && v.size() >= 16 && anyDigit)
        return Shape::Hash;
    if (alnum && anyDigit && (v.size() == 15 || v.size() == 18))
        return Shape::CrmId;
    if (code && anyDigit)
        return Shape::Code;
    return Shape::None;
}

Shape commonShape(const QStringList &values)
{
    QHash<Shape, int> counts;
    int filled = 0;
    for (const QString &v : values) {
        if (v.isEmpty())
            continue;
        ++filled;
        ++counts[shapeOf(v)];
    }
    if (filled == 0)
        return Shape::None;
    Shape best = Shape::None;
    int bestCount = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > bestCount) {
            best = it.key();
            bestCount = it.value();
        }
    }
    // A report's statistics row or two may break the pattern; more than that, no pattern.
    const int misfits = filled - bestCount;
    return misfits <= std::max(2, filled / 50) && bestCount > misfits ? best : Shape::None;
}

QString shapeName(Shape shape)
{
    switch (shape) {
    case Shape::Uuid:
        return Chooser::tr("UUIDs");
    case Shape::CrmId:
        return Chooser::tr("CRM record ids");
    case Shape::Hash:
        return Chooser::tr("hashed keys");
    case Shape::Number:
        return Chooser::tr("numbers");
    case Shape::Code:
        return Chooser::tr("codes");
    case Shape::None:
        break;
    }
    return Chooser::tr("values of no one shape");
}

std::optional<Choice> Chooser::choose(const QStringList &header, const QList<int> &candidates,
                                      const QList<QStringList> &sample)
{
    // Rows with almost nothing filled are blank lines or a report's footer, not leads.
    QList<const QStringList *> rows;
    for (const QStringList &fields : sample) {
        int filled = 0;
        for (const QString &f : fields)
            filled += valueparsers::isPlaceholder(f.trimmed()) ? 0 : 1;
        if (filled > 2 || filled == int(header.size()))
            rows.append(&fields);
    }
    if (rows.isEmpty())
        return std::nullopt;

    struct Candidate
    {
        int column;
        int score;
        Shape shape;
    };
    QList<Candidate> qualified;
    for (const int c : candidates) {
        const int named = nameScore(header.value(c));
        if (named < 0)
            continue;
        QStringList values;
        QSet<QString> seen;
        int empty = 0;
        bool unique = true;
        for (const QStringList *fields : std::as_const(rows)) {
            const QString v = fields->value(c).trimmed();
            if (valueparsers::isPlaceholder(v)) {
                ++empty;
                continue;
            }
            if (seen.contains(v)) {
                unique = false;
                break;
            }
            seen.insert(v);
            values.append(v);
        }
        if (!unique || values.isEmpty() || empty > int(rows.size()) / 50)
            continue;
        const Shape shape = commonShape(values);
        if (shape == Shape::None)
            continue;
        // Unique numbers or codes under a name that does not say "id" are counts, amounts
        // or references by chance; UUIDs and record ids are ids whatever the column's name.
        if (named == 0 && shape != Shape::Uuid && shape != Shape::CrmId && shape != Shape::Hash)
            continue;
        qualified.append({c, named * 2 + shapeScore(shape), shape});
    }
    if (qualified.isEmpty())
        return std::nullopt;
    std::stable_sort(qualified.begin(), qualified.end(),
                     [](const Candidate &a, const Candidate &b) { return a.score > b.score; });
    Choice choice;
    choice.column = qualified.first().column;
    choice.shape = qualified.first().shape;
    choice.reason = tr("%1: filled and unique in the %L2 rows read, %3")
                        .arg(header.value(choice.column))
                        .arg(rows.size())
                        .arg(shapeName(choice.shape));
    for (qsizetype i = 1; i < qualified.size(); ++i)
        choice.alsoUnique.append(header.value(qualified[i].column));
    return choice;
}

} // namespace identity

} // namespace handoff
