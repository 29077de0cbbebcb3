#include "shortcode/shortcodeparser.h"

#include "shortcode/wpcompat.h"

#include <QVarLengthArray>

#include <algorithm>
#include <utility>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace byline {

namespace {

bool isWordChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_';
}

bool isAsciiSpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == ' ' || u == '\t' || u == '\n' || u == '\r' || u == 0x0B || u == '\f';
}

// The characters that end a tag name in do_shortcode()'s quick "which tags are present" scan.
bool endsPrecheckName(QChar c)
{
    const char16_t u = c.unicode();
    return u <= 0x20 || u == '<' || u == '>' || u == '&' || u == '/' || u == '[' || u == ']'
        || u == '=';
}

bool startsWithCI(QStringView text, qsizetype at, QStringView what)
{
    return at + what.size() <= text.size()
        && text.mid(at, what.size()).compare(what, Qt::CaseInsensitive) == 0;
}

// Brackets inside <!-- … --> and <![CDATA[ … ]]> are hidden from shortcode matching by
// WordPress (do_shortcodes_in_html_tags); found lazily so bodies without candidates pay nothing.
class CommentIndex
{
public:
    explicit CommentIndex(QStringView text)
        : m_text(text)
    {
    }

    // Pass 1 over the whole body reports every "<!" it meets, in order.
    void addOpening(qsizetype lt) { m_openings.append(lt); }

    bool contains(qsizetype pos)
    {
        extendTo(pos);
        auto it = std::upper_bound(m_ranges.cbegin(), m_ranges.cend(), pos,
                                   [](qsizetype p, const TextRange &r) { return p < r.begin; });
        if (it == m_ranges.cbegin())
            return false;
        --it;
        return pos < it->end;
    }

private:
    void extendTo(qsizetype pos)
    {
        const qsizetype n = m_text.size();
        while (m_next < m_openings.size() && m_openings.at(m_next) <= pos) {
            const qsizetype lt = m_openings.at(m_next++);
            if (lt < m_coveredUntil)
                continue; // "<!" inside an earlier comment
            qsizetype end = -1;
            if (m_text.mid(lt).startsWith(u"<!--")) {
                const qsizetype close = m_text.indexOf(u"-->", lt + 4);
                end = close < 0 ? n : close + 3;
            } else if (m_text.mid(lt).startsWith(u"<![CDATA[")) {
                const qsizetype close = m_text.indexOf(u"]]>", lt + 9);
                end = close < 0 ? n : close + 3;
            } else {
                continue;
            }
            m_ranges.append({lt, end});
            m_coveredUntil = end;
        }
    }

    QStringView m_text;
    QList<qsizetype> m_openings;
    qsizetype m_next = 0;
    qsizetype m_coveredUntil = 0;
    QList<TextRange> m_ranges;
};

struct Candidate
{
    qsizetype pos; // the first '['
    int tag;
    bool escapedAttempt; // "[[" before the name
    int line;            // of pos, 0 when not counted (nested ranges)
    int column;
};

// Calls hit(position, char, line, lastNewline) for every '[' and '!' in data[begin, end), in
// order, with the 1-based line of the position and the offset of the newline before it (-1 on
// the first line). One SIMD sweep does the bracket scan, the comment scan and the line count;
// newlines are counted a block at a time and never reach the callback.
template<typename Hit>
void scanMarks(const char16_t *data, qsizetype begin, qsizetype end, Hit hit)
{
    qsizetype i = begin;
    int line = 1;
    qsizetype lastNewline = -1;
#ifdef __SSE2__
    const __m128i bracket = _mm_set1_epi16('[');
    const __m128i bang = _mm_set1_epi16('!');
    const __m128i newline = _mm_set1_epi16('\n');
    // 16 characters per step; packing both halves gives one mask bit per character.
    for (; i + 16 <= end; i += 16) {
        const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i));
        const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i + 8));
        const __m128i marksLo = _mm_or_si128(_mm_cmpeq_epi16(lo, bracket), _mm_cmpeq_epi16(lo, bang));
        const __m128i marksHi = _mm_or_si128(_mm_cmpeq_epi16(hi, bracket), _mm_cmpeq_epi16(hi, bang));
        unsigned mask = unsigned(_mm_movemask_epi8(_mm_packs_epi16(marksLo, marksHi)));
        const unsigned newlines = unsigned(_mm_movemask_epi8(
            _mm_packs_epi16(_mm_cmpeq_epi16(lo, newline), _mm_cmpeq_epi16(hi, newline))));
        while (mask) {
            const int bit = __builtin_ctz(mask);
            const unsigned before = newlines & ((1u << bit) - 1u);
            if (before)
                hit(i + bit, data[i + bit], line + __builtin_popcount(before),
                    i + 31 - __builtin_clz(before));
            else
                hit(i + bit, data[i + bit], line, lastNewline);
            mask &= mask - 1;
        }
        if (newlines) {
            line += __builtin_popcount(newlines);
            lastNewline = i + 31 - __builtin_clz(newlines);
        }
    }
#endif
    for (; i < end; ++i) {
        const char16_t c = data[i];
        if (c == u'\n') {
            ++line;
            lastNewline = i;
        } else if (c == u'[' || c == u'!') {
            hit(i, c, line, lastNewline);
        }
    }
}

class ParseRun
{
public:
    ParseRun(const QString &source, const ShortcodeParser::Options &options,
             ShortcodeDocument::Segment *, QList<ShortcodeNode> &nodes, QList<Caption> &captions,
             QList<ShortcodeDiagnostic> &diagnostics)
        : m_text(source)
        , m_options(options)
        , m_nodes(nodes)
        , m_captions(captions)
        , m_diagnostics(diagnostics)
        , m_comments(m_text)
    {
        for (const QString &t : options.registeredTags) {
            if (!t.isEmpty())
                m_firstChars.append(t.at(0));
        }
    }

    // Parses text[begin, end); returns the indices of the nodes found at this level, in order.
    QList<int> parseRange(qsizetype begin, qsizetype end, int parent, int depth);

private:
    int tagAt(qsizetype pos, qsizetype end) const;
    qsizetype findBracket(qsizetype from, qsizetype end);
    qsizetype findCloser(int tag, qsizetype from, qsizetype end);
    void analyseCaption(int nodeIndex, bool nestedInCaption, int line, int column);
    void diagnose(ShortcodeDiagnostic::Severity severity, const QString &message, qsizetype offset)
    {
        m_diagnostics.append({severity, message, offset, 1, 1});
    }
    bool isCaptionTag(int tag) const
    {
        const QString &t = m_options.registeredTags.at(tag);
        return t == u"caption" || t == u"wp_caption";
    }

    QStringView m_text;
    const ShortcodeParser::Options &m_options;
    QList<ShortcodeNode> &m_nodes;
    QList<Caption> &m_captions;
    QList<ShortcodeDiagnostic> &m_diagnostics;
    CommentIndex m_comments;
    QString m_firstChars;

    // Searches are cached per parseRange() so that many unclosed openers stay linear.
    qsizetype m_bracketFrom = -1;
    qsizetype m_bracketFound = -2;
    QVarLengthArray<std::pair<qsizetype, qsizetype>, 16> m_closerCache; // per tag: {from, found}
};

int ParseRun::tagAt(qsizetype pos, qsizetype end) const
{
    if (pos >= end || !m_firstChars.contains(m_text.at(pos)))
        return -1;
    const QStringList &tags = m_options.registeredTags;
    for (int t = 0; t < tags.size(); ++t) {
        const QString &name = tags.at(t);
        const qsizetype after = pos + name.size();
        if (after > end || m_text.mid(pos, name.size()) != name)
            continue;
        if (after < end && (isWordChar(m_text.at(after)) || m_text.at(after) == QLatin1Char('-')))
            continue;
        return t;
    }
    return -1;
}

qsizetype ParseRun::findBracket(qsizetype from, qsizetype end)
{
    if (m_bracketFound != -2 && from >= m_bracketFrom
        && (m_bracketFound < 0 || from <= m_bracketFound))
        return m_bracketFound;
    const QStringView view = m_text.first(end);
    qsizetype p = view.indexOf(u']', from);
    while (p >= 0 && m_comments.contains(p))
        p = view.indexOf(u']', p + 1);
    m_bracketFrom = from;
    m_bracketFound = p;
    return p;
}

qsizetype ParseRun::findCloser(int tag, qsizetype from, qsizetype end)
{
    auto &cache = m_closerCache[tag];
    if (cache.second != -2 && from >= cache.first && (cache.second < 0 || from <= cache.second))
        return cache.second;
    const QString &name = m_options.registeredTags.at(tag);
    const QStringView view = m_text.first(end);
    qsizetype p = view.indexOf(u'[', from);
    while (p >= 0) {
        const qsizetype nameAt = p + 2;
        if (p + 1 < end && m_text.at(p + 1) == QLatin1Char('/') && nameAt + name.size() < end
            && m_text.mid(nameAt, name.size()) == name
            && m_text.at(nameAt + name.size()) == QLatin1Char(']') && !m_comments.contains(p))
            break;
        p = view.indexOf(u'[', p + 1);
    }
    cache = {from, p};
    return p;
}

QList<int> ParseRun::parseRange(qsizetype begin, qsizetype end, int parent, int depth)
{
    const QStringList &tags = m_options.registeredTags;
    // Small inline buffers: a typical body has a handful of brackets and no heap traffic here.
    QVarLengthArray<Candidate, 16> candidates;
    QVarLengthArray<std::pair<qsizetype, int>, 8> closers;
    QVarLengthArray<qsizetype, 8> unknownOpeners;
    QVarLengthArray<bool, 16> present(tags.size(), false);
    const QStringView view = m_text.first(end);

    // Pass 1: every '[' once (plus '!' for comments and '\n' for line numbers). Which tags are "present" follows do_shortcode()'s pre-scan, which
    // decides whether WordPress even tries a tag in this text.
    const bool countLines = depth == 0 && begin == 0;
    const char16_t *data = reinterpret_cast<const char16_t *>(m_text.data());
    scanMarks(data, begin, end, [&](qsizetype p, char16_t mark, int line, qsizetype lastNewline) {
        if (mark == u'!') {
            if (countLines && p > 0 && data[p - 1] == u'<')
                m_comments.addOpening(p - 1);
            return;
        }
        const int candLine = countLines ? line : 0;
        const int candColumn = int(p - lastNewline);
        qsizetype q = p + 1;
        while (q < end && !endsPrecheckName(m_text.at(q)))
            ++q;
        const QStringView run = m_text.mid(p + 1, q - p - 1);
        if (!run.isEmpty()) {
            bool known = false;
            for (int t = 0; t < tags.size(); ++t) {
                if (run == tags.at(t)) {
                    present[t] = true;
                    known = true;
                } else if (run.compare(tags.at(t), Qt::CaseInsensitive) == 0 && depth == 0
                           && !m_comments.contains(p)) {
                    diagnose(ShortcodeDiagnostic::Severity::Info,
                             QStringLiteral("[%1] is not a shortcode to WordPress: tag names are "
                                            "case-sensitive (did you mean [%2]?)")
                                 .arg(run.toString(), tags.at(t)),
                             p);
                    known = true;
                }
            }
            if (!known && q < end && m_text.at(q) != QLatin1Char('=')) {
                const QChar first = run.at(0);
                if (first.unicode() < 128 && first.isLetter()) {
                    bool plain = true;
                    for (QChar c : run)
                        plain = plain && (isWordChar(c) || c == QLatin1Char('-'));
                    if (plain)
                        unknownOpeners.append(p);
                }
            }
        }
        int t = tagAt(p + 1, end);
        if (t >= 0) {
            candidates.append({p, t, false, candLine, candColumn});
        } else if (p + 1 < end && m_text.at(p + 1) == QLatin1Char('[')
                   && (t = tagAt(p + 2, end)) >= 0) {
            candidates.append({p, t, true, candLine, candColumn});
        } else if (p + 1 < end && m_text.at(p + 1) == QLatin1Char('/')
                   && (t = tagAt(p + 2, end)) >= 0) {
            const qsizetype after = p + 2 + tags.at(t).size();
            if (after < end && m_text.at(after) == QLatin1Char(']'))
                closers.append({p, t});
        }
    });

    m_bracketFound = -2;
    m_closerCache.resize(tags.size());
    std::fill(m_closerCache.begin(), m_closerCache.end(), std::make_pair(qsizetype(-1), qsizetype(-2)));

    // Pass 2: match candidates left to right as preg_replace_callback() would.
    QList<int> level;
    qsizetype cursor = begin;
    for (const Candidate &c : std::as_const(candidates)) {
        if (c.pos < cursor || !present[c.tag] || m_comments.contains(c.pos))
            continue;
        const QString &name = tags.at(c.tag);
        const qsizetype nameAt = c.pos + (c.escapedAttempt ? 2 : 1);
        const qsizetype attsBegin = nameAt + name.size();
        const qsizetype close = findBracket(attsBegin, end);
        if (close < 0) {
            if (!c.escapedAttempt && isCaptionTag(c.tag))
                diagnose(ShortcodeDiagnostic::Severity::Error,
                         QStringLiteral("[%1 is never closed with ']'; WordPress shows it as "
                                        "plain text")
                             .arg(name),
                         c.pos);
            continue;
        }
        ShortcodeNode node;
        node.tag = name;
        node.parent = parent;
        node.depth = depth;
        node.selfClosingSlash = close - 1 >= attsBegin && m_text.at(close - 1) == QLatin1Char('/');
        node.attributesRange = {attsBegin, node.selfClosingSlash ? close - 1 : close};
        qsizetype matchEnd = close + 1;
        if (!node.selfClosingSlash) {
            const qsizetype closer = findCloser(c.tag, close + 1, end);
            if (closer >= 0) {
                node.enclosing = true;
                node.contentRange = {close + 1, closer};
                matchEnd = closer + 3 + name.size();
            }
        }
        const bool trailingBracket = matchEnd < end && m_text.at(matchEnd) == QLatin1Char(']');
        const bool escaped = c.escapedAttempt && trailingBracket;
        node.range = {escaped || !c.escapedAttempt ? c.pos : c.pos + 1,
                      escaped ? matchEnd + 1 : matchEnd};
        node.kind = escaped                 ? ShortcodeNode::Kind::Escaped
            : isCaptionTag(c.tag) ? ShortcodeNode::Kind::Caption
                                  : ShortcodeNode::Kind::Other;
        bool malformed = false;
        node.attributes = wp::parseShortcodeAttributes(m_text, node.attributesRange, &malformed);
        cursor = trailingBracket ? matchEnd + 1 : matchEnd;

        const int index = int(m_nodes.size());
        // Only the node's plain fields are read below; its strings and lists move.
        const ShortcodeNode::Kind kind = node.kind;
        const bool enclosing = node.enclosing;
        const TextRange nodeRange = node.range;
        const TextRange contentRange = node.contentRange;
        m_nodes.append(std::move(node));
        level.append(index);

        bool nestedInCaption = false;
        for (int a = parent; a >= 0; a = m_nodes.at(a).parent)
            nestedInCaption = nestedInCaption || m_nodes.at(a).kind == ShortcodeNode::Kind::Caption;

        if (kind == ShortcodeNode::Kind::Caption) {
            if (malformed)
                diagnose(ShortcodeDiagnostic::Severity::Warning,
                         QStringLiteral("The attributes of this [%1] are malformed (unbalanced "
                                        "quotes?); WordPress may misread them")
                             .arg(name),
                         nodeRange.begin);
            analyseCaption(index, nestedInCaption, c.line,
                           c.column + int(nodeRange.begin - c.pos));
        }
        if (enclosing && kind != ShortcodeNode::Kind::Escaped
            && depth + 1 < m_options.maxDepth) {
            const auto saved = std::make_pair(m_bracketFrom, m_bracketFound);
            const auto savedClosers = m_closerCache;
            parseRange(contentRange.begin, contentRange.end, index, depth + 1);
            m_bracketFrom = saved.first;
            m_bracketFound = saved.second;
            m_closerCache = savedClosers;
        }
    }

    // A closer that no opener claimed is printed literally by WordPress.
    for (const auto &closer : std::as_const(closers)) {
        bool claimed = false;
        for (int i : std::as_const(level))
            claimed = claimed || m_nodes.at(i).range.contains(closer.first);
        if (!claimed && !m_comments.contains(closer.first))
            diagnose(ShortcodeDiagnostic::Severity::Warning,
                     QStringLiteral("[/%1] has no opening [%1]; WordPress shows it as plain text")
                         .arg(tags.at(closer.second)),
                     closer.first);
    }

    // Unregistered tags only where WordPress sees plain text, so they never hide a real one.
    if (depth == 0 && !unknownOpeners.isEmpty()) {
        QList<int> merged;
        qsizetype gapBegin = begin;
        qsizetype li = 0;
        qsizetype ui = 0;
        while (ui < unknownOpeners.size() || li < level.size()) {
            const qsizetype gapEnd = li < level.size() ? m_nodes.at(level.at(li)).range.begin : end;
            while (ui < unknownOpeners.size() && unknownOpeners.at(ui) < gapEnd) {
                const qsizetype p = unknownOpeners.at(ui++);
                if (p < gapBegin)
                    continue;
                const qsizetype close = view.first(gapEnd).indexOf(u']', p);
                if (close < 0 || m_comments.contains(p))
                    continue;
                ShortcodeNode node;
                node.kind = ShortcodeNode::Kind::Unknown;
                qsizetype q = p + 1;
                while (q < close && !endsPrecheckName(m_text.at(q)))
                    ++q;
                node.tag = m_text.mid(p + 1, q - p - 1).toString();
                node.range = {p, close + 1};
                node.selfClosingSlash = close - 1 >= q && m_text.at(close - 1) == QLatin1Char('/');
                node.attributesRange = {q, node.selfClosingSlash ? close - 1 : close};
                node.attributes = wp::parseShortcodeAttributes(m_text, node.attributesRange);
                node.parent = parent;
                merged.append(int(m_nodes.size()));
                m_nodes.append(node);
                gapBegin = close + 1;
            }
            if (li < level.size()) {
                merged.append(level.at(li));
                gapBegin = std::max(gapBegin, m_nodes.at(level.at(li)).range.end);
                ++li;
            } else {
                break;
            }
        }
        level = merged;
    }
    return level;
}

void ParseRun::analyseCaption(int nodeIndex, bool nestedInCaption, int line, int column)
{
    const ShortcodeNode &node = m_nodes.at(nodeIndex);
    using Severity = ShortcodeDiagnostic::Severity;
    Caption cap;
    cap.node = nodeIndex;
    cap.range = node.range;
    cap.line = line;
    cap.column = column;
    cap.id = node.attribute(u"id");
    cap.align = node.attribute(u"align");
    cap.widthText = node.attribute(u"width");
    cap.width = wp::phpIntval(cap.widthText);
    cap.cssClass = node.attribute(u"class");
    cap.captionId = node.attribute(u"caption_id");
    cap.legacyAttribute = node.hasAttribute(u"caption");

    if (cap.id.startsWith(QLatin1String("attachment_"))) {
        bool ok = false;
        const int id = QStringView(cap.id).mid(11).toInt(&ok);
        if (ok && id > 0)
            cap.attachmentId = id;
    }
    if (nestedInCaption) {
        diagnose(Severity::Error,
                 QStringLiteral("A caption inside another caption: WordPress ends the outer one "
                                "at the first [/%1]")
                     .arg(node.tag),
                 node.range.begin);
    }

    if (cap.legacyAttribute) {
        for (const ShortcodeAttribute &a : node.attributes) {
            if (a.name == u"caption") {
                cap.text = a.value;
                cap.textRange = a.valueRange;
            }
        }
    } else if (node.enclosing) {
        const TextRange content = node.contentRange;
        const QStringView view = m_text.first(content.end);
        // The image part as img_caption_shortcode() finds it: optional <a …> around one <img …>.
        for (qsizetype i = view.indexOf(u'<', content.begin); i >= 0;
             i = view.indexOf(u'<', i + 1)) {
            qsizetype imgAt = -1;
            bool linked = false;
            if (startsWithCI(view, i, u"<a ")) {
                const qsizetype gt = view.indexOf(u'>', i + 3);
                if (gt > i + 3) {
                    qsizetype k = gt + 1;
                    while (k < content.end && isAsciiSpace(m_text.at(k)))
                        ++k;
                    if (startsWithCI(view, k, u"<img ")) {
                        imgAt = k;
                        linked = true;
                    }
                }
            } else if (startsWithCI(view, i, u"<img ")) {
                imgAt = i;
            }
            if (imgAt < 0)
                continue;
            const qsizetype gt = view.indexOf(u'>', imgAt + 5);
            if (gt <= imgAt + 5)
                continue;
            qsizetype partEnd = gt + 1;
            qsizetype k = partEnd;
            while (k < content.end && isAsciiSpace(m_text.at(k)))
                ++k;
            if (startsWithCI(view, k, u"</a>"))
                partEnd = k + 4;
            cap.hasImage = true;
            cap.linked = linked;
            cap.imageRange = {i, partEnd};
            const QStringView imgTag = m_text.mid(imgAt, gt + 1 - imgAt);
            // src, alt and class in one pass; the first of each wins, as in htmlTagAttribute().
            QStringView src, alt, cls;
            bool haveSrc = false, haveAlt = false, haveClass = false;
            wp::forEachHtmlTagAttribute(imgTag, [&](QStringView name, QStringView value) {
                auto take = [&](QStringView wanted, QStringView *into, bool *have) {
                    if (*have || name.compare(wanted, Qt::CaseInsensitive) != 0)
                        return;
                    *into = value.isNull() ? QStringView(u"") : value;
                    *have = true;
                };
                take(u"src", &src, &haveSrc);
                take(u"alt", &alt, &haveAlt);
                take(u"class", &cls, &haveClass);
                return !(haveSrc && haveAlt && haveClass);
            });
            cap.imageSrc = src.toString();
            cap.imageAlt = alt.toString();
            if (cap.attachmentId == 0) {
                const qsizetype w = cls.indexOf(QLatin1String("wp-image-"));
                if (w >= 0) {
                    qsizetype e = w + 9;
                    while (e < cls.size() && cls.at(e).isDigit() && cls.at(e).unicode() < 128)
                        ++e;
                    cap.attachmentId = cls.mid(w + 9, e - w - 9).toInt();
                }
            }
            const TextRange before = wp::phpTrimmed(m_text, {content.begin, i});
            if (before.length() > 0)
                diagnose(Severity::Warning,
                         QStringLiteral("Text before the image in this caption is dropped by "
                                        "WordPress"),
                         before.begin);
            break;
        }
        cap.textRange = wp::phpTrimmed(
            m_text, {cap.hasImage ? cap.imageRange.end : content.begin, content.end});
        cap.text = m_text.mid(cap.textRange.begin, cap.textRange.length()).toString();
    } else if (!nestedInCaption) {
        diagnose(Severity::Warning,
                 QStringLiteral("[%1] is never closed with [/%1]; WordPress renders nothing for it")
                     .arg(node.tag),
                 node.range.begin);
    }

    cap.credit = splitCredit(cap.text);

    if (!nestedInCaption) {
        if (cap.id.isEmpty())
            diagnose(Severity::Warning,
                     QStringLiteral("This caption has no id; it cannot be matched to the media "
                                    "library"),
                     node.range.begin);
        if (!node.hasAttribute(u"width")) {
            diagnose(Severity::Warning,
                     QStringLiteral("This caption has no width; WordPress shows the image without "
                                    "its caption"),
                     node.range.begin);
        } else {
            bool digitsOnly = !cap.widthText.trimmed().isEmpty();
            for (QChar c : cap.widthText.trimmed())
                digitsOnly = digitsOnly && c.unicode() >= '0' && c.unicode() <= '9';
            if (!digitsOnly || cap.width < 1)
                diagnose(Severity::Warning,
                         QStringLiteral("Caption width \"%1\" is not a positive whole number "
                                        "(WordPress reads %2)")
                             .arg(cap.widthText)
                             .arg(cap.width),
                         node.range.begin);
        }
        if ((node.enclosing || cap.legacyAttribute) && !wp::phpTruthy(cap.text))
            diagnose(Severity::Warning,
                     QStringLiteral("This caption has no text; WordPress shows only the image"),
                     node.range.begin);
    }
    m_captions.append(std::move(cap));
}

} // namespace

ShortcodeParser::ShortcodeParser() = default;

ShortcodeParser::ShortcodeParser(Options options)
    : m_options(std::move(options))
{
}

QStringList ShortcodeParser::defaultRegisteredTags()
{
    return {QStringLiteral("caption"), QStringLiteral("wp_caption"), QStringLiteral("gallery"),
            QStringLiteral("playlist"), QStringLiteral("audio"),     QStringLiteral("video"),
            QStringLiteral("embed"),    QStringLiteral("media-credit")};
}

ShortcodeDocument ShortcodeParser::parse(const QString &body) const
{
    ShortcodeDocument doc;
    doc.m_source = body;
    ParseRun run(doc.m_source, m_options, nullptr, doc.m_nodes, doc.m_captions,
                 doc.m_diagnostics);
    const QList<int> top = run.parseRange(0, body.size(), -1, 0);

    qsizetype pos = 0;
    doc.m_segments.reserve(2 * top.size() + 1);
    for (int i : top) {
        const TextRange r = doc.m_nodes.at(i).range;
        if (r.begin > pos)
            doc.m_segments.append({{pos, r.begin}, -1});
        doc.m_segments.append({r, i});
        pos = r.end;
    }
    if (pos < body.size())
        doc.m_segments.append({{pos, body.size()}, -1});

    // Line and column in one forward sweep over the offsets we report.
    QList<std::pair<qsizetype, std::pair<int *, int *>>> wanted;
    for (Caption &c : doc.m_captions)
        if (c.line == 0)
            wanted.append({c.range.begin, {&c.line, &c.column}});
    for (ShortcodeDiagnostic &d : doc.m_diagnostics)
        wanted.append({d.offset, {&d.line, &d.column}});
    std::stable_sort(wanted.begin(), wanted.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    qsizetype at = 0;
    int line = 1;
    qsizetype lineStart = 0;
    const char16_t *data = reinterpret_cast<const char16_t *>(body.constData());
    for (auto &w : wanted) {
        const qsizetype target = std::clamp<qsizetype>(w.first, 0, body.size());
        if (target > at) {
            const auto newlines = std::count(data + at, data + target, u'\n');
            if (newlines > 0) {
                line += int(newlines);
                lineStart = at + QStringView(body).mid(at, target - at).lastIndexOf(u'\n') + 1;
            }
            at = target;
        }
        *w.second.first = line;
        *w.second.second = int(target - lineStart + 1);
    }
    std::stable_sort(doc.m_diagnostics.begin(), doc.m_diagnostics.end(),
                     [](const ShortcodeDiagnostic &a, const ShortcodeDiagnostic &b) {
                         return a.offset < b.offset;
                     });
    return doc;
}

// ShortcodeNode / ShortcodeDocument

QString ShortcodeNode::attribute(QStringView name) const
{
    for (qsizetype i = attributes.size() - 1; i >= 0; --i) {
        if (attributes.at(i).name == name)
            return attributes.at(i).value.isNull() ? QString(QLatin1String(""))
                                                   : attributes.at(i).value;
    }
    return QString();
}

bool ShortcodeNode::hasAttribute(QStringView name) const
{
    for (const ShortcodeAttribute &a : attributes) {
        if (a.name == name)
            return true;
    }
    return false;
}

bool ShortcodeDocument::hasErrors() const
{
    for (const ShortcodeDiagnostic &d : m_diagnostics) {
        if (d.severity == ShortcodeDiagnostic::Severity::Error)
            return true;
    }
    return false;
}

QString ShortcodeDocument::serialize() const
{
    // Segments tile the source when nothing was spliced in, so the source itself can be
    // shared instead of copied; the concatenation below is the general case.
    bool tiles = true;
    qsizetype next = 0;
    for (const Segment &s : m_segments) {
        tiles = tiles && s.range.begin == next;
        next = s.range.end;
    }
    if (tiles && next == m_source.size())
        return m_source;
    QString out;
    out.reserve(m_source.size());
    for (const Segment &s : m_segments)
        out += QStringView(m_source).mid(s.range.begin, s.range.length());
    return out;
}

void ShortcodeDocument::lineColumn(qsizetype offset, int *line, int *column) const
{
    offset = std::clamp<qsizetype>(offset, 0, m_source.size());
    const QStringView before = QStringView(m_source).first(offset);
    if (line)
        *line = int(before.count(QLatin1Char('\n'))) + 1;
    if (column)
        *column = int(offset - (before.lastIndexOf(QLatin1Char('\n')) + 1)) + 1;
}

} // namespace byline
