#include "articlelistmodel.h"

#include "database.h"
#include "itemroles.h"

#include <QIcon>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QPolygonF>
#include <QPointer>
#include <QScopedValueRollback>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

namespace byline {

namespace {

// The reading thread gives way to painting: Qt's raster engine fills large areas on a pool of
// threads and the window waits for them, so a page being read beside a paint on a machine
// with few cores made that paint wait (15-30 ms, ~1 step in 10 000 while scrolling a million
// rows). At nice 15 the painting threads go first (no step over 16 ms in 8 runs; at nice 10
// one run in 8 still had two), and the reader keeps a small share when the machine is busy:
// with three busy programs on two cores, 50 pages took 5.5 s (18 s at nice 19). Idle
// scheduling (QThread::IdlePriority) starved it there: 85-100 s.
// QThread's priorities do not change nice values on Linux, so this is asked of the kernel.
void yieldToPainting()
{
#ifdef Q_OS_LINUX
    static thread_local bool done = false;
    if (!done) {
        done = true;
        setpriority(PRIO_PROCESS, 0, 15); // on Linux, 0 is the calling thread; best effort
    }
#endif
}

QString shortTime(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QStringLiteral("d MMM yyyy HH:mm")) : QString();
}

// A small round mark in a colour, drawn once per colour.
QIcon dot(const QColor &colour)
{
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(colour.darker(130));
    p.setBrush(colour);
    p.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pm);
}

QString readinessKey(ArticleSummary::Readiness r)
{
    switch (r) {
    case ArticleSummary::Readiness::Ready:
        return QStringLiteral("ready");
    case ArticleSummary::Readiness::Warnings:
        return QStringLiteral("warnings");
    case ArticleSummary::Readiness::Errors:
        return QStringLiteral("errors");
    case ArticleSummary::Readiness::Unknown:
        break;
    }
    return {};
}
} // namespace

QVariant ArticleListModel::decoration(const ArticleSummary &a, int column) const
{
    if (column == StatusColumn) {
        static const QIcon ready = dot(QColor(0x2e, 0x9d, 0x4f));
        static const QIcon warnings = dot(QColor(0xe0, 0xa8, 0x1d));
        static const QIcon errors = dot(QColor(0xc8, 0x32, 0x32));
        switch (a.readiness) {
        case ArticleSummary::Readiness::Ready:
            return ready;
        case ArticleSummary::Readiness::Warnings:
            return warnings;
        case ArticleSummary::Readiness::Errors:
            return errors;
        case ArticleSummary::Readiness::Unknown:
            return {};
        }
    }
    if (column == TitleColumn && a.missingCredits > 0) {
        static const QIcon warning = [] {
            // A warning triangle: a caption is missing its credit.
            QPixmap pm(14, 14);
            pm.fill(Qt::transparent);
            QPainter p(&pm);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QColor(0x9a, 0x6a, 0x00));
            p.setBrush(QColor(0xf2, 0xb7, 0x05));
            p.drawPolygon(QPolygonF({QPointF(7, 1), QPointF(13, 12.5), QPointF(1, 12.5)}));
            p.setPen(QPen(Qt::black, 1.6));
            p.drawLine(QPointF(7, 4.5), QPointF(7, 8.5));
            p.drawPoint(QPointF(7, 10.6));
            return QIcon(pm);
        }();
        return warning;
    }
    return {};
}

ArticleListModel::ArticleListModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent), m_db(db), m_repo(db)
{
    m_reader.setMaxThreadCount(1);
    m_reader.setExpiryTimeout(-1); // its connection is opened once, not per page
}

ArticleListModel::~ArticleListModel()
{
    // The reader's last task, queued behind any read under way on its one thread, closes
    // its connection there; nothing of it is left running when the database may go.
    // (Waiting first would end that thread with its connection still open.)
    Database *db = &m_db;
    m_reader.start([db] { db->closeConnection(); });
    m_reader.waitForDone();
}

void ArticleListModel::setReadAhead(bool on)
{
    if (m_readAhead == on)
        return;
    m_readAhead = on;
    if (on)
        startReadAhead();
}

void ArticleListModel::startReadAhead()
{
    if (!m_readAhead || !m_loaded || m_atEnd || m_aheadRunning || m_aheadPage)
        return;
    m_aheadRunning = true;
    // Everything the read needs goes with it by value: the model may change meanwhile.
    Database *db = &m_db;
    const ArticleQuery query = m_query;
    const std::optional<ArticleSummary> after = m_ids.isEmpty() ? std::nullopt : std::optional(m_last);
    const int limit = m_pageSize;
    const quint64 generation = m_generation;
    QPointer<ArticleListModel> self(this);
    m_reader.start([=] {
        yieldToPainting();
        Result<QList<ArticleSummary>> page = ArticleRepository(*db).page(query, after ? &*after : nullptr, limit);
        QMetaObject::invokeMethod(
            self, [self, generation, page] {
                if (self)
                    self->readAheadEnded(generation, page);
            },
            Qt::QueuedConnection);
    });
}

void ArticleListModel::readAheadEnded(quint64 generation, const Result<QList<ArticleSummary>> &page)
{
    if (generation != m_generation)
        return; // read for a list that is no longer shown; the current one has its own read
    m_aheadRunning = false;
    if (!m_aheadWanted) {
        m_aheadPage = page; // kept until a view asks
        return;
    }
    m_aheadWanted = false;
    showPage(page);
    startReadAhead();
}

int ArticleListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int ArticleListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArticleListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ArticleSummary *row = summaryAt(index.row());
    if (!row)
        return {};
    const ArticleSummary &a = *row;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return a.title.isEmpty() ? tr("(untitled)") : a.title;
        case StatusColumn:
            return statusLabel(a.status);
        case AuthorsColumn:
            return a.authorNames;
        case ScheduledColumn:
            return shortTime(a.scheduledAt);
        case UpdatedColumn:
            return shortTime(a.updatedAt);
        case WordsColumn:
            return QLocale().toString(a.wordCount);
        default:
            return {};
        }
    case Qt::DecorationRole:
        return decoration(a, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == WordsColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == ScheduledColumn && a.scheduledAt.isValid())
            return tr("%1 (UTC %2)").arg(shortTime(a.scheduledAt), a.scheduledAt.toUTC().toString(Qt::ISODate));
        if (index.column() == StatusColumn) {
            switch (a.readiness) {
            case ArticleSummary::Readiness::Ready:
                return tr("%1: no problems found at the last save").arg(statusLabel(a.status));
            case ArticleSummary::Readiness::Warnings:
                return tr("%1: warnings at the last save (see Checks)").arg(statusLabel(a.status));
            case ArticleSummary::Readiness::Errors:
                return tr("%1: errors at the last save keep it from ready or scheduled").arg(statusLabel(a.status));
            case ArticleSummary::Readiness::Unknown:
                return tr("%1: not checked yet").arg(statusLabel(a.status));
            }
        }
        if (index.column() == TitleColumn && a.missingCredits > 0)
            return tr("%1\n%n caption(s) without a credit", nullptr, a.missingCredits).arg(a.title);
        return index.column() == TitleColumn ? QVariant(a.title) : QVariant();
    case WordCountRole:
        return a.wordCount;
    case MissingCreditsRole:
        return a.missingCredits;
    case ReadinessRole:
        return readinessKey(a.readiness);
    case IdRole:
        return a.id;
    case StatusKeyRole:
        return statusKey(a.status);
    case SortValueRole:
        switch (index.column()) {
        case TitleColumn:
            return a.title;
        case StatusColumn:
            return statusKey(a.status);
        case AuthorsColumn:
            return a.authorNames;
        case ScheduledColumn:
            return a.scheduledAt;
        case UpdatedColumn:
            return a.updatedAt;
        case WordsColumn:
            return a.wordCount;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ArticleListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Title");
    case StatusColumn:
        return tr("Status");
    case AuthorsColumn:
        return tr("Authors");
    case ScheduledColumn:
        return tr("Scheduled");
    case UpdatedColumn:
        return tr("Updated");
    case WordsColumn:
        return tr("Words");
    default:
        return {};
    }
}

bool ArticleListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void ArticleListModel::fetchMore(const QModelIndex &parent)
{
    // Views and checkers may ask for more while rows are being inserted: one fetch at a time.
    if (parent.isValid() || m_atEnd || m_fetching)
        return;
    if (m_readAhead) {
        if (m_aheadPage) {
            const Result<QList<ArticleSummary>> page = std::move(*m_aheadPage);
            m_aheadPage.reset();
            showPage(page);
            startReadAhead();
        } else {
            m_aheadWanted = true; // shown when the read ends
            startReadAhead();
        }
        return;
    }
    // Continue after the last row by its sort key, never by counting rows (OFFSET).
    showPage(m_repo.page(m_query, m_ids.isEmpty() ? nullptr : &m_last, m_pageSize));
}

void ArticleListModel::showPage(const Result<QList<ArticleSummary>> &page)
{
    const QScopedValueRollback<bool> busy(m_fetching, true);
    if (!page) {
        m_atEnd = true; // stop asking; the view would retry forever
        m_lastError = page.error();
        emit loadFailed(page.error());
        return;
    }
    if (page->size() < m_pageSize)
        m_atEnd = true;
    if (page->isEmpty())
        return;
    const int first = int(m_ids.size());
    beginInsertRows({}, first, first + int(page->size()) - 1);
    append(*page);
    endInsertRows();
}

void ArticleListModel::sort(int column, Qt::SortOrder order)
{
    ArticleQuery q = m_query;
    switch (column) {
    case TitleColumn:
        q.sortKey = ArticleQuery::SortKey::Title;
        break;
    case StatusColumn:
        q.sortKey = ArticleQuery::SortKey::Status;
        break;
    case ScheduledColumn:
        q.sortKey = ArticleQuery::SortKey::Scheduled;
        break;
    case UpdatedColumn:
        q.sortKey = ArticleQuery::SortKey::Updated;
        break;
    default:
        return; // authors are not a sortable column of the database
    }
    q.descending = order == Qt::DescendingOrder;
    setQuery(q);
}

void ArticleListModel::setQuery(const ArticleQuery &query)
{
    if (m_loaded && query == m_query)
        return;
    m_query = query;
    loadFirstRows(m_pageSize);
}

void ArticleListModel::reload()
{
    loadFirstRows(std::max(m_pageSize, int(m_ids.size())));
}

void ArticleListModel::loadFirstRows(int count)
{
    // The first rows are part of the reset itself; views that ask for more while the reset is
    // being announced are told to wait.
    const QScopedValueRollback<bool> busy(m_fetching, true);
    // Read in pages by sort key, so that re-reading a long scrolled list never holds more than
    // one page of full rows at a time.
    QList<qint64> ids;
    ArticleSummary last;
    QString error;
    bool atEnd = false;
    QList<ArticleSummary> kept;
    while (ids.size() < count) {
        const int chunk = int(std::min<qsizetype>(count - ids.size(), std::max(m_pageSize, 1000)));
        auto rows = m_repo.page(m_query, ids.isEmpty() ? nullptr : &last, chunk);
        if (!rows) {
            error = rows.error();
            break;
        }
        for (const ArticleSummary &a : std::as_const(*rows))
            ids << a.id;
        if (!rows->isEmpty())
            last = rows->constLast();
        if (kept.size() < m_cacheRows)
            kept += *rows;
        if (rows->size() < chunk) {
            atEnd = true;
            break;
        }
    }
    m_loaded = true;
    // Whatever was read ahead belongs to the list being replaced.
    ++m_generation;
    m_aheadRunning = false;
    m_aheadWanted = false;
    m_aheadPage.reset();
    beginResetModel();
    m_recent.clear();
    m_older.clear();
    if (error.isEmpty()) {
        m_ids = std::move(ids);
        m_last = last;
        m_atEnd = atEnd;
        m_lastError.clear();
        for (const ArticleSummary &a : std::as_const(kept))
            remember(a);
    } else {
        m_ids.clear();
        m_atEnd = true;
        m_lastError = error;
    }
    endResetModel();
    if (!error.isEmpty())
        emit loadFailed(error);
    startReadAhead();
}

void ArticleListModel::append(const QList<ArticleSummary> &rows)
{
    // No reserve() here: reserving exactly one page more each time would copy the whole id
    // list on every page (8 MB at a million rows); appending grows it geometrically.
    for (const ArticleSummary &a : rows) {
        m_ids << a.id;
        remember(a);
    }
    if (!rows.isEmpty())
        m_last = rows.constLast();
}

const ArticleSummary *ArticleListModel::remember(const ArticleSummary &row) const
{
    // Two generations: when the young one is full it becomes the old one and the previous old
    // one is dropped, so the rows used lately stay and memory stays bounded.
    if (m_recent.size() >= m_cacheRows) {
        m_older = std::move(m_recent);
        m_recent.clear();
    }
    return &*m_recent.insert(row.id, row);
}

const ArticleSummary *ArticleListModel::summaryAt(int row) const
{
    if (row < 0 || row >= m_ids.size())
        return nullptr;
    const qint64 id = m_ids.at(row);
    if (auto it = m_recent.constFind(id); it != m_recent.cend())
        return &*it;
    if (auto it = m_older.constFind(id); it != m_older.cend()) {
        const ArticleSummary found = *it; // remember() may drop the old generation
        return remember(found);
    }
    // Read the block of rows around this one: a view asks for its neighbours next.
    const int first = row - row % kBlockRows;
    const int end = std::min<int>(first + kBlockRows, int(m_ids.size()));
    QList<qint64> wanted;
    wanted.reserve(end - first);
    for (int r = first; r < end; ++r) {
        if (!m_recent.contains(m_ids.at(r)))
            wanted << m_ids.at(r);
    }
    auto rows = m_repo.summaries(wanted);
    if (!rows) {
        m_lastError = rows.error();
        return nullptr;
    }
    for (const ArticleSummary &a : std::as_const(*rows))
        remember(a);
    if (auto it = m_recent.constFind(id); it != m_recent.cend())
        return &*it;
    const auto it = m_older.constFind(id); // the block may have turned a generation over
    return it != m_older.cend() ? &*it : nullptr; // or the row is gone since the list was read
}

qint64 ArticleListModel::articleId(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int ArticleListModel::rowOfArticle(qint64 id) const
{
    return int(m_ids.indexOf(id));
}

} // namespace byline
